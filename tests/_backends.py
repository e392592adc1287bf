"""Database backends for the store, API and web tests: SQLite always, PostgreSQL when there.

PostgreSQL comes from ``$ARMSLENGTH_TEST_POSTGRES_URL`` (``scripts/test.sh`` starts a server and
sets it). Without it the PostgreSQL cases skip with a visible reason, except on CI
(``CI=true``), where they fail: CI must exercise the real server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from armslength.store import Store, normalise_url, open_store

ENV = "ARMSLENGTH_TEST_POSTGRES_URL"
TABLES = ("events", "chain_head", "api_tokens", "alembic_version")


def postgres_url() -> str:
    url = os.environ.get(ENV)
    if url:
        return url
    message = f"PostgreSQL not available: set {ENV} (scripts/test.sh starts a server as root)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " — required on CI")
    pytest.skip(message)


def reset_postgres(url: str) -> None:
    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        for table in TABLES:
            conn.execute(text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))
    engine.dispose()


def backend_url(name: str, tmp_path: Path) -> str:
    if name == "sqlite":
        return f"sqlite:///{tmp_path / 'audit.db'}"
    url = postgres_url()
    reset_postgres(url)
    return url


BACKENDS = [pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return backend_url(str(request.param), tmp_path)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    yield opened
    opened.close()
