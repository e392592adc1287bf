"""``screen``'s fast path (no Typer) answers exactly as the Typer command: output, messages,
exit codes and audit events, for every form it takes; every other form goes to Typer."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from armslength.cli import _fast

# Runs the console-script entry point; "typer" turns the fast path off first.
PROBE = """
import sys
mode, argv = sys.argv[1], sys.argv[2:]
import armslength.cli._fast as fast
ran = []
original = fast.run
def tracking(args):
    ran.append(True)
    original(args)
    ran.pop()  # it returned: Typer runs the command
if mode == "typer":
    fast.run = lambda args: None
else:
    fast.run = tracking
sys.argv = ["armslength", *argv]
from armslength.cli import main
try:
    main()
except SystemExit as exc:
    sys.stderr.write(f"\\n<fast={bool(ran)}>")
    raise
"""

POST = "Saw Mrs Quennell (72) from Millbrook in bay 4 today, her sepsis is settling"
LINES = [
    json.dumps({"id": "a", "text": POST}),
    "",
    "{not json",
    json.dumps({"id": 7, "text": "Flu clinic on Saturday, all welcome", "kind": "comment"}),
    json.dumps({"id": "c", "text": "Your results were normal, see you next week"}),
]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("fast")
    (base / "post.txt").write_text(POST, encoding="utf-8")
    (base / "clean.txt").write_text("A lovely sunny morning for a walk.", encoding="utf-8")
    (base / "reply.txt").write_text("Thanks Ann, glad your knee op went well!", encoding="utf-8")
    (base / "batch.jsonl").write_text("\n".join(LINES) + "\n", encoding="utf-8")
    (base / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    (base / "bad.txt").write_bytes(b"caf\xe9 \xff\xfe")
    (base / "folder").mkdir()
    return base


def _run(files: Path, tmp_path: Path, mode: str, argv: list[str]) -> dict[str, object]:
    (tmp_path / "config.toml").touch()
    database = tmp_path / f"{mode}.db"
    env = {
        **os.environ,
        "ARMSLENGTH_CACHE_DIR": str(tmp_path / "cache"),
        "ARMSLENGTH_DATABASE_URL": f"sqlite:///{database}",
        "ARMSLENGTH_CONFIG": str(tmp_path / "config.toml"),
    }
    env.pop("_ARMSLENGTH_COMPLETE", None)
    command = [sys.executable, "-c", PROBE, mode, *argv]
    done = subprocess.run(command, env=env, cwd=files, capture_output=True, text=True)
    stderr, _, marker = done.stderr.rpartition("\n<fast=")
    events: list[tuple[str, str, str]] = []
    if database.exists():
        with sqlite3.connect(database) as db:
            events = list(db.execute("select type, actor, data from events order by id"))
    return {
        "code": done.returncode,
        "stdout": done.stdout,
        "stderr": stderr,
        "events": events,
        "fast": marker.startswith("True"),
    }


CASES = [
    ["screen", "post.txt", "--json"],
    ["screen", "--json", "post.txt", "--fail-on", "none"],
    ["screen", "clean.txt", "--json"],
    ["screen", "reply.txt", "--json", "--kind", "reply", "--fail-on=high"],
    ["screen", "--jsonl", "batch.jsonl"],
    ["screen", "batch.jsonl", "--jsonl", "--kind=message", "--fail-on", "low"],
    ["screen", "batch.jsonl", "--jsonl", "--json", "--fail-on", "none"],
    ["screen", "empty.jsonl", "--jsonl"],
    ["screen", "nothere.txt", "--json"],
    ["screen", "Saw Mrs Quennell today", "--json"],
    ["screen", "bad.txt", "--json"],
    ["screen", "folder", "--jsonl"],
]


@pytest.mark.parametrize("argv", CASES, ids=[" ".join(c[1:]) for c in CASES])
def test_the_fast_path_answers_as_typer(files: Path, tmp_path: Path, argv: list[str]) -> None:
    fast = _run(files, tmp_path, "fast", argv)
    typer = _run(files, tmp_path, "typer", argv)
    assert fast["fast"], "the fast path ran this form"
    assert not typer["fast"]
    for key in ("code", "stdout", "stderr", "events"):
        assert fast[key] == typer[key], key


@pytest.mark.parametrize(
    "argv",
    [
        ["post.txt"],
        ["-", "--json"],
        ["post.txt", "--json", "--json"],
        ["post.txt", "--json", "--kind", "POST"],
        ["post.txt", "--json", "--kind"],
        ["post.txt", "--json", "--fail-on", "--json"],
        ["post.txt", "clean.txt", "--json"],
        ["post.txt", "--json", "--redact"],
        ["post.txt", "--json", "--allow", "Millbrook"],
        ["post.txt", "--json", "--config", "x.toml"],
        ["--text", "hello", "--json"],
        ["post.txt", "--json", "--", "x"],
        ["--help"],
        ["post.txt", "--json=yes"],
    ],
)
def test_other_forms_go_to_typer(argv: list[str]) -> None:
    assert _fast.parse(argv) is None


def test_typer_runs_a_form_the_fast_path_leaves(files: Path, tmp_path: Path) -> None:
    done = _run(files, tmp_path, "fast", ["screen", "post.txt", "--json", "--kind", "POST"])
    assert not done["fast"]
    assert done["code"] == 2 and "POST" in str(done["stderr"])  # Typer's own message


def test_a_photo_is_left_to_typer(
    files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    monkeypatch.setenv("ARMSLENGTH_CONFIG", str(tmp_path / "config.toml"))
    (tmp_path / "config.toml").touch()
    form = _fast.parse([str(photo), "--json"])
    assert form is not None
    assert _fast._screen_text(form) is None


def test_shell_completion_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_ARMSLENGTH_COMPLETE", "bash_complete")
    assert _fast.run(["post.txt", "--json"]) is None
