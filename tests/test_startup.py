"""Start-up: a command imports only what it uses (checked in fresh processes, never timed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from armslength.cli import COMMANDS

# Runs the console-script entry point with argv, then reports which modules were imported.
PROBE = """
import json, sys
argv, report = sys.argv[1:-1], sys.argv[-1]
sys.argv = ["armslength", *argv]
try:
    from armslength.cli import main
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
with open(report, "w") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""
RECORDING = [
    ("advise", "--relationship", "current-patient", "--kind", "friend", "--json"),
    ("screen", "--text", "Saw a 94 year old from Millbrook today", "--json"),
]
"""One advice and one screening, each written to the audit log."""
FRAMEWORKS = {"fastapi", "starlette", "uvicorn", "alembic", "multipart"}
"""Never needed by a one-shot command that is not ``serve`` or ``db``."""


def _imported(tmp_path: Path, *argv: str) -> set[str]:
    (tmp_path / "config.toml").touch()
    env = {
        **os.environ,
        "ARMSLENGTH_DATABASE_URL": f"sqlite:///{tmp_path / 'audit.db'}",
        "ARMSLENGTH_CONFIG": str(tmp_path / "config.toml"),
    }
    report = tmp_path / "modules.json"
    command = [sys.executable, "-c", PROBE, *argv, str(report)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    result = json.loads(report.read_text(encoding="utf-8"))
    assert result["code"] in (0, 1, None), done.stderr  # screen: 1 = risk found
    return {name.split(".")[0] for name in result["modules"]}


def _all_modules(tmp_path: Path, *argv: str) -> set[str]:
    _imported(tmp_path, *argv)
    result = json.loads((tmp_path / "modules.json").read_text(encoding="utf-8"))
    return set(result["modules"])


def test_version_imports_neither_the_store_nor_typer_nor_pydantic(tmp_path: Path) -> None:
    imported = _imported(tmp_path, "--version")
    assert not imported & (FRAMEWORKS | {"sqlalchemy", "typer", "click", "rich", "pydantic"})


@pytest.mark.parametrize("argv", RECORDING, ids=["advise", "screen"])
def test_a_recording_command_imports_no_server_and_no_migrations(
    tmp_path: Path, argv: tuple[str, ...]
) -> None:
    _imported(tmp_path, *argv)  # the first run creates the log's schema
    imported = _imported(tmp_path, *argv)
    assert (tmp_path / "audit.db").stat().st_size > 0
    assert not imported & FRAMEWORKS


@pytest.mark.parametrize("argv", RECORDING, ids=["advise", "screen"])
def test_json_output_loads_no_rich_and_a_screen_without_phone_or_roster_neither(
    tmp_path: Path, argv: tuple[str, ...]
) -> None:
    modules = {f".{name}" for name in _all_modules(tmp_path, *argv)}
    assert not {name for name in modules if name.startswith(".rich")}
    assert ".phonenumbers" not in modules
    assert ".armslength.roster" not in modules


def test_a_command_imports_only_its_own_cli_module(tmp_path: Path) -> None:
    _imported(tmp_path, "advise", "--relationship", "former-patient", "--json")
    result = json.loads((tmp_path / "modules.json").read_text(encoding="utf-8"))
    commands = {
        name.rsplit(".", 1)[1]
        for name in result["modules"]
        if name.startswith("armslength.cli.") and not name.rsplit(".", 1)[1].startswith("_")
    }
    assert commands == {"advise"}


def test_help_still_lists_every_command(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "armslength.cli", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert done.returncode == 0, done.stderr
    listed = {line.split()[1] for line in done.stdout.splitlines() if line.startswith("│ ")}
    assert set(COMMANDS) <= listed


@pytest.mark.parametrize("argv", RECORDING, ids=["advise", "screen"])
def test_a_second_run_parses_no_yaml_renders_no_template_and_loads_no_photo_screening(
    tmp_path: Path, argv: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARMSLENGTH_CACHE_DIR", str(tmp_path / "cache"))
    first = _all_modules(tmp_path, *argv)  # fills the cache: documents, replies, patterns
    second = _all_modules(tmp_path, *argv)
    assert {"yaml", "jinja2"} & {name.split(".")[0] for name in first}
    assert not {"yaml", "jinja2"} & {name.split(".")[0] for name in second}
    assert "armslength.photos.screening" not in second
