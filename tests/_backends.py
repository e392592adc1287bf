"""Database backends for the store, API and web tests: SQLite always, PostgreSQL when there.

PostgreSQL comes from ``$ARMSLENGTH_TEST_POSTGRES_URL`` (``scripts/test.sh`` starts a server and
sets it). Without it the PostgreSQL cases skip with a visible reason, except on CI
(``CI=true``), where they fail: CI must exercise the real server.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from armslength.store import Store, normalise_url, open_store

ENV = "ARMSLENGTH_TEST_POSTGRES_URL"


def postgres_url() -> str:
    url = os.environ.get(ENV)
    if url:
        return url
    message = f"PostgreSQL not available: set {ENV} (scripts/test.sh starts a server as root)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " — required on CI")
    pytest.skip(message)


def _admin(url: str, statement: str) -> None:
    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.execute(text(statement))
    engine.dispose()


def fresh_schema_url(url: str) -> tuple[str, str]:
    """A URL whose connections use a new, empty schema (so parallel runs never collide)."""
    schema = f"t_{secrets.token_hex(6)}"
    _admin(url, f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}", schema


def drop_schema(url: str, schema: str) -> None:
    _admin(url, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


BACKENDS = [pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'audit.db'}"
        return
    base = postgres_url()
    url, schema = fresh_schema_url(base)
    yield url
    drop_schema(base, schema)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    yield opened
    opened.close()
