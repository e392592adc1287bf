"""The clinical vocabulary shared by the whole package: advise and screen read the same lists.

Each class is a plain word list in ``data/`` (one lowercase term a line, ``#`` comments);
``data/SOURCES.md`` says where they come from. :func:`find` matches every class in a text
(case-insensitive, whole words, an optional plural ``s``/``es``) and says which class each
term belongs to, so a rule can ask "is a drug, test or procedure mentioned?" without keeping
its own list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from armslength import _lexicon


class TermClass(StrEnum):
    CONDITION = "conditions"
    SYMPTOM = "symptoms"
    DRUG = "drugs"
    PROCEDURE = "procedures"
    TEST = "tests"
    CARE = "care"
    BILLING = "billing"
    INSURER = "insurers"
    QUESTION = "questions"


SPECIFIC = frozenset(
    {
        TermClass.CONDITION,
        TermClass.SYMPTOM,
        TermClass.DRUG,
        TermClass.PROCEDURE,
        TermClass.TEST,
        TermClass.INSURER,
    }
)
"""Classes that name a particular clinical matter (a drug, a test, an insurer); ``care`` and
``billing`` words ('appointment', 'bill') are clinical only when they belong to someone."""


@dataclass(frozen=True, slots=True)
class Term:
    start: int
    end: int
    term: str
    """The vocabulary entry that matched (lowercase)."""
    cls: TermClass


def words(cls: TermClass) -> frozenset[str]:
    """The entries of one class, lowercase."""
    return _lexicon.words(f"clinical.{cls.value}")


@cache
def _pattern(cls: TermClass) -> re.Pattern[str]:
    body = _lexicon.phrase_pattern(f"clinical.{cls.value}")
    return re.compile(rf"(?<![\w-])(?:{body})(?:e?s)?(?![\w-])", re.IGNORECASE)


def find(text: str, classes: frozenset[TermClass] | None = None) -> list[Term]:
    """Every vocabulary term in *text*, in order of position (a longer term found by one
    class is not also reported inside another class's shorter term at the same place)."""
    found: list[Term] = []
    for cls in TermClass:
        if classes is not None and cls not in classes:
            continue
        for match in _pattern(cls).finditer(text):
            found.append(Term(match.start(), match.end(), match.group().lower(), cls))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[Term] = []
    for term in found:
        if out and term.start < out[-1].end:
            continue
        out.append(term)
    return out


def is_clinical(text: str) -> bool:
    """True when *text* names a condition, symptom, drug, procedure, test or insurer, or asks
    an individual clinical question ('should I take ...')."""
    return bool(find(text, SPECIFIC | {TermClass.QUESTION}))
