"""Names of the clinician's own patients (from a roster): always a high-severity NAME."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from armslength.model import Category, Patient, Severity
from armslength.screen import _roster
from armslength.screen._doc import Doc, Span
from armslength.screen.recognizers._base import Recognizer

_TITLES = r"(?:dr|mr|mrs|ms|miss|mx|prof)\.?\s+"


def _pattern(forms: set[str]) -> str:
    ordered = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"[\s.,-]+") for f in ordered)


class KnownPatientRecognizer(Recognizer):
    """Built per call from the roster; matches on the folded (lowercase, no diacritics) text."""

    rule = "phi-known-patient"

    def __init__(self, patients: Sequence[Patient]) -> None:
        forms: set[str] = set()
        families: set[str] = set()
        for patient in patients:
            forms |= _roster.name_forms(patient)
            families |= _roster.family_names(patient)
        parts = []
        if forms:
            parts.append(_pattern(forms))
        if families:
            parts.append(_TITLES + "(?:" + _pattern(families) + ")")
        self._regex = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)") if parts else None

    def find(self, doc: Doc) -> Iterator[Span]:
        if self._regex is None:
            return
        for match in self._regex.finditer(doc.folded):
            why = "the name of a patient on your roster (matched with nicknames and accents folded)"
            yield Span(
                match.start(),
                match.end(),
                "NAME",
                Category.PHI,
                Severity.HIGH,
                0.99,
                self.rule,
                why,
            )
