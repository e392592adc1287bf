"""Property tests: offsets, robustness on arbitrary unicode, redaction, JSONL shape."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from armslength.screen import RedactStyle, redact, screen
from armslength.screen.batch import screen_jsonl

WORDS = st.sampled_from(
    ["Dr.", "Smith", "Jennifer", "my", "patient", "in", "bed", "4", "Chicago", "93", "yo",
     "312-555-1234", "a@b.co", "MRN", "#AB-12345", "April", "12,", "2023", "glad", "your",
     "crown", "lol", "İstanbul", "ǅ", "ß", "é", "\n", "@handle", "Parkinson's", "Wells"]
)  # fmt: skip
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=40).map(" ".join))


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_offsets_always_valid(text: str) -> None:
    result = screen(text)
    for finding in result.findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
    ranks = [f.severity.rank for f in result.findings]
    assert result.risk.rank == max(ranks, default=0)


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_redaction_removes_every_finding(text: str) -> None:
    result = screen(text)
    out = redact(text, result.findings, RedactStyle.MASK)
    covered = {i for f in result.findings for i in range(f.start, f.end)}
    assert len(out) == len(text)
    for index, (before, after) in enumerate(zip(text, out, strict=True)):
        assert after == ("█" if index in covered else before)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(TEXTS.map(lambda t: json.dumps({"id": "x", "text": t})), st.text(max_size=20)),
        max_size=8,
    )
)
def test_jsonl_one_output_per_line_in_order(lines: list[str]) -> None:
    cleaned = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    outputs = list(screen_jsonl(cleaned))
    expected = [n for n, line in enumerate(cleaned, start=1) if line.strip()]
    assert len(outputs) == len(expected)
    for number, out in zip(expected, outputs, strict=True):
        assert ("error" in out and out["line"] == number) or "risk" in out
