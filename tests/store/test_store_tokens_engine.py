"""API tokens, URLs and engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from armslength.errors import StoreError
from armslength.store import Store, TokenRole, normalise_url, open_store, resolve_url, safe_url
from armslength.store._engine import default_database_path


def test_token_lifecycle(store: Store) -> None:
    info, token = store.create_token(TokenRole.CLINICIAN, label="front desk")
    assert token.startswith("alt_") and info.id in token
    assert store.has_tokens()
    assert store.authenticate(token) == info
    assert store.authenticate(token + "x") is None
    assert store.authenticate("alt_nothere.secret") is None
    assert store.authenticate("garbage") is None
    revoked = store.revoke_token(info.id)
    assert revoked.revoked is not None
    assert store.authenticate(token) is None
    assert not store.has_tokens()
    assert [e.data["action"] for e in store.events(type="token.changed")] == ["revoked", "created"]


def test_token_secret_is_not_stored(store: Store) -> None:
    _, token = store.create_token("privacy_officer")
    secret = token.split(".", 1)[1]
    with store.engine.connect() as conn:
        dump = " ".join(str(row) for row in conn.exec_driver_sql("SELECT * FROM api_tokens"))
        dump += " ".join(str(row) for row in conn.exec_driver_sql("SELECT * FROM events"))
    assert secret not in dump


def test_revoking_an_unknown_token(store: Store) -> None:
    with pytest.raises(StoreError, match="no token"):
        store.revoke_token("nope")


def test_url_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ARMSLENGTH_DATABASE_URL", raising=False)
    assert resolve_url() == f"sqlite:///{default_database_path()}"
    assert resolve_url(None, "sqlite:///x.db") == "sqlite:///x.db"
    monkeypatch.setenv("ARMSLENGTH_DATABASE_URL", "postgresql://u:p@h/db")
    assert resolve_url(None, "sqlite:///x.db") == "postgresql+psycopg://u:p@h/db"
    assert resolve_url("sqlite:///y.db") == "sqlite:///y.db"
    assert normalise_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    assert normalise_url("postgres://h/db") == "postgresql+psycopg://h/db"
    assert safe_url("postgresql+psycopg://u:secret@h/db") == "postgresql+psycopg://u:***@h/db"
    assert safe_url("::::") == "<invalid database URL>"


def test_default_store_lives_in_the_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARMSLENGTH_DATABASE_URL", raising=False)
    store = open_store()
    assert default_database_path().exists()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.close()


@pytest.mark.parametrize(
    ("url", "message"), [("mysql://h/db", "unsupported"), (":://x", "invalid")]
)
def test_unusable_urls(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(url)


def test_unreachable_postgres_is_a_store_error() -> None:
    store = open_store("postgresql://nobody:x@127.0.0.1:1/none", upgrade=False)
    with pytest.raises(StoreError, match=r"failed on postgresql\+psycopg://nobody:\*\*\*@"):
        store.verify()
