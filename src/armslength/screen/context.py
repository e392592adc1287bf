"""Context scoring: an identifier in a care context ('my patient', 'came into the ED') is riskier."""

from __future__ import annotations

from dataclasses import replace

from armslength.model import Category, Severity
from armslength.screen._doc import Doc, Span

_LEVELS = (Severity.LOW, Severity.MEDIUM, Severity.HIGH)


def raise_one(severity: Severity) -> Severity:
    return _LEVELS[min(len(_LEVELS) - 1, max(0, severity.rank - 1) + 1)]


def apply_care_context(spans: list[Span], doc: Doc) -> list[Span]:
    """Raise every PHI span one level when the text is about care, and say which words did it."""
    if not doc.care_terms:
        return spans
    found = {term for _, _, term in doc.care_terms}
    terms = sorted(found, key=lambda term: (doc.folded.find(term), term))[:3]  # ties: by name
    note = "; raised one level: care context (" + ", ".join(f"'{t}'" for t in terms) + ")"
    whys: dict[str, str] = {}
    return [
        replace(s, severity=raise_one(s.severity), why=join_why(whys, s.why, note))
        if s.category is Category.PHI and s.severity is not Severity.HIGH
        else s
        for s in spans
    ]


def join_why(cache: dict[str, str], why: str, note: str) -> str:
    """One string object per distinct explanation (a long text has thousands of findings)."""
    if why not in cache:
        cache[why] = why + note
    return cache[why]
