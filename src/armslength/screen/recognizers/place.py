"""Towns and cities (a gazetteer) and, at low severity, states and countries."""

from __future__ import annotations

import re
from collections.abc import Iterator

from armslength.model import Category, Severity
from armslength.screen import _lexicon
from armslength.screen._doc import Doc, Span
from armslength.screen.recognizers._base import Recognizer

_CITY = re.compile(r"(?<![\w@#-])(?:" + _lexicon.phrase_pattern("cities") + r")(?![\w-])", re.I)
_REGION = re.compile(r"(?<![\w@#-])(?:" + _lexicon.phrase_pattern("regions") + r")(?![\w-])", re.I)
_CUED = re.compile(
    r"\b(?:in|from|near|lives in|living in|moved to|based in|outside|visiting)\s+"
    r"(?P<place>[A-Z][a-z]{2,}(?:[ -][A-Z][a-z]{2,}){0,2})(?![\w'’-])"
)
_NOT_PLACES = ("english_words", "first_names", "eponyms", "drugs", "conditions", "months")


class PlaceRecognizer(Recognizer):
    rule = "phi-place"

    def find(self, doc: Doc) -> Iterator[Span]:
        for match in _CITY.finditer(doc.text):
            if self._cased(doc, match.group()):
                why = "a town or city (finer than a state: a Safe Harbor identifier)"
                yield self._span(match.start(), match.end(), Severity.LOW, 0.75, why)
        for match in _REGION.finditer(doc.text):
            if self._cased(doc, match.group()) and len(match.group()) > 2:
                why = "a state or country: not an identifier alone, but it narrows a story"
                yield self._span(match.start(), match.end(), Severity.LOW, 0.5, why)

        for match in _CUED.finditer(doc.text):
            words = match.group("place").lower().replace("-", " ").split()
            if not any(word in _lexicon.words(name) for word in words for name in _NOT_PLACES):
                why = "a capitalised name after 'in', 'from' or 'near': probably a place"
                yield self._span(match.start("place"), match.end(), Severity.LOW, 0.55, why)

    @staticmethod
    def _cased(doc: Doc, found: str) -> bool:
        """Places count when written as names (capitalised), or anywhere in all-lowercase text."""
        if doc.letters_lower:
            return len(found) > 3
        return found[0].isupper() and not (found.isupper() and len(found) <= 2 and found != "LA")

    def _span(self, start: int, end: int, severity: Severity, score: float, why: str) -> Span:
        return Span(start, end, "LOCATION", Category.PHI, severity, score, self.rule, why)
