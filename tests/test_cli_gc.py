"""The command line moves what start-up allocated out of the garbage collector's way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import gc, json, sys
sys.argv = ["armslength", *sys.argv[1:]]
from armslength.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "frozen": gc.get_freeze_count()}), file=sys.stderr)
"""


def test_a_screening_freezes_its_start_up_objects_and_answers_as_before(tmp_path: Path) -> None:
    (tmp_path / "config.toml").touch()
    env = {
        **os.environ,
        "ARMSLENGTH_CACHE_DIR": str(tmp_path / "cache"),
        "ARMSLENGTH_DATABASE_URL": f"sqlite:///{tmp_path / 'audit.db'}",
        "ARMSLENGTH_CONFIG": str(tmp_path / "config.toml"),
    }
    argv = ["screen", "--text", "Saw Mrs Quennell (72) in bay 4 today", "--json"]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], env=env, capture_output=True, text=True, check=True
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] == 1  # findings at or above medium
    assert report["frozen"] > 10_000
    assert json.loads(done.stdout)["risk"] == "high"
