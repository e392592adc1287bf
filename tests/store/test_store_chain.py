"""The event log on SQLite and PostgreSQL: append, read, verify, purge, tamper detection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from armslength.errors import StoreError
from armslength.store import (
    AdviceGiven,
    MatchReviewed,
    PolicyChanged,
    RetentionPurged,
    Store,
    TextScreened,
    content_hash,
    open_store,
)


def screened(n: int, **extra: object) -> TextScreened:
    return TextScreened(kind="post", risk="none", text_sha256=content_hash(str(n)), **extra)  # type: ignore[arg-type]


def test_append_links_each_event_to_the_previous_one(store: Store) -> None:
    first = store.append(screened(1))
    second = store.append(screened(2))
    assert (first.id, second.id) == (1, 2)
    assert first.prev_hash == "0" * 64
    assert second.prev_hash == first.hash
    assert store.verify() == (True, None)


def test_events_round_trip_as_typed_events(store: Store) -> None:
    advice = AdviceGiven(
        verdict="decline", rules=["no-personal-connection"], policy_version="1",
        relationship="current-patient", kind="friend", account="personal", platform="other",
        role="doctor", jurisdiction="uk", has_message=True,
    )  # fmt: skip
    store.append(advice)
    stored = store.events()[0]
    assert stored.type == "advice.given"
    assert stored.event() == advice
    assert stored.created.tzinfo is not None


def test_filters_and_paging(store: Store) -> None:
    old = datetime.now(UTC) - timedelta(days=10)
    store.append(screened(1, created=old, actor="cli:a"))
    for n in range(2, 6):
        store.append(screened(n, actor="cli:b"))
    store.append(PolicyChanged(policy_version="2", rules=["r1"]))
    assert [e.id for e in store.events(limit=3)] == [6, 5, 4]
    assert [e.id for e in store.events(limit=3, before_id=4)] == [3, 2, 1]
    assert [e.type for e in store.events(type="policy.changed")] == ["policy.changed"]
    assert len(store.events(since=old + timedelta(days=1))) == 5
    assert [e.id for e in store.events(until=old + timedelta(days=1))] == [1]
    assert {e.actor for e in store.events(actor="cli:b")} == {"cli:b"}
    assert store.count() == 6
    assert store.count("text.screened") == 5


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("data", '{"kind":"post","risk":"high"}'),
        ("actor", "someone-else"),
        ("type", "policy.changed"),
        ("hash", "f" * 64),
    ],
)
def test_an_edited_row_breaks_the_chain(store: Store, column: str, value: str) -> None:
    for n in range(5):
        store.append(screened(n))
    with store.engine.begin() as conn:
        conn.execute(text(f"UPDATE events SET {column} = :v WHERE id = 3"), {"v": value})
    ok, bad = store.verify()
    assert not ok
    assert bad == 3 or (column == "hash" and bad in (3, 4))


def test_a_deleted_row_breaks_the_chain(store: Store) -> None:
    for n in range(5):
        store.append(screened(n))
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM events WHERE id = 2"))
    assert store.verify() == (False, 3)


def test_removing_the_newest_event_is_detected(store: Store) -> None:
    for n in range(3):
        store.append(screened(n))
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM events WHERE id = 3"))
    assert store.verify() == (False, 3)


def test_purge_deletes_old_events_keeps_a_valid_chain_and_logs_itself(store: Store) -> None:
    old = datetime.now(UTC) - timedelta(days=400)
    for n in range(3):
        store.append(screened(n, created=old))
    store.append(screened(9))
    event = store.purge(365, actor="cli:officer")
    assert isinstance(event, RetentionPurged)
    assert (event.deleted, event.first_kept_id) == (3, 4)
    remaining = store.events()
    assert [e.type for e in remaining] == ["retention.purged", "text.screened"]
    assert remaining[0].actor == "cli:officer"
    assert store.verify() == (True, None)
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM events WHERE id = 4"))
    assert store.verify() == (False, 5)


def test_purge_with_nothing_old_still_logs(store: Store) -> None:
    store.append(screened(1))
    event = store.purge(30)
    assert event.deleted == 0
    assert store.count("retention.purged") == 1
    assert store.verify() == (True, None)


def test_purge_rejects_negative_days(store: Store) -> None:
    with pytest.raises(StoreError, match="older_than_days"):
        store.purge(-1)


def test_status_reports_revision_and_head(store: Store) -> None:
    store.append(
        MatchReviewed(decision="rejected", account_sha256="a" * 64, patient_sha256="b" * 64)
    )
    status = store.status()
    assert status.up_to_date
    assert status.revision == status.head_revision == "0002_reviews"
    assert (status.events, status.last_id) == (1, 1)
    assert "***" in status.url or status.backend == "sqlite"


def test_status_of_an_empty_database(db_url: str) -> None:
    fresh = open_store(db_url, upgrade=False)
    status = fresh.status()
    assert status.revision is None
    assert not status.up_to_date
    fresh.upgrade()
    fresh.upgrade()  # idempotent
    assert fresh.status().up_to_date


def test_a_store_without_schema_gives_a_clear_error(db_url: str) -> None:
    fresh = open_store(db_url, upgrade=False)
    with pytest.raises(StoreError, match="audit log append failed"):
        fresh.append(screened(1))


def test_events_never_accept_unknown_fields() -> None:
    with pytest.raises(ValueError, match="text"):
        TextScreened(kind="post", risk="none", text_sha256="0" * 64, text="Jane Doe")  # type: ignore[call-arg]


def test_append_many_is_one_ordered_batch(store: Store) -> None:
    stored = store.append_many([screened(n) for n in range(3)])
    assert [e.id for e in stored] == [1, 2, 3]
    assert stored[2].prev_hash == stored[1].hash
    assert store.verify() == (True, None)


def test_record_batches_and_warns(db_url: str) -> None:
    from armslength.store import record

    assert record([screened(1), screened(2)], url=db_url) is None
    assert record(screened(3), url=db_url) is None
    assert open_store(db_url).count() == 3
    warning = record(screened(4), url="postgresql://x:y@127.0.0.1:1/none")
    assert warning is not None and warning.startswith("armslength: warning: not recorded")


def test_filter_times_at_the_edge_of_the_calendar(store: Store) -> None:
    from datetime import timezone

    store.append(screened(1))
    early = datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(minutes=2)))
    late = datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-5)))
    assert len(store.events(since=early)) == 1
    assert len(store.events(until=late)) == 1


def test_file_hash_of_files_and_folders(tmp_path: Path) -> None:
    from armslength.store import file_hash

    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "a.csv").write_bytes(b"abc")
    (tmp_path / "d" / "sub" / "b.json").write_bytes(b"{}")
    assert file_hash(tmp_path / "d" / "a.csv") == content_hash(b"abc")
    before = file_hash(tmp_path / "d")
    (tmp_path / "d" / "sub" / "b.json").write_bytes(b"[]")
    assert file_hash(tmp_path / "d") != before


def test_the_cheap_head_revision_is_alembics() -> None:
    from armslength.store import _migrate

    assert _migrate.head_revision() == _migrate.HEAD
