"""Benchmark: REST API under load — 50 concurrent clients posting to /api/v1/screen.

    .venv/bin/python benchmarks/bench_api_load.py                       # SQLite, 50 clients, 30 s
    .venv/bin/python benchmarks/bench_api_load.py --db postgresql://u:p@127.0.0.1/db

Starts a real ``armslength serve`` (uvicorn) on a free loopback port with a fresh audit log,
drives it with N asyncio clients (httpx, one connection each) for a fixed time, then checks:
zero errors, the number of ``text.screened`` events equals the number of successful requests
(no lost events) and ``armslength db verify`` passes. Traffic goes to 127.0.0.1 only, and the
run stops by itself (bounded in time and in requests).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from sqlalchemy import create_engine, text

from armslength.store import normalise_url

TEXTS = [
    "Great run along the river this morning, legs are done!",
    "Lovely chat with Mrs Ada Whitfield (MRN 48213377) on ward 7 today",
    "Thanks so much for your kind review, we hope to see you again soon.",
    "Conference in Leeds next week: who else is going? #MedTwitter",
    "Call me on 555-201-7788 about the results from Tuesday's clinic",
    "Shift from hell: three admissions before 7am and the coffee machine broke.",
    "Our practice is closed on Monday for training; the portal is open as usual.",
    "Happy birthday to my wonderful sister Jane, 40 today!",
]
MAX_REQUESTS = 2_000_000  # a hard bound on top of the time bound


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db_url: str, port: int, folder: Path) -> subprocess.Popen[bytes]:
    log = (folder / "server.log").open("wb")
    env = {**os.environ, "XDG_DATA_HOME": str(folder / "data"), "XDG_CONFIG_HOME": str(folder)}
    command = [sys.executable, "-c", "from armslength.cli import main; main()", "serve"]
    command += ["--port", str(port), "--db", db_url, "--no-auth-on-loopback"]  # a script
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start; see " + str(folder / "server.log"))


async def client(base: str, until: float, latencies: list[float], errors: list[str]) -> None:
    rng = random.Random()
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while time.monotonic() < until and len(latencies) + len(errors) < MAX_REQUESTS:
            body = {"text": rng.choice(TEXTS), "kind": "post"}
            started = time.perf_counter()
            try:
                response = await http.post("/api/v1/screen", json=body)
                ok = response.status_code == 200 and "risk" in response.json()
                ok = ok and response.headers.get("armslength-audit-log") == "recorded"
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
                continue
            if ok:
                latencies.append(time.perf_counter() - started)
            else:
                errors.append(str(response.status_code))


async def drive(base: str, clients: int, seconds: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(*(client(base, until, latencies, errors) for _ in range(clients)))
    return latencies, errors, time.monotonic() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def count_events(db_url: str) -> int:
    engine = create_engine(normalise_url(db_url))
    with engine.connect() as conn:
        query = text("SELECT count(*) FROM events WHERE type = 'text.screened'")
        count = int(conn.execute(query).scalar_one())
    engine.dispose()
    return count


def _admin(db_url: str, statement: str) -> None:
    engine = create_engine(normalise_url(db_url))
    with engine.begin() as conn:
        conn.execute(text(statement))
    engine.dispose()


def fresh_schema(db_url: str) -> tuple[str, str]:
    """A new schema for this run (nothing else in the database is touched) and its URL."""
    schema = f"bench_{secrets.token_hex(4)}"
    _admin(db_url, f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in db_url else "?"
    return f"{db_url}{separator}options={quote(f'-csearch_path={schema}')}", schema


def verify(db_url: str) -> int:
    command = [sys.executable, "-c", "from armslength.cli import main; main()", "db", "verify"]
    return subprocess.run([*command, "--db", db_url], check=False).returncode


def run(args: argparse.Namespace) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="armslength-load-"))
    db_url = args.db or f"sqlite:///{folder / 'audit.db'}"
    schema = None
    if db_url.startswith("postgres"):
        db_url, schema = fresh_schema(args.db)
    port = free_port()
    server = start_server(db_url, port, folder)
    try:
        latencies, errors, elapsed = asyncio.run(
            drive(f"http://127.0.0.1:{port}", args.clients, args.seconds)
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    events = count_events(db_url)
    verified = verify(db_url)
    if schema is not None:
        _admin(args.db, f'DROP SCHEMA "{schema}" CASCADE')
    return {
        "backend": db_url.split(":", 1)[0],
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "throughput_rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1) if latencies else None,
        "events": events,
        "lost_events": len(latencies) - events,
        "db_verify_exit": verified,
        "machine": " ".join(platform.uname()),
        "nproc": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    result = run(parser.parse_args())
    print(json.dumps(result, indent=2))
    ok = result["errors"] == 0 and result["lost_events"] == 0 and result["db_verify_exit"] == 0
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
