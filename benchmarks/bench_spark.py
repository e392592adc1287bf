"""Benchmark: Spark (local[2]) against the single-process path, on the same data.

    .venv/bin/python benchmarks/bench_spark.py screen --sizes 100000 1000000
    .venv/bin/python benchmarks/bench_spark.py match --roster-size 5000000 --accounts 50000

``screen`` writes N synthetic posts to Parquet and screens them (a) in one process with
one ``Screener`` and (b) with ``screen_dataframe`` on ``local[2]``, Parquet to Parquet.
``match`` writes a roster and accounts with the matching benchmark's generator
(``bench_match.generate``) and matches them (a) with ``iter_matches`` in one process and
(b) with ``match_dataframe`` on ``local[2]``. Each run is a fresh child process; a sampler
sums the RSS of the child and all its descendants (the JVM and the Python workers) every
0.2 s, so "peak RSS" is the whole job's. The outputs of (a) and (b) are compared.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

from armslength.samples.synthetic import social_post

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def write_posts(path: Path, count: int, seed: int = 1) -> None:
    """N posts ``{id, text, kind}`` as Parquet, written in row groups of 100k."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if path.exists():
        return
    rng = random.Random(seed)
    kinds = ["post", "reply", "comment", "message"]
    schema = pa.schema([("id", pa.string()), ("text", pa.string()), ("kind", pa.string())])
    staged = path.with_suffix(".tmp")
    with pq.ParquetWriter(staged, schema) as writer:
        for start in range(0, count, 100_000):
            ids = [f"p{n:08d}" for n in range(start, min(start + 100_000, count))]
            texts = [social_post(rng) for _ in ids]
            writer.write_table(
                pa.table({"id": ids, "text": texts, "kind": [rng.choice(kinds) for _ in ids]})
            )
    staged.rename(path)


def write_match_data(folder: Path, roster_size: int, accounts: int) -> None:
    import bench_match

    if (folder / "accounts.jsonl").exists():
        return
    bench_match.generate(folder, roster_size, accounts, share=0.1, seed=7)


# --------------------------------------------------------------------------- children


def _spark(master: str) -> Any:
    from armslength.spark import local_session

    session = local_session(master, "armslength-bench")
    session.conf.set("spark.sql.shuffle.partitions", "8")
    return session


def child_screen_single(source: Path, out: Path) -> dict[str, Any]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from armslength.screen.engine import Screener

    screener, rows = Screener(), 0
    parquet = pq.ParquetFile(source)
    with (out / "single.jsonl").open("w", encoding="utf-8") as sink:
        for batch in parquet.iter_batches(100_000):
            table = pa.Table.from_batches([batch]).to_pydict()
            for id_, text, kind in zip(table["id"], table["text"], table["kind"], strict=True):
                result = screener.screen(text, kind, id=id_)
                sink.write(result.model_dump_json(exclude={"redacted"}) + "\n")
                rows += 1
    return {"rows": rows}


def child_screen_spark(source: Path, out: Path, master: str) -> dict[str, Any]:
    from armslength.spark import screen_dataframe

    spark = _spark(master)
    posts = spark.read.parquet(str(source))
    screen_dataframe(posts, kind_col="kind").write.mode("overwrite").parquet(str(out / "spark"))
    return {"rows": spark.read.parquet(str(out / "spark")).count()}


def _account(row: dict[str, Any]) -> Any:
    from armslength.roster.match import AccountInfo

    fields = ("name", "city", "email", "phone", "birth_year")
    return AccountInfo(**{f: row.get(f) for f in fields})


def child_match_single(folder: Path, out: Path) -> dict[str, Any]:
    from armslength.roster import load_roster
    from armslength.roster.match import iter_matches

    started = time.perf_counter()
    roster = load_roster(folder / "roster.csv")
    loaded = time.perf_counter() - started
    lines = (folder / "accounts.jsonl").read_text(encoding="utf-8").splitlines()
    accounts = [_account(json.loads(line)) for line in lines]
    with (out / "single.jsonl").open("w", encoding="utf-8") as sink:
        for result in iter_matches(accounts, roster):
            sink.write(result.model_dump_json() + "\n")
    return {"rows": len(accounts), "roster_load_s": round(loaded, 1)}


def child_match_spark(folder: Path, out: Path, master: str) -> dict[str, Any]:
    from armslength.spark import match_dataframe

    spark = _spark(master)
    schema = "id string, name string, city string, email string, phone string, birth_year long"
    accounts = spark.read.schema(schema).json(str(folder / "accounts.jsonl"))
    result = match_dataframe(accounts, folder / "roster.csv", check_roster=False)
    result.write.mode("overwrite").parquet(str(out / "spark"))
    return {"rows": spark.read.parquet(str(out / "spark")).count()}


