"""The one-shot SQLite append writes exactly what the store writes, or stands aside."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from armslength.errors import StoreError
from armslength.store import (
    AdviceGiven,
    Event,
    TextScreened,
    _oneshot,
    content_hash,
    open_store,
    record,
)
from armslength.store._chain import to_utc

EAST = timezone(timedelta(hours=5, minutes=30))


def _events() -> list[Event]:
    return [
        TextScreened(
            kind="post", risk="high", text_sha256=content_hash("a"), labels={"AGE": 1},
            rules=["phi-age"], created=datetime(2026, 3, 1, 9, 30, tzinfo=UTC), actor="cli:ä",
        ),
        TextScreened(
            kind="post", risk="none", text_sha256=content_hash("b"),
            created=datetime(2026, 3, 1, 9, 30, 0, 123456),  # naive: UTC
        ),
        AdviceGiven(
            verdict="decline", rules=["no-personal-connection"], policy_version="1",
            relationship="current-patient", kind="friend", account="personal", platform="other",
            role="doctor", jurisdiction="uk", has_message=False,
            created=datetime(999, 12, 31, 23, 0, 5, tzinfo=EAST),
        ),
    ]  # fmt: skip


def _fields(event: Event) -> tuple[object, ...]:
    return event.type, event.actor, to_utc(event.created), event.data()


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _fresh(path: Path) -> str:
    open_store(_url(path)).close()
    return _url(path)


def _rows(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        events = conn.execute("SELECT * FROM events ORDER BY id").fetchall()
        head = conn.execute("SELECT * FROM chain_head").fetchall()
    return events, head


def test_rows_are_byte_identical_to_the_stores(tmp_path: Path) -> None:
    by_store, by_oneshot = _fresh(tmp_path / "a.db"), _fresh(tmp_path / "b.db")
    store = open_store(by_store)
    store.append_many(_events())
    store.close()
    assert _oneshot.append(by_oneshot, _events())
    assert _rows(tmp_path / "b.db") == _rows(tmp_path / "a.db")
    assert len(_rows(tmp_path / "b.db")[0]) == 3


def test_the_store_reads_and_verifies_what_it_wrote(tmp_path: Path) -> None:
    url = _fresh(tmp_path / "audit.db")
    assert _oneshot.append(url, _events()[:1])
    store = open_store(url)
    store.append(_events()[1])
    store.close()
    assert _oneshot.append(url, _events()[2:])
    store = open_store(url)
    assert store.verify() == (True, None)
    assert [_fields(stored.event()) for stored in reversed(store.events())] == [
        _fields(event) for event in _events()
    ]
    store.close()


@pytest.mark.parametrize(
    "url",
    [
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///file.db?mode=ro",
        "sqlite:///~/audit.db",
        "postgresql+psycopg://user:secret@localhost/armslength",
    ],
)
def test_other_urls_are_left_to_the_store(url: str) -> None:
    assert _oneshot.sqlite_file(url) is None
    assert not _oneshot.append(url, _events())


def test_a_missing_or_unmigrated_file_is_left_to_the_store(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    assert not _oneshot.append(_url(missing), _events())
    assert not missing.exists()
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    assert not _oneshot.append(_url(empty), _events())
    not_a_database = tmp_path / "text.db"
    not_a_database.write_text("not a database\n" * 100)
    assert not _oneshot.append(_url(not_a_database), _events())


def test_record_creates_the_schema_then_appends(tmp_path: Path) -> None:
    path = tmp_path / "new" / "audit.db"
    assert record(_events()[0], url=_url(path)) is None
    assert record(_events()[1:], url=_url(path)) is None
    store = open_store(_url(path))
    assert store.count() == 3
    assert store.verify() == (True, None)
    store.close()


def test_a_log_without_a_chain_head_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    url = _fresh(path)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM chain_head")
    with pytest.raises(StoreError, match="no chain head"):
        _oneshot.append(url, _events())
    assert _rows(path) == ([], [])
    warning = record(_events(), url=url)
    assert warning is not None
    assert warning.startswith("armslength: warning: not recorded in the audit log:")
