"""Database URLs and engines: SQLite (WAL) by default, PostgreSQL for a practice.

Resolving a URL needs only the standard library; SQLAlchemy is imported when an engine is
made or a URL has to be parsed, so a command that appends through
:mod:`armslength.store._oneshot` never loads it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from armslength.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy import Engine

ENV_DATABASE_URL = "ARMSLENGTH_DATABASE_URL"
APP_NAME = "armslength"


def default_database_path() -> Path:
    """``armslength.db`` in the user's data directory."""
    return Path(platformdirs.user_data_dir(APP_NAME)) / "armslength.db"


def resolve_url(url: str | None = None, settings_url: str | None = None) -> str:
    """The URL to use: explicit, then ``$ARMSLENGTH_DATABASE_URL``, settings, the default file."""
    chosen = url or os.environ.get(ENV_DATABASE_URL) or settings_url
    if not chosen:
        return f"sqlite:///{default_database_path()}"
    return normalise_url(chosen)


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` (psycopg 3 driver), ``sqlite:///file`` or a bare file path."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def safe_url(url: str) -> str:
    """The URL with its password hidden, for messages and ``db status``."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<invalid database URL>"


def _sqlite_engine(url: str) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy, not pysqlite, issues BEGIN
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # one writer at a time, across processes

    return engine


def create_store_engine(url: str) -> Engine:
    """An engine for *url*; a clear :class:`StoreError` for an unusable URL."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        raise StoreError("invalid database URL", field="database_url") from None
    if backend == "sqlite":
        return _sqlite_engine(url)
    if backend == "postgresql":
        return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
    raise StoreError(
        f"unsupported database '{backend}' (use sqlite or postgresql)", field="database_url"
    )
