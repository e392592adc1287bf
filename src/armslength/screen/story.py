"""The patient-story rule: small details that together pin down one person.

Age + place + date + condition is high even when each piece alone is low (GMC: separate
snippets can add up to identify a patient; HIPAA's actual-knowledge test).
"""

from __future__ import annotations

from dataclasses import replace

from armslength import _lexicon
from armslength.model import Category, Severity
from armslength.screen._doc import Doc, Span
from armslength.screen.context import join_why

PIECES = {"AGE": "age", "LOCATION": "place", "DATE": "date", "NAME": "name or initials"}
MIN_PIECES = 3
SOURCES = ("gmc_2024", "hipaa_safe_harbor")
"""Rulebook source ids a patient story cites (``Finding.sources``)."""


def keep_story_ages(spans: list[Span]) -> list[Span]:
    """Ages under 90 are only reported when the text carries another identifier."""
    anchored = any(s.category is Category.PHI and not s.needs_story for s in spans)
    return [s for s in spans if anchored or not s.needs_story]


def conditions_in(doc: Doc) -> list[str]:
    conditions = _lexicon.words("clinical.conditions")
    return [term for _, _, term in doc.care_terms if term in conditions]


def combine(spans: list[Span], doc: Doc) -> list[Span]:
    """Mark every PHI span high when enough distinct pieces of a story are present."""
    labels = {s.label for s in spans if s.category is Category.PHI and s.label in PIECES}
    pieces = [PIECES[label] for label in ("AGE", "LOCATION", "DATE", "NAME") if label in labels]
    conditions = conditions_in(doc)
    if conditions:
        pieces.append(f"condition ('{conditions[0]}')")
    if len(pieces) < MIN_PIECES or not doc.care_terms:
        return spans
    note = f"; patient story: {' + '.join(pieces)} together can identify one person"
    whys: dict[str, str] = {}
    return [
        replace(
            s, severity=Severity.HIGH, why=join_why(whys, s.why, note), sources=_cite(s.sources)
        )
        if s.category is Category.PHI
        else s
        for s in spans
    ]


def _cite(sources: tuple[str, ...]) -> tuple[str, ...]:
    """*sources* followed by the story's own, each once."""
    return sources + tuple(source for source in SOURCES if source not in sources)
