"""Names of the clinician's own patients (from a roster): always a high-severity NAME.

Matching walks the words of the folded text and looks word n-grams up in a set of the
roster's name forms: one set lookup per word and length, so the cost does not grow with
the size of the roster (a single regex alternation of every name did, and dominated the
audit of large archives).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from armslength.model import Category, Patient, Severity
from armslength.screen import _roster
from armslength.screen._doc import Doc, Span
from armslength.screen.recognizers._base import Recognizer

_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof"})
_WORD = re.compile(r"[\w'’-]+")
_WHY = "the name of a patient on your roster (matched with nicknames and accents folded)"

Word = tuple[int, int, str]


def _words(folded: str) -> list[Word]:
    """Words with offsets; a possessive 's is left out of the word and its span."""
    out = []
    for match in _WORD.finditer(folded):
        word, end = match.group(), match.end()
        if len(word) > 2 and word[-2] in "'’" and word[-1] == "s":
            word, end = word[:-2], end - 2
        out.append((match.start(), end, word))
    return out


class KnownPatientRecognizer(Recognizer):
    """Built once per roster; matches whole names, or a title and a family name."""

    rule = "phi-known-patient"

    def __init__(self, patients: Sequence[Patient]) -> None:
        self._forms: set[tuple[str, ...]] = set()
        self._families: set[tuple[str, ...]] = set()
        for patient in patients:
            self._forms |= {tuple(f.split(" ")) for f in _roster.name_forms(patient) if f}
            self._families |= {tuple(f.split(" ")) for f in _roster.family_names(patient)}
        self._firsts = {form[0] for form in self._forms}
        self._longest = max((len(f) for f in self._forms | self._families), default=0)

    def _longest_in(self, words: list[Word], start: int, table: set[tuple[str, ...]]) -> int:
        for size in range(min(self._longest, len(words) - start), 0, -1):
            if tuple(w for _, _, w in words[start : start + size]) in table:
                return size
        return 0

    def _match_at(self, words: list[Word], start: int) -> int:
        word = words[start][2]
        if word in self._firsts and (size := self._longest_in(words, start, self._forms)):
            return size
        if word in _TITLES and start + 1 < len(words):
            size = self._longest_in(words, start + 1, self._families)
            return size + 1 if size else 0
        return 0

    def find(self, doc: Doc) -> Iterator[Span]:
        if not self._longest:
            return
        words = _words(doc.folded)
        index = 0
        while index < len(words):
            size = self._match_at(words, index)
            if not size:
                index += 1
                continue
            start, end = words[index][0], words[index + size - 1][1]
            yield Span(start, end, "NAME", Category.PHI, Severity.HIGH, 0.99, self.rule, _WHY)
            index += size
