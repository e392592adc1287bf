"""Benchmark: the screen on clinicians' own texts (posts, review replies, comments, DMs).

    .venv/bin/python benchmarks/bench_clinician.py                  # dev split
    .venv/bin/python benchmarks/bench_clinician.py --split test     # the held-back split
    .venv/bin/python benchmarks/bench_clinician.py --split both --json

The data is ``benchmarks/data/clinician/{dev,test}.jsonl`` (written by hand to the clinician
annotation standard; see the README there). Tune rules on ``dev`` only; ``test`` is for
reporting. Each text is screened with :func:`armslength.screen.screen` as the content kind of
its record (post, reply, comment, message).

Scoring:
* PHI recall per gold label: a gold span is found when a ``phi`` finding of a compatible label
  (:data:`COMPATIBLE`) overlaps it. "required" pools NAME, AGE, DATE, LOCATION, CONTACT, ID;
  ORG and OTHER are sensitive but optional and shown apart.
* PHI precision per predicted label: share of ``phi`` findings that overlap any gold span
  (a finding on the right text under another label is a hit, and is counted as mislabelled).
  ``relationship`` and ``professionalism`` findings are scored separately, not here.
* relationship recall: replies, comments and messages with ``relationship_confirmed`` true
  that get at least one ``relationship`` finding; false alarms: ``review_safe`` replies that get
  one.
* negatives ``none``: texts of category ``negative`` or ``review_safe`` screened risk ``none``
  (and, beside it, the share screened ``none`` or ``low``).
* risk >= min_risk: share of all texts whose overall risk reaches the record's ``min_risk``.
Every ratio is printed with its counts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from clinician_data import DATA, load_jsonl  # noqa: E402

from armslength.model import Category, ContentKind, ScreenResult, Severity  # noqa: E402
from armslength.screen import screen  # noqa: E402

REQUIRED = ("NAME", "AGE", "DATE", "LOCATION", "CONTACT", "ID")
OPTIONAL = ("ORG", "OTHER")
CATEGORY_ORDER = ("story", "negative", "review_confirm", "review_safe", "dm")
NEGATIVE_CATEGORIES = ("negative", "review_safe")
RELATIONSHIP_KINDS = ("reply", "comment", "message")

# The screen's PHI labels onto the standard's. Labels not listed count as OTHER.
LABEL_MAP: dict[str, str] = {
    "NAME": "NAME",
    "PERSON": "NAME",
    "AGE": "AGE",
    "DATE": "DATE",
    "LOCATION": "LOCATION",
    "CONTACT": "CONTACT",
    "ID": "ID",
    "ORG": "ORG",
    "OTHER": "OTHER",
}
# Which (mapped) finding labels find a gold span of each label.
COMPATIBLE: dict[str, frozenset[str]] = {
    "NAME": frozenset({"NAME"}),
    "AGE": frozenset({"AGE"}),
    "DATE": frozenset({"DATE"}),
    "LOCATION": frozenset({"LOCATION"}),
    "CONTACT": frozenset({"CONTACT", "ID"}),
    "ID": frozenset({"ID", "CONTACT"}),
    "ORG": frozenset({"ORG", "NAME", "LOCATION", "OTHER"}),
    "OTHER": frozenset({"OTHER", "NAME", "ORG", "LOCATION"}),
}
CONTENT_KIND: dict[str, ContentKind] = {
    "post": ContentKind.POST,
    "reply": ContentKind.REPLY,
    "comment": ContentKind.COMMENT,
    "message": ContentKind.MESSAGE,
}


def map_label(label: str | None) -> str:
    return LABEL_MAP.get((label or "").upper(), "OTHER")


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Ratio:
    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += int(hit)
        self.total += 1

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def show(self) -> str:
        value = self.value
        shown = "—" if value is None else f"{value:.3f}"
        return f"{shown} ({self.hits}/{self.total})"

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "hits": self.hits, "total": self.total}


@dataclass
class Score:
    split: str
    texts: int = 0
    recall: dict[str, Ratio] = field(default_factory=dict)
    precision: dict[str, Ratio] = field(default_factory=dict)
    mislabelled: int = 0
    relationship_recall: dict[str, Ratio] = field(default_factory=dict)
    relationship_false_alarms: Ratio = field(default_factory=Ratio)
    negatives_none: dict[str, Ratio] = field(default_factory=dict)
    negatives_at_most_low: dict[str, Ratio] = field(default_factory=dict)
    min_risk_met: dict[str, Ratio] = field(default_factory=dict)
    professionalism_on_negatives: int = 0
    unmapped_labels: Counter[str] = field(default_factory=Counter)

    def ratio(self, table: dict[str, Ratio], key: str) -> Ratio:
        return table.setdefault(key, Ratio())


def _gold(record: dict[str, Any]) -> list[tuple[int, int, str]]:
    return [(int(s["start"]), int(s["end"]), str(s["label"])) for s in record["spans"]]


def score_phi(score: Score, record: dict[str, Any], result: ScreenResult) -> None:
    gold = _gold(record)
    phi = [f for f in result.findings if f.category is Category.PHI]
    for finding in phi:
        if (finding.label or "").upper() not in LABEL_MAP:
            score.unmapped_labels[finding.label or "None"] += 1
    for start, end, label in gold:
        found = any(
            map_label(f.label) in COMPATIBLE[label] and overlaps((f.start, f.end), (start, end))
            for f in phi
        )
        for key in (label, "required" if label in REQUIRED else "optional"):
            score.ratio(score.recall, key).add(found)
    for finding in phi:
        label = map_label(finding.label)
        touched = [g for g in gold if overlaps((finding.start, finding.end), (g[0], g[1]))]
        for key in (label, "all"):
            score.ratio(score.precision, key).add(bool(touched))
        if touched and not any(label in COMPATIBLE[g[2]] for g in touched):
            score.mislabelled += 1


def score_record(score: Score, record: dict[str, Any], result: ScreenResult) -> None:
    score.texts += 1
    category = str(record["category"])
    score_phi(score, record, result)
    has_relationship = any(f.category is Category.RELATIONSHIP for f in result.findings)
    if record["relationship_confirmed"] and record["kind"] in RELATIONSHIP_KINDS:
        for key in (category, "all"):
            score.ratio(score.relationship_recall, key).add(has_relationship)
    if category == "review_safe":
        score.relationship_false_alarms.add(has_relationship)
    if category in NEGATIVE_CATEGORIES:
        for key in (category, "all"):
            score.ratio(score.negatives_none, key).add(result.risk is Severity.NONE)
            low = result.risk.rank <= Severity.LOW.rank
            score.ratio(score.negatives_at_most_low, key).add(low)
        score.professionalism_on_negatives += sum(
            f.category is Category.PROFESSIONALISM for f in result.findings
        )
    met = result.risk.rank >= Severity(str(record["min_risk"])).rank
    for key in (category, "all"):
        score.ratio(score.min_risk_met, key).add(met)


def run_split(split: str, data: Path) -> Score:
    score = Score(split)
    for record in load_jsonl(split, data):
        kind = CONTENT_KIND[str(record["kind"])]
        result = screen(str(record["text"]), kind, id=str(record["id"]))
        score_record(score, record, result)
    return score


def _ordered(keys: Iterable[str], order: Sequence[str]) -> list[str]:
    keys = list(keys)
    return [k for k in order if k in keys] + sorted(k for k in keys if k not in order)


def to_json(score: Score) -> dict[str, Any]:
    def table(t: dict[str, Ratio]) -> dict[str, Any]:
        return {key: ratio.to_json() for key, ratio in t.items()}

    return {
        "split": score.split,
        "texts": score.texts,
        "phi_recall": table(score.recall),
        "phi_precision": table(score.precision),
        "phi_mislabelled": score.mislabelled,
        "relationship_recall": table(score.relationship_recall),
        "relationship_false_alarms": score.relationship_false_alarms.to_json(),
        "negatives_none": table(score.negatives_none),
        "negatives_at_most_low": table(score.negatives_at_most_low),
        "min_risk_met": table(score.min_risk_met),
        "professionalism_findings_on_negatives": score.professionalism_on_negatives,
        "unmapped_labels": dict(score.unmapped_labels),
    }


def print_tables(score: Score) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    labels = _ordered(
        set(score.recall) | set(score.precision),
        (*REQUIRED, *OPTIONAL, "required", "optional", "all"),
    )
    phi = Table(title=f"{score.split}: PHI ({score.texts} texts)")
    for column in ("label", "recall (found/gold)", "precision (hits/findings)"):
        phi.add_column(column)
    for label in labels:
        recall, precision = score.recall.get(label), score.precision.get(label)
        phi.add_row(label, recall.show() if recall else "—", precision.show() if precision else "—")
    console.print(phi)
    console.print(
        f"  findings on a gold span under an incompatible label: {score.mislabelled}"
        + (
            f"; unmapped screen labels: {dict(score.unmapped_labels)}"
            if score.unmapped_labels
            else ""
        )
    )
    rows = Table(title=f"{score.split}: disclosure")
    for column in ("measure", "group", "value (hits/texts)"):
        rows.add_column(column)
    for name, table in (
        ("relationship recall", score.relationship_recall),
        ("negatives screened none", score.negatives_none),
        ("negatives screened none or low", score.negatives_at_most_low),
        ("risk >= min_risk", score.min_risk_met),
    ):
        for key in _ordered(table, ("all", *CATEGORY_ORDER)):
            rows.add_row(name, key, table[key].show())
    rows.add_row("relationship false alarms", "review_safe", score.relationship_false_alarms.show())
    rows.add_row(
        "professionalism findings", "on negatives", str(score.professionalism_on_negatives)
    )
    console.print(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screen clinicians' own texts and score them.")
    parser.add_argument("--split", choices=("dev", "test", "both"), default="dev")
    parser.add_argument("--data", type=Path, default=DATA, help="folder of {dev,test}.jsonl")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    scores = [run_split(split, args.data) for split in splits]
    if args.json:
        print(json.dumps({s.split: to_json(s) for s in scores}, indent=2))
    else:
        for score in scores:
            print_tables(score)
    return 0


if __name__ == "__main__":
    sys.exit(main())
