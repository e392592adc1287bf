"""Screening gives byte-identical results whether the lexicons are built from the text, written
to the cache or read back from it (each in a fresh process, as a user runs it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

POSTS = [
    "Long night on call: a 94 year old from Millbrook came in with sepsis last Tuesday.",
    "Met Sarah Jenkins' family at St Mary's in New York today, such a brave little girl #MRSA",
    "Congrats to Dr. Okafor and the whole team at Royal Infirmary! #proud #nhs",
    "Driving from Saint-Denis to Aix-en-Provence for a conference on COPD and asthma.",
    "ward 7b, bed 12: mrs o'neill (82) from Ballymena, dementia, ca 555-0142 re discharge",
]


def _screen(jsonl: Path, cache: Path, tmp_path: Path) -> str:
    env = {
        **os.environ,
        "ARMSLENGTH_CACHE_DIR": str(cache),
        "ARMSLENGTH_DATABASE_URL": f"sqlite:///{tmp_path / 'audit.db'}",
        "ARMSLENGTH_CONFIG": str(tmp_path / "config.toml"),
    }
    command = [sys.executable, "-m", "armslength.cli", "screen", "--jsonl", str(jsonl)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


@pytest.mark.slow
def test_findings_are_the_same_with_and_without_the_cache(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("", encoding="utf-8")
    jsonl = tmp_path / "posts.jsonl"
    lines = [json.dumps({"id": str(n), "text": text}) for n, text in enumerate(POSTS)]
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    cache = tmp_path / "cache"

    without = _screen(jsonl, blocked, tmp_path)
    writing = _screen(jsonl, cache, tmp_path)
    assert list((cache / "lexicons").glob("phrases-towns-*.bin"))
    reading = _screen(jsonl, cache, tmp_path)

    assert writing == without
    assert reading == without
    results = [json.loads(line) for line in without.splitlines()]
    assert len(results) == len(POSTS)
    labels = {finding["label"] for result in results for finding in result["findings"]}
    assert {"AGE", "LOCATION", "NAME"} <= labels
