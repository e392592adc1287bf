"""``armslength db`` and ``armslength token`` on both backends, and advise recording events."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from armslength.cli import app
from armslength.store import open_store

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_db_commands(db_url: str) -> None:
    code, out = run("db", "status", "--db", db_url, "--json")
    assert code == 0 and json.loads(out)["revision"] is None
    assert run("db", "upgrade", "--db", db_url)[0] == 0
    code, out = run("db", "status", "--db", db_url)
    assert code == 0 and "0002_reviews" in out
    assert run("db", "verify", "--db", db_url) == (0, "Audit log chain intact.\n")
    code, out = run("db", "verify", "--db", db_url, "--json")
    assert json.loads(out) == {"ok": True, "first_bad_id": None}


def test_db_verify_fails_after_a_row_is_edited_by_hand(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARMSLENGTH_DATABASE_URL", db_url)
    for relationship in ("current-patient", "former-patient", "colleague"):
        assert run("advise", "--relationship", relationship, "--json")[0] == 0
    assert run("db", "verify")[0] == 0
    store = open_store(db_url)
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE events SET data = REPLACE(data, 'decline', 'accept') WHERE id = 1")
        )
    code, out = run("db", "verify")
    assert code == 1
    assert "BROKEN at event 1" in out
    code, out = run("db", "verify", "--json")
    assert (code, json.loads(out)) == (1, {"ok": False, "first_bad_id": 1})


def test_advise_records_an_event_without_the_message(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARMSLENGTH_DATABASE_URL", db_url)
    marker = "Zanzibar-Quillfeather-biopsy"
    code, _ = run(
        "advise", "--relationship", "current-patient", "--kind", "message", "--message", marker
    )
    assert code == 0
    event = open_store(db_url).events()[0]
    assert event.type == "advice.given"
    assert event.data["has_message"] is True
    assert event.data["verdict"] in {"decline", "review", "accept"}
    assert event.data["rules"]
    assert event.actor.startswith("cli")
    assert marker not in json.dumps(event.model_dump(mode="json"))


def test_advise_still_answers_when_the_store_is_down(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMSLENGTH_DATABASE_URL", "postgresql://x:y@127.0.0.1:1/none")
    result = CliRunner().invoke(app, ["advise", "--relationship", "current-patient", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["verdict"] == "decline"
    assert "warning: not recorded in the audit log" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_purge_command(db_url: str, tmp_path: pytest.TempPathFactory) -> None:
    assert (
        run("advise", "--relationship", "colleague", "--json")[0] == 0
    )  # default file, not db_url
    code, out = run("db", "purge", "--db", db_url)
    assert code == 2 and "retention_days" in out
    config = tmp_path / "c.toml"  # type: ignore[operator]
    config.write_text("retention_days = 30\n")
    code, out = run("db", "purge", "--db", db_url, "--config", str(config))
    assert code == 0 and "Purged 0 event(s) older than 30 day(s)" in out
    code, out = run("db", "purge", "--db", db_url, "--older-than-days", "0", "--json")
    assert code == 0 and json.loads(out)["type"] == "retention.purged"
    assert run("db", "verify", "--db", db_url)[0] == 0


def test_token_commands(db_url: str) -> None:
    assert run("token", "list", "--db", db_url) == (0, "No tokens.\n")
    code, out = run(
        "token",
        "create",
        "--role",
        "privacy_officer",
        "--label",
        "office",
        "--db",
        db_url,
        "--json",
    )
    created = json.loads(out)
    assert code == 0 and created["role"] == "privacy_officer"
    code, out = run("token", "create", "--role", "clinician", "--db", db_url)
    assert code == 0 and "shown only once" in out
    code, out = run("token", "list", "--db", db_url)
    assert created["id"] in out and "office" in out and "active" in out
    code, out = run("token", "revoke", created["id"], "--db", db_url)
    assert code == 0
    listed = json.loads(run("token", "list", "--db", db_url, "--json")[1])
    assert [t["revoked"] is not None for t in listed] == [True, False]
    assert created["token"].split(".")[1] not in json.dumps(listed)
    assert run("token", "revoke", "nope", "--db", db_url)[0] == 2
    assert run("token", "create", "--role", "admin", "--db", db_url)[0] == 2
