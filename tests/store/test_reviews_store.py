"""Review decisions and audit digests: migration 0002 on both backends, keyed hashes only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from armslength.errors import StoreError
from armslength.store import MatchReviewed, Store, _migrate, _oneshot, content_hash, open_store
from armslength.store.adapters import review_event
from armslength.store.keys import Keyring, account_identity, installation_secret, key_path


def _decision(keyring: Keyring, decision: str, name: str = "Delphine Arbogast") -> MatchReviewed:
    account = keyring.account(account_identity("facebook", name, None, None) or "")
    return review_event(decision, account_key=account, patient_key=keyring.patient("P1002"))


def test_a_decision_is_kept_and_logged_together(store: Store, tmp_path: Path) -> None:
    keyring = Keyring.load(tmp_path / "review.key")
    first = store.save_review(_decision(keyring, "confirmed"))
    assert first.type == "match.reviewed" and first.data["decision"] == "confirmed"
    store.save_review(_decision(keyring, "rejected"))  # the newer decision replaces the older
    reviews = store.reviews()
    assert list(reviews.values()) == ["rejected"]
    assert store.count("match.reviewed") == 2
    assert store.verify() == (True, None)


def test_digests_replace_per_platform(store: Store) -> None:
    store.save_digests({"facebook": {"connections": ["a"]}, "x": {"connections": []}})
    store.save_digests({"facebook": {"connections": ["b"]}})
    assert store.digests() == {"facebook": {"connections": ["b"]}, "x": {"connections": []}}


def test_migration_from_0001_adds_the_review_tables(db_url: str) -> None:
    old = Store(db_url)
    config = _migrate._config()
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001_initial")
    with old.engine.connect() as conn:
        assert _migrate.current_revision(conn) == "0001_initial"
        assert not inspect(conn).has_table("match_reviews")
    old.close()
    store = open_store(db_url)  # migrates to HEAD
    with store.engine.connect() as conn:
        assert _migrate.current_revision(conn) == _migrate.HEAD == "0002_reviews"
        tables = set(inspect(conn).get_table_names())
    assert {"match_reviews", "audit_digests"} <= tables
    assert store.reviews() == {} and store.digests() == {}
    store.close()


def test_the_one_shot_path_stands_aside_below_head(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = Store(url)
    config = _migrate._config()
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001_initial")
    old.close()
    event = review_event("rejected", account_key="a" * 64, patient_key="b" * 64)
    assert _oneshot.append(url, [event]) is False  # 0001 is not HEAD: the store migrates first
    store = open_store(url)
    assert _oneshot.append(url, [event]) is True  # at HEAD the sqlite3 path appends
    assert store.count("match.reviewed") == 1 and store.verify() == (True, None)
    store.close()


def test_the_key_file_can_be_chosen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert key_path().parent.name == "armslength"  # beside the default audit log
    monkeypatch.setenv("ARMSLENGTH_REVIEW_KEY", str(tmp_path / "shared.key"))
    assert key_path() == tmp_path / "shared.key"
    secret = Keyring.load().secret
    assert bytes.fromhex((tmp_path / "shared.key").read_text()) == secret
    assert [p.name for p in tmp_path.iterdir()] == ["shared.key"]  # no temporary file left


def test_the_key_file_is_private_and_stable(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "review.key"
    secret = installation_secret(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert installation_secret(path) == secret and len(secret) == 32
    assert key_path().name == "review.key"
    path.write_text("not hex\n")
    with pytest.raises(StoreError, match=r"review\.key"):
        installation_secret(path)


def test_keyed_hashes_depend_on_the_secret_and_normalise(tmp_path: Path) -> None:
    one, two = Keyring.load(tmp_path / "1.key"), Keyring.load(tmp_path / "2.key")
    assert one.patient("P1002") == one.patient(" p1002 ") != two.patient("P1002")
    assert one.patient("P1002") != content_hash("P1002")  # not a plain hash a guess could test
    same = account_identity("facebook", "Delphine  ARBOGAST", None, None)
    assert same == account_identity("facebook", "delphine arbogast", None, None)


def test_a_log_from_a_newer_version_is_a_clear_error(db_url: str) -> None:
    store = open_store(db_url)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
    with pytest.raises(StoreError, match="newer than this Armslength knows"):
        store.upgrade()
    store.close()
