"""`armslength screen` writes what it checked to the audit log: hashes and counts, never text."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from armslength.cli import app
from armslength.store import content_hash, open_store

runner = CliRunner()
SECRET = "Quennellworth"


def _events(db: Path) -> list[dict[str, object]]:
    store = open_store(f"sqlite:///{db}")
    try:
        assert store.verify()[0]
        return [e.data for e in store.events(type="text.screened")]
    finally:
        store.close()


def test_single_text_is_recorded_by_hash(tmp_path: Path) -> None:
    db = tmp_path / "log.db"
    draft = tmp_path / "draft.txt"
    text = f"Saw Mrs {SECRET} in clinic today, 94 years old"
    draft.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["screen", str(draft), "--json"], env={"ARMSLENGTH_DATABASE_URL": f"sqlite:///{db}"}
    )
    assert result.exit_code == 1
    events = _events(db)
    assert len(events) == 1
    assert events[0]["text_sha256"] == content_hash(text)
    assert events[0]["risk"] == json.loads(result.stdout)["risk"]
    assert SECRET.encode() not in db.read_bytes()


def test_each_jsonl_line_is_recorded(tmp_path: Path) -> None:
    db = tmp_path / "log.db"
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        json.dumps({"id": "a", "text": f"{SECRET} is 93"})
        + "\n\nnot json\n"
        + json.dumps({"id": "b", "text": "hello"})
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        ["screen", str(batch), "--jsonl", "--fail-on", "none"],
        env={"ARMSLENGTH_DATABASE_URL": f"sqlite:///{db}"},
    )
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3
    assert len(_events(db)) == 2
    assert SECRET.encode() not in db.read_bytes()