CHILDREN = {
    "screen-single": lambda a: child_screen_single(Path(a.data), Path(a.out)),
    "screen-spark": lambda a: child_screen_spark(Path(a.data), Path(a.out), a.master),
    "match-single": lambda a: child_match_single(Path(a.data), Path(a.out)),
    "match-spark": lambda a: child_match_spark(Path(a.data), Path(a.out), a.master),
}


# --------------------------------------------------------------------------- measuring


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total


def measure(kind: str, data: Path, out: Path, master: str) -> dict[str, Any]:
    """Run one child; wall time, CPU time of the tree, and the peak RSS of the tree."""
    out.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, __file__, "_child", kind, str(data), str(out), master]
    env = {**os.environ, "SPARK_LOCAL_IP": "127.0.0.1", "PYSPARK_PYTHON": sys.executable}
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, text=True)
    proc, peak, cpu = psutil.Process(child.pid), [0], {}
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _tree_rss(proc))
            for p in [proc, *proc.children(recursive=True)]:
                try:
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
                except psutil.Error:
                    continue

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    stdout, _ = child.communicate()
    done.set()
    thread.join()
    if child.returncode:
        raise SystemExit(f"{kind} failed with exit code {child.returncode}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result.update(
        wall_s=round(time.perf_counter() - started, 1),
        cpu_s=round(sum(cpu.values()), 1),
        peak_rss_mib=round(peak[0] / 2**20),
    )
    return result


def same_screen(out: Path) -> bool:
    import pyarrow.parquet as pq

    single = {}
    with (out / "single.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            single[row["id"]] = (row["risk"], row["findings"])
    table = pq.read_table(out / "spark", columns=["id", "risk", "findings"])
    spark = {}
    for batch in table.to_batches(100_000):
        for row in batch.to_pylist():
            spark[row["id"]] = (row["risk"], row["findings"])
    return single == spark


def same_match(out: Path) -> bool:
    import pyarrow.parquet as pq

    def key(row: dict[str, Any]) -> str:
        return json.dumps({"name": row["name"], "candidates": row["candidates"]}, sort_keys=True)

    with (out / "single.jsonl").open(encoding="utf-8") as lines:
        single = sorted(key(json.loads(line)) for line in lines)
    spark = sorted(key(r) for r in pq.read_table(out / "spark").to_pylist())
    return single == spark


# --------------------------------------------------------------------------- main


def machine() -> dict[str, Any]:
    return {
        "uname": " ".join(platform.uname()),
        "nproc": os.cpu_count(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
    }


def run_screen(args: argparse.Namespace) -> list[dict[str, Any]]:
    results = []
    for size in args.sizes:
        source = args.work / f"posts_{size}.parquet"
        write_posts(source, size)
        out = args.work / f"screen_{size}"
        row: dict[str, Any] = {"task": "screen", "rows": size}
        if "spark" in args.systems:
            row["spark"] = measure("screen-spark", source, out, args.master)
        if "single" in args.systems and size <= args.single_max:
            row["single"] = measure("screen-single", source, out, args.master)
        if (out / "single.jsonl").exists():  # also from an earlier run on the same data
            row["identical"] = same_screen(out)
        print(json.dumps(row), flush=True)
        results.append(row)
    return results


def run_match(args: argparse.Namespace) -> list[dict[str, Any]]:
    folder = args.work / f"match_{args.roster_size}_{args.accounts}"
    write_match_data(folder, args.roster_size, args.accounts)
    out = folder / "out"
    row: dict[str, Any] = {"task": "match", "roster": args.roster_size, "rows": args.accounts}
    row["spark"] = measure("match-spark", folder, out, args.master)
    row["single"] = measure("match-single", folder, out, args.master)
    row["identical"] = same_match(out)
    print(json.dumps(row), flush=True)
    return [row]


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "_child":
        kind, data, out, master = argv[1:5]
        ns = argparse.Namespace(data=data, out=out, master=master)
        print(json.dumps(CHILDREN[kind](ns)), flush=True)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("task", choices=["screen", "match"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--single-max", type=int, default=1_000_000)
    parser.add_argument("--roster-size", type=int, default=5_000_000)
    parser.add_argument("--accounts", type=int, default=50_000)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--systems", nargs="+", default=["spark", "single"])
    parser.add_argument("--work", type=Path, default=Path("/tmp/armslength-bench-spark"))
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    print(json.dumps(machine()), flush=True)
    results = run_screen(args) if args.task == "screen" else run_match(args)
    with (args.work / f"results_{args.task}.jsonl").open("a", encoding="utf-8") as log:
        log.write(json.dumps({"machine": machine(), "results": results}) + "\n")


if __name__ == "__main__":
    main()
