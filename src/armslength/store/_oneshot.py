"""A one-shot append to a current SQLite audit log with the standard library's ``sqlite3``.

A command that records one event would otherwise import SQLAlchemy (about a fifth of a second
of CPU, more than the rest of ``armslength advise``) to run three statements. :func:`append`
runs them through ``sqlite3`` (the driver SQLAlchemy uses for SQLite) in the transaction
:meth:`Store.append_many` runs (``BEGIN IMMEDIATE``, read the chain head, insert each event,
move the head) and writes the same bytes: ``tests/store/test_oneshot.py`` compares rows
written both ways. Both paths take SQLite's write lock, so they can run side by side.

It applies only to a plain ``sqlite:///file`` URL whose file exists with its schema at
:data:`~armslength.store._migrate.HEAD`; otherwise :func:`append` returns False and the caller
uses :class:`~armslength.store.Store`, which creates or migrates the schema.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from armslength.errors import StoreError
from armslength.store._chain import link, to_utc
from armslength.store._migrate import HEAD
from armslength.store.events import Event

_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")
_INSERT = (
    "INSERT INTO events (id, type, actor, created, data, prev_hash, hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_MOVE_HEAD = "UPDATE chain_head SET last_id = ?, last_hash = ? WHERE id = 1"


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///file`` URL; None for anything else (other backends,
    memory databases, query options, escapes), which the full store handles."""
    for prefix in _PREFIXES:
        if url.startswith(prefix):
            database = url[len(prefix) :]
            if database and not database.startswith(":") and not set(database) & set("?%~#"):
                return Path(database)
    return None


def sqlite_time(value: datetime) -> str:
    """*value* as SQLAlchemy's SQLite ``DATETIME`` stores a UTC time (naive, microseconds)."""
    v = to_utc(value)
    return (
        f"{v.year:04d}-{v.month:02d}-{v.day:02d} "
        f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}"
    )


def append(url: str, events: Sequence[Event]) -> bool:
    """Append *events* in one transaction; False (nothing written) when this path does not
    apply. A database error while appending is a :class:`StoreError`, as from the store."""
    database = sqlite_file(url)
    if database is None or not database.is_file():
        return False
    conn = _connect(database)
    if conn is None:
        return False
    try:
        if not _current(conn):
            return False
        try:
            _append_all(conn, events)
        except sqlite3.Error as exc:
            raise StoreError(f"audit log append failed on {url} ({type(exc).__name__})") from None
    finally:
        conn.close()
    return True


def _connect(database: Path) -> sqlite3.Connection | None:
    """A connection set up as the store's engine sets one up (WAL, timeout), or None."""
    try:
        conn = sqlite3.connect(
            f"file:{quote(str(database))}?mode=rw",
            uri=True,
            timeout=60,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.Error:
        conn.close()
        return None
    return conn


def _current(conn: sqlite3.Connection) -> bool:
    """The schema is at HEAD (no table, another revision or no database at all: False)."""
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        return False
    return rows == [(HEAD,)]


def _append_all(conn: sqlite3.Connection, events: Sequence[Event]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        head = conn.execute("SELECT last_id, last_hash FROM chain_head WHERE id = 1").fetchone()
        if head is None:
            raise StoreError("the audit log has no chain head: run `armslength db upgrade`")
        last_id, last_hash = int(head[0]), str(head[1])
        for event in events:
            row = link(event, last_id, last_hash)
            conn.execute(_INSERT, (*row[:3], sqlite_time(row.created), *row[4:]))
            last_id, last_hash = row.id, row.hash
        conn.execute(_MOVE_HEAD, (last_id, last_hash))
    except BaseException:
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
