"""The test command itself: no fixed wall-clock limits in tests, and scripts/test.sh runs every
step (the coverage report included) when one fails, then exits non-zero."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A numeric time limit passed to a call (a timeout or deadline keyword set to a number).
FIXED_LIMIT = re.compile(r"\b(?:timeout|deadline)\s*=\s*\d|monotonic\(\)\s*\+\s*\d")
STEPS = ["ruff", "ruff", "mypy", "pytest", "pytest", "coverage"]


def test_no_test_has_a_fixed_wall_clock_limit() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if FIXED_LIMIT.search(line) and "FIXED_LIMIT" not in line
    ]
    assert found == []


def _tool(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f'#!/usr/bin/env bash\necho "{name} $*" >> "$STEP_LOG"\n{body}\n')
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    """scripts/test.sh as shipped, with set-up stubbed out and tools that only log their call."""
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    shutil.copy(ROOT / "scripts" / "test.sh", scripts / "test.sh")
    (scripts / "_setup.sh").write_text(
        'VENV="$PWD/venv"\nsetup_venv() { :; }\nsetup_system_packages() { :; }\n'
    )
    tools = tmp_path / "venv" / "bin"
    tools.mkdir(parents=True)
    for name in ("ruff", "mypy", "coverage"):
        _tool(tools, name, "exit 0")
    # the main pytest run fails; the Spark run and the coverage report must still happen
    _tool(tools, "pytest", 'case "$*" in *--ignore=tests/spark*) exit 1;; *) exit 0;; esac')
    return tmp_path


def _run(sandbox: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STEP_LOG": str(sandbox / "steps.log")}
    return subprocess.run(
        ["bash", str(sandbox / "scripts" / "test.sh")],
        cwd=sandbox, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_test_sh_runs_every_step_after_a_failure_then_fails(sandbox: Path) -> None:
    result = _run(sandbox)
    calls = (sandbox / "steps.log").read_text().splitlines()
    assert [call.split()[0] for call in calls] == STEPS
    assert calls[-1] == "coverage report"
    assert result.returncode != 0
    assert "FAILED: pytest" in result.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_test_sh_passes_when_every_step_passes(sandbox: Path) -> None:
    _tool(sandbox / "venv" / "bin", "pytest", "exit 0")
    result = _run(sandbox)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all checks passed" in result.stdout
