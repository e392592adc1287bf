"""Audit benchmark: a synthetic clinician with 5 platforms, ~5,000 connections, ~100,000
posts/comments and a 20,000-patient roster; the whole `armslength audit` timed end to end.

    .venv/bin/python benchmarks/bench_audit.py [--scale 1.0] [--keep DIR]

Runs the CLI in a child process and reports wall time and the child's peak RSS, plus the
size of report.html. Results go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from armslength.samples.synthetic import Scale, write_sample


def scale_for(factor: float) -> Scale:
    def n(value: int) -> int:
        return max(1, int(value * factor))

    return Scale(
        patients=n(20_000),
        friends=n(1_800),
        followers=n(1_400),
        connections=n(900),
        posts=n(32_000),  # facebook posts (+ a quarter as many comments) and instagram posts
        risky=0.05,
        x_followers=n(600),
        x_posts=n(15_000),
        mastodon_posts=n(13_000),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="armslength-bench-"))
    started = time.perf_counter()
    paths = write_sample(folder / "inputs", scale_for(args.scale), seed=11)
    generated = time.perf_counter() - started
    exports = [str(p) for key, p in paths.items() if key != "roster"]
    command = [
        sys.executable,
        "-m",
        "armslength.cli",
        "audit",
        *exports,
        "--roster",
        str(paths["roster"]),
        "--out",
        str(folder / "out"),
        "--json",
    ]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if result.returncode != 0:
        sys.exit(result.stderr)
    html = folder / "out" / "report.html"
    print(
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, cpus={_cpus()}"
    )
    print(f"inputs generated in {generated:.1f}s: {', '.join(sorted(paths))}")
    print(result.stdout.strip())
    print(
        f"audit wall time: {elapsed:.1f}s; peak RSS of the audit process: {peak_mb:.0f} MB; "
        f"report.html {html.stat().st_size / 1e6:.1f} MB"
    )


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    main()
