"""CPU seconds of whole ``armslength`` processes: start-up included, as a user pays it.

Each command runs ``--runs`` times in a fresh process (audit log on: SQLite in a temp dir,
an empty settings file) after one warm-up run, which creates the log's schema, the prebuilt
lexicon cache and the bytecode of the package (the children run without
``PYTHONDONTWRITEBYTECODE``: an installed package has its ``.pyc`` files). The figure is the
median of the child's user + system CPU time, so a loaded machine inflates it less than wall
time would. Goals (issue 12): ``--version`` <= 0.15 s, ``advise ... --json`` <= 0.5 s,
screening one 280-character post <= 0.6 s.

    python benchmarks/bench_startup.py [--runs 10] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

POST = (
    "Long night on call: a 94 year old from Millbrook came in with sepsis last Tuesday. "
    "Pulled through! Thanks to the whole team on the ward for their work, and to the "
    "families who trust us with the people they love, every day and every night here."
)
GOALS = {"version": 0.15, "advise": 0.5, "screen": 0.6}


def _cpu(command: list[str], env: dict[str, str]) -> float:
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime


def _commands(exe: str, post: Path) -> dict[str, list[str]]:
    return {
        "version": [exe, "--version"],
        "advise": [
            exe,
            "advise",
            "--relationship",
            "current-patient",
            "--kind",
            "friend",
            "--account",
            "personal",
            "--json",
        ],
        "screen": [exe, "screen", str(post), "--json"],
    }


def run(runs: int) -> dict[str, dict[str, float]]:
    exe = shutil.which("armslength") or str(Path(sys.executable).with_name("armslength"))
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        post = base / "post.txt"
        post.write_text(POST[:280], encoding="utf-8")
        (base / "config.toml").write_text("", encoding="utf-8")
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "ARMSLENGTH_DATABASE_URL": f"sqlite:///{base / 'audit.db'}",
            "ARMSLENGTH_CONFIG": str(base / "config.toml"),
        }
        results = {}
        for name, command in _commands(exe, post).items():
            _cpu(command, env)  # warm: the log's schema, lexicon cache and bytecode, once
            times = [_cpu(command, env) for _ in range(runs)]
            results[name] = {"median_cpu_s": statistics.median(times), "goal_s": GOALS[name]}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.runs)
    if args.json:
        print(json.dumps({"machine": platform.platform(), "results": results}, indent=2))
        return
    print(f"{'command':10} {'median CPU s':>12} {'goal':>6}  met")
    for name, row in results.items():
        met = "yes" if row["median_cpu_s"] <= row["goal_s"] else "no"
        print(f"{name:10} {row['median_cpu_s']:12.3f} {row['goal_s']:6.2f}  {met}")


if __name__ == "__main__":
    main()
