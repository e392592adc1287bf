"""Plain words for a screen finding's explanation, as a clinician reads it first.

A finding's ``why`` is the recognizer's explanation, then ``;``-separated notes of what raised
its severity ("raised one level: care context …", "patient story: …"), with technical asides in
parentheses ("(GeoNames gazetteer; finer than a state)"). The short form keeps the explanation
and drops the notes and asides; the full text stays in the JSON and behind "details".
"""

from __future__ import annotations

import re

from armslength.model import Category, Finding, ScreenResult, Severity

_ASIDE = re.compile(r"\s*\([^()]*\)")


def _first_clause(text: str) -> str:
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            return text[:index]
    return text


def short_why(why: str) -> str:
    """The first clause of *why*, without parenthesised asides."""
    clause = _first_clause(why).strip()
    plain = _ASIDE.sub("", clause).strip()
    return plain or clause


# The one sentence a result leads with: by risk, then by the category of its worst finding.
LEAD: dict[Severity, dict[Category, str]] = {
    level: {
        Category.PHI: "Don't post this as written: it can identify a patient — change or remove "
        "the highlighted parts.",
        Category.RELATIONSHIP: "Don't post this as written: it confirms that someone is your "
        "patient.",
        Category.PROFESSIONALISM: "Think again before posting: the highlighted parts could harm "
        "trust in you or your profession.",
    }
    for level in (Severity.HIGH, Severity.MEDIUM)
}
LOW = "Probably fine, but check the highlighted parts before you post."
NONE = "No findings. Risk: none"
WHAT = {
    "NAME": "a name",
    "LOCATION": "a place",
    "DATE": "a date",
    "AGE": "an age",
    "CONTACT": "contact details",
    "ID": "an ID number",
    Category.RELATIONSHIP.value: "confirms a patient",
    Category.PROFESSIONALISM.value: "professionalism",
}


def lead(result: ScreenResult) -> str:
    if not result.findings:
        return NONE
    if result.risk not in LEAD:
        return LOW
    # a confirmed relationship is the clearest thing to fix, so it leads among equals
    first = {Category.RELATIONSHIP: 2, Category.PHI: 1}
    worst = max(
        result.findings,
        key=lambda f: (Severity(f.severity).rank, first.get(Category(f.category), 0), f.score),
    )
    return LEAD[Severity(result.risk)][Category(worst.category)]


def what(finding: Finding) -> str:
    return WHAT.get(finding.label or finding.category.value, finding.label or finding.category)
