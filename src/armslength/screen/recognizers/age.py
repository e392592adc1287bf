"""Ages: 90 and over are always identifiers (Safe Harbor); younger ages count inside a story."""

from __future__ import annotations

import re
from collections.abc import Iterator

from armslength.model import Category, Severity
from armslength.screen._doc import Doc, Span
from armslength.screen.recognizers._base import Recognizer

_AGE = re.compile(
    r"\b(?P<n>\d{1,3})(?:\s*|-)(?:years?|yrs?|y)(?:\s*|-)(?:old|o)\b"
    r"|\b(?P<n2>\d{1,3})\s?(?:y/o|yo|y\.o\.)(?!\w)"
    r"|\b(?:aged?|age of|ages)\s*:?\s*(?P<n3>\d{1,3})\b"
    r"|\b(?P<n4>\d{1,3})\s+years?\s+of\s+age\b"
    r"|\b(?:i am|i'm|im|she is|he is|she's|he's|turned|turning|they are)\s+(?P<n5>\d{1,3})\b(?!\s*(?:%|mg|kg|lbs|cm|min))"
    r"|\((?P<n6>\d{1,3})\s?[MF]\)"
    r"|\b(?P<n7>\d{1,3})(?P<sex>[MF])\b"
    r"|(?<=[A-Za-z],\s)(?P<n8>9\d|1[01]\d)(?=\s*[,)])",
    re.I,
)
_DECADE = re.compile(
    r"\b(?:in (?:her|his|their) )?(?:late |early |mid-?)?(?P<d>9\d|1[01]\d)s\b|\b(?:nonagenarian|centenarian|supercentenarian)\b",
    re.I,
)


class AgeRecognizer(Recognizer):
    rule = "phi-age"

    def find(self, doc: Doc) -> Iterator[Span]:
        for match in _AGE.finditer(doc.text):
            group = next(
                g for g in ("n", "n2", "n3", "n4", "n5", "n6", "n7", "n8") if match.group(g)
            )
            if group == "n7" and match.group("sex").islower():
                continue
            age = int(match.group(group))
            if age > 125:
                continue
            yield self._age(match, age)
        for match in _DECADE.finditer(doc.text):
            why = "an age of 90 or over (in a decade or 'nonagenarian'): Safe Harbor identifier"
            yield Span(
                match.start(), match.end(), "AGE", Category.PHI, Severity.HIGH, 0.85, self.rule, why
            )

    def _age(self, match: re.Match[str], age: int) -> Span:
        start, end = match.span()
        if age >= 90:
            why = f"an age of {age}: ages over 89 are identifiers under HIPAA Safe Harbor"
            return Span(start, end, "AGE", Category.PHI, Severity.HIGH, 0.95, self.rule, why)
        why = "an age: not an identifier on its own, but it narrows a patient story"
        return Span(
            start, end, "AGE", Category.PHI, Severity.LOW, 0.6, self.rule, why, needs_story=True
        )
