"""The tables of the audit log (SQLAlchemy Core); migrations create them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Dialect,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.types import TypeDecorator

from armslength.store._chain import to_utc

GENESIS_HASH = "0" * 64


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite keeps them naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = to_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


metadata = MetaData()

events = Table(
    "events",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("type", String(64), nullable=False, index=True),
    Column("actor", String(200), nullable=False),
    Column("created", UTCDateTime(), nullable=False, index=True),
    Column("data", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

chain_head = Table(
    "chain_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("last_id", BigInteger, nullable=False),
    Column("last_hash", String(64), nullable=False),
    Column("base_id", BigInteger, nullable=False),
    Column("base_hash", String(64), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("role", String(32), nullable=False),
    Column("secret_sha256", String(64), nullable=False),
    Column("label", String(200), nullable=True),
    Column("created", UTCDateTime(), nullable=False),
    Column("revoked", UTCDateTime(), nullable=True),
)

match_reviews = Table(
    "match_reviews",
    metadata,
    Column("account_key", String(64), primary_key=True),
    Column("patient_key", String(64), primary_key=True),
    Column("decision", String(16), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("created", UTCDateTime(), nullable=False),
)

audit_digests = Table(
    "audit_digests",
    metadata,
    Column("platform", String(32), primary_key=True),
    Column("created", UTCDateTime(), nullable=False),
    Column("data", Text, nullable=False),
)
