"""Compiled patterns kept between runs: reused, rebuilt when damaged, never holding input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Screens a text in a fresh process after start(), counting the patterns ``re`` had to compile.
PROBE = """
import json, sys
from re import _compiler
compiled = []
original = _compiler.compile
def counting(pattern, flags=0):
    compiled.append(pattern)
    return original(pattern, flags)
_compiler.compile = counting
from armslength import _regex_cache
_regex_cache.start()
from armslength.screen import screen
result = screen(sys.argv[1])
print(json.dumps({"compiled": len(compiled), "result": result.model_dump(mode="json")}))
"""
TEXT = "Saw Mrs Quennell (72) from Millbrook in bay 4 today, her sepsis is settling"
ROSTER = "id,given,family,dob\nP-71,Thomasina,Quennell,1953-02-11\n"


def _env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "config.toml").touch()
    return {
        **os.environ,
        "ARMSLENGTH_CACHE_DIR": str(tmp_path / "cache"),
        "ARMSLENGTH_DATABASE_URL": f"sqlite:///{tmp_path / 'audit.db'}",
        "ARMSLENGTH_CONFIG": str(tmp_path / "config.toml"),
    }


def _probe(tmp_path: Path, text: str = TEXT) -> dict[str, object]:
    command = [sys.executable, "-c", PROBE, text]
    done = subprocess.run(command, env=_env(tmp_path), capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _regex_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").rglob("regex-*"))


def test_a_second_process_compiles_almost_nothing_and_finds_the_same(tmp_path: Path) -> None:
    first = _probe(tmp_path)
    assert _regex_files(tmp_path), "the first run keeps its compiled patterns"
    second = _probe(tmp_path)
    assert second["result"] == first["result"]
    assert isinstance(first["compiled"], int) and isinstance(second["compiled"], int)
    assert first["compiled"] > 100
    assert second["compiled"] < first["compiled"] / 10


def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path: Path) -> None:
    first = _probe(tmp_path)
    (path,) = _regex_files(tmp_path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    again = _probe(tmp_path)
    assert again["result"] == first["result"]
    assert isinstance(again["compiled"], int) and again["compiled"] > 100  # compiled afresh
    assert _probe(tmp_path)["result"] == first["result"]


def test_the_cache_never_holds_the_screened_text_or_roster_names(tmp_path: Path) -> None:
    env = _env(tmp_path)
    post = tmp_path / "post.txt"
    post.write_text(TEXT, encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    armslength = [sys.executable, "-m", "armslength.cli"]
    for extra in ([], ["--roster", str(roster)]):
        command = [*armslength, "screen", str(post), "--json", *extra]
        done = subprocess.run(command, env=env, capture_output=True, check=False)
        assert done.returncode == 1, done.stderr  # a finding
    kept = b"".join(path.read_bytes() for path in _regex_files(tmp_path))
    assert _regex_files(tmp_path)
    for secret in ("Quennell", "Thomasina", "Millbrook", "P-71", "sepsis is settling"):
        assert secret.encode() not in kept, secret
