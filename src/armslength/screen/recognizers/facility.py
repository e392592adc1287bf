"""Care facilities (hospitals, clinics, practices) and wards, rooms and beds."""

from __future__ import annotations

import re
from collections.abc import Iterator

from armslength import _lexicon
from armslength.model import Category, Severity
from armslength.screen._doc import Doc, Span
from armslength.screen._needs import scan
from armslength.screen.recognizers._base import Recognizer

_NAMEWORD = (
    r"(?:(?:St|Mt|Ft)\.?\s|[A-Z][\w'’&-]*(?:\.[\w'’&-]+)*\s|of\s|the\s|and\s|[A-Z]{2,}[-\s])"
)
_FACILITY_WORD = _lexicon.phrase_pattern("facility_words")
_KNOWN = _lexicon.phrase_pattern("facility_names")

_NAMED = re.compile(
    r"(?<![\w'])(?:[A-Z][\w'’&-]*(?:\.[\w'’&-]+)*[\s-]|(?:St|Mt|Ft)\.?\s)(?:"
    + _NAMEWORD
    + r"){0,4}"
    r"(?i:" + _FACILITY_WORD + r")(?![\w])"
    r"(?:\s+(?:of|in|at)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)?"
)
_FACILITY_FIRST = re.compile(
    r"(?<![\w'])(?:Hospital|Clinic|Infirmary|Hospice|University)\s+of\s+(?:the\s+)?"
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
)
_KNOWN_NAME = re.compile(
    r"(?<![\w])(?:" + _KNOWN + r")(?:\s+(?i:" + _FACILITY_WORD + r"))?(?![\w'’-])", re.I
)
_WARD = re.compile(
    r"\b(?:ward|bay|room|rm|bed|cubicle|resus|theatre|unit|floor|wing|pod|side room|suite)\s*"
    r"#?(?:\d{1,4}[A-Za-z]?|[A-Z]\d{0,3})\b",
    re.I,
)
_GENERIC_ONLY = frozenset({"health", "practice", "surgery", "institute"})


def _sentence_case(match: re.Match[str], doc: Doc) -> bool:
    """Two words opening a sentence whose first is an ordinary word ("Travel clinic Tues:",
    "Our practice nurse"): a kind of service in sentence case, not a facility's name."""
    words = match.group().split()
    if match.re is not _NAMED or len(words) != 2 or not doc.sentence_initial(match.start()):
        return False
    return words[0].lower() in _lexicon.words("english_words") and words[1][0].islower()


class FacilityRecognizer(Recognizer):
    rule = "phi-facility"

    def find(self, doc: Doc) -> Iterator[Span]:
        for regex, score, why in (
            (_NAMED, 0.85, "the name of a care facility"),
            (_FACILITY_FIRST, 0.85, "the name of a care facility"),
            (_KNOWN_NAME, 0.8, "a named hospital or health system"),
        ):
            for match in scan(regex, doc.text):
                if self._plausible(match) and not _sentence_case(match, doc):
                    yield self._span(match.start(), match.end(), Severity.MEDIUM, score, why)
        for match in scan(_WARD, doc.text):
            why = "a ward, room or bed number: it places a patient"
            yield self._span(match.start(), match.end(), Severity.MEDIUM, 0.75, why)

    def _plausible(self, match: re.Match[str]) -> bool:
        words = match.group().split()
        if len(words) < 2 and match.re is not _KNOWN_NAME:
            return False
        first = words[0].lower().strip(".")
        return not (match.re is _NAMED and first in _GENERIC_ONLY and len(words) == 2)

    def _span(self, start: int, end: int, severity: Severity, score: float, why: str) -> Span:
        return Span(start, end, "LOCATION", Category.PHI, severity, score, self.rule, why)
