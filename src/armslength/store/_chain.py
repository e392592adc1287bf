"""The hash chain: each event's hash covers its fields and the previous event's hash."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime


def to_utc(value: datetime) -> datetime:
    """*value* in UTC (naive = UTC); times beyond year 1 or 9999 once in UTC are clamped."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        edge = datetime.min if value.year == 1 else datetime.max
        return edge.replace(tzinfo=UTC)


def canonical_time(value: datetime) -> str:
    """UTC, microseconds, ``Z``: the same string on every backend."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_data(data: dict[str, object]) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(
    event_id: int, type_: str, actor: str, created: datetime, data: str, prev_hash: str
) -> str:
    """SHA-256 over the canonical JSON of the row's fields and *prev_hash*."""
    material = json.dumps(
        [event_id, type_, actor, canonical_time(created), data, prev_hash],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()
