"""The hand-written clinician set (benchmarks/data/clinician) and its scorer."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from armslength.model import Category, Finding, ScreenResult, Severity

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
LABELS = {"NAME", "AGE", "DATE", "LOCATION", "CONTACT", "ID", "ORG", "OTHER"}
STANDARD_FIELDS = {"id", "kind", "text", "spans", "relationship_confirmed", "min_risk"}


def _load(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


data = _load("clinician_data")
bench = _load("bench_clinician")


def _records(split: str) -> list[dict[str, Any]]:
    return list(data.load_jsonl(split))


@pytest.mark.parametrize("split", ["dev", "test"])
def test_jsonl_in_sync_with_source(split: str) -> None:
    source = data.load_source(split)
    on_disk = (data.DATA / f"{split}.jsonl").read_text(encoding="utf-8")
    assert data.to_jsonl(source) == on_disk, "run: python benchmarks/clinician_data.py"


@pytest.mark.parametrize("split", ["dev", "test"])
def test_records_follow_the_standard(split: str) -> None:
    for record in _records(split):
        rid = record["id"]
        assert set(record) == STANDARD_FIELDS | {"category"}, rid
        assert record["kind"] in {"post", "reply", "comment", "message"}, rid
        assert record["min_risk"] in {"none", "low", "medium", "high"}, rid
        for span in record["spans"]:
            value = record["text"][span["start"] : span["end"]]
            assert value and value == value.strip(), (rid, span)
            assert span["label"] in LABELS, (rid, span)
            assert "[[" not in value and "|" not in value, (rid, span)
        starts = [(s["start"], s["end"]) for s in record["spans"]]
        assert starts == sorted(starts), rid
        assert all(a[1] <= b[0] for a, b in pairwise(starts)), rid


@pytest.mark.parametrize("split", ["dev", "test"])
def test_categories_carry_their_labels(split: str) -> None:
    for record in _records(split):
        rid, category = record["id"], record["category"]
        if category in {"negative", "review_safe"}:
            assert record["min_risk"] == "none" and not record["spans"], rid
            assert record["relationship_confirmed"] is False, rid
        else:
            assert record["min_risk"] != "none", rid
        if category in {"story", "dm", "review_confirm"}:
            assert record["relationship_confirmed"] is True, rid
        if category == "story":
            assert record["spans"], rid
        if category in {"review_confirm", "review_safe"}:
            assert record["kind"] == "reply", rid
        if category == "dm":  # a DM, or a draft answer to a public question
            assert record["kind"] in {"message", "comment"}, rid


def test_ids_unique_across_splits() -> None:
    ids = [r["id"] for split in ("dev", "test") for r in _records(split)]
    assert len(ids) == len(set(ids))


def test_texts_unique_across_splits() -> None:
    texts = [r["text"].lower() for split in ("dev", "test") for r in _records(split)]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("split", ["dev", "test"])
def test_mix_of_kinds(split: str) -> None:
    counts = Counter(r["category"] for r in _records(split))
    total = sum(counts.values())
    for category in ("story", "negative"):
        assert 0.28 <= counts[category] / total <= 0.40, (category, counts)
    for category in ("review_confirm", "review_safe", "dm"):
        assert counts[category] / total >= 0.07, (category, counts)


def test_size_and_split() -> None:
    dev, test = len(_records("dev")), len(_records("test"))
    assert dev + test >= 440
    assert 0.20 <= test / (dev + test) <= 0.45


def test_markup_offsets_are_computed() -> None:
    text, spans = data.parse_text("[[Mia Hughes|NAME]], [[57|AGE]], came in", "t")
    assert text == "Mia Hughes, 57, came in"
    assert [text[s["start"] : s["end"]] for s in spans] == ["Mia Hughes", "57"]
    assert [s["label"] for s in spans] == ["NAME", "AGE"]


@pytest.mark.parametrize(
    "source",
    [
        "== a | story | post | yes | high\nhi [[Mia|PERSON]]",
        "== a | story | tweet | yes | high\nhi",
        "== a | story | post | maybe | high\nhi",
        "== a | story | post | yes\nhi",
        "no header\nhi",
        "== a | story | post | yes | high\nhi [[Mia|NAME]",
    ],
)
def test_markup_errors(source: str) -> None:
    with pytest.raises(data.MarkupError):
        data.parse(source, "bad.txt")


def test_hashtag_line_is_text_not_comment() -> None:
    (record,) = data.parse("# comment\n== a | story | post | yes | high\n#Team[[Jo|NAME]] won")
    assert record.text == "#TeamJo won"
    assert record.spans == [{"start": 5, "end": 7, "label": "NAME"}]


def _finding(start: int, end: int, label: str | None, category: Category) -> Finding:
    return Finding(
        start=start,
        end=end,
        text="x",
        label=label,
        category=category,
        severity=Severity.HIGH,
        score=1.0,
        rule="r",
        why="w",
    )


def test_scorer_counts_overlap_labels_and_relationship() -> None:
    record = {
        "id": "r1",
        "category": "review_confirm",
        "kind": "reply",
        "text": "Mia Hughes, 57, your crown",
        "spans": [
            {"start": 0, "end": 10, "label": "NAME"},
            {"start": 12, "end": 14, "label": "AGE"},
        ],
        "relationship_confirmed": True,
        "min_risk": "high",
    }
    result = ScreenResult(
        risk=Severity.MEDIUM,
        findings=[
            _finding(4, 10, "NAME", Category.PHI),  # partial overlap finds the NAME
            _finding(12, 14, "DATE", Category.PHI),  # wrong label: AGE not found
            _finding(16, 20, "NAME", Category.PHI),  # no gold: false positive
            _finding(16, 26, None, Category.RELATIONSHIP),  # not a PHI false positive
        ],
    )
    score = bench.Score("unit")
    bench.score_record(score, record, result)
    assert (score.recall["NAME"].hits, score.recall["NAME"].total) == (1, 1)
    assert (score.recall["AGE"].hits, score.recall["AGE"].total) == (0, 1)
    assert (score.precision["all"].hits, score.precision["all"].total) == (2, 3)
    assert score.mislabelled == 1
    assert score.relationship_recall["review_confirm"].hits == 1
    assert (score.min_risk_met["all"].hits, score.min_risk_met["all"].total) == (0, 1)


def test_scorer_runs_on_the_real_screen(tmp_path: Path) -> None:
    (tmp_path / "dev.txt").write_text(
        "== x1 | negative | post | no | none\nWalk-ins every Tuesday.\n\n"
        "== x2 | story | post | yes | high\n[[Mia Hughes|NAME]], [[57|AGE]], came into the ED.\n",
        encoding="utf-8",
    )
    (tmp_path / "dev.jsonl").write_text(data.to_jsonl(data.load_source("dev", tmp_path)))
    score = bench.run_split("dev", tmp_path)
    assert score.texts == 2
    assert score.recall["NAME"].total == 1 and score.negatives_none["all"].total == 1
    figures = bench.to_json(score)
    assert figures["texts"] == 2 and "phi_recall" in figures
