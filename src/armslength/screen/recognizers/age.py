"""Ages: 90 and over are always identifiers (Safe Harbor); younger ages count inside a story."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from armslength.model import Category, Severity
from armslength.screen._doc import Doc, Span
from armslength.screen._needs import scan
from armslength.screen.recognizers._base import Recognizer

_AGE = re.compile(
    r"\b(?P<n>\d{1,3})(?:\s*|-)(?:years?|yrs?|y)(?:\s*|-)(?:old|o)\b"
    r"|\b(?P<n2>\d{1,3})\s?(?:y/o|yo|y\.o\.)(?!\w)"
    r"|\b(?:aged?|age of|ages)\s*:?\s*(?P<n3>\d{1,3})\b"
    r"|\b(?P<n4>\d{1,3})\s+years?\s+of\s+age\b"
    r"|\b(?:i am|i'm|im|she is|he is|she's|he's|turned|turning|turn|they are|(?:i|he|she) was)"
    r"\s+(?P<n5>\d{1,3})\b(?!\s*(?:%|mg|kg|lbs|cm|min|am|pm|o'clock|:|\.\d))"
    r"|\((?P<n6>\d{1,3})\s?[MF]\)"
    r"|\b(?P<n7>\d{1,3})(?P<sex>[MF])\b"
    r"|(?<=[A-Za-z],\s)(?P<n8>9\d|1[01]\d)(?=\s*[,)])"
    r"|(?:(?-i:\b[A-Z][a-z]+)|\b(?:nan|nana|gran|granny|grandma|grandad|grandpa|mum|dad))\s+is\s+"
    r"(?P<n9>9\d|1[01]\d)(?=\s*(?:today|tomorrow|this|now|years?|yrs?|and|[!.,;]|$))",
    re.I,
)
_DECADE = re.compile(
    r"\b(?:in (?:her|his|their) (?:late |early |mid-?)?|(?:late|early|mid)[- ]|aged )(?P<d>9\d|1[01]\d)s\b"
    r"|\b(?:nonagenarian|centenarian|supercentenarian)\b",
    re.I,
)


_PERSON = re.compile(
    r"\b(?:i|i'm|im|i'll|he|she|he's|she's|(?:my|his|her|our|their)\s+(?:\w+\s+)?(?:brother|sister"
    r"|father|mother|dad|mum|mom|son|daughter|husband|wife|partner|friend|grandfather|grandmother"
    r"|grandma|grandpa|nan|uncle|aunt|cousin|niece|nephew|boss|neighbou?r))\b[^.!?\n]{0,40}$",
    re.I,
)
_STATED = frozenset({"n3", "n5"})
"""Age forms that state someone's age ('turned 60', 'at the age of 61', 'I'm 47') rather than
describe a case ('a 55-year-old male')."""


class AgeRecognizer(Recognizer):
    rule = "phi-age"

    def find(self, doc: Doc) -> Iterator[Span]:
        for match in scan(_AGE, doc.text):
            group = next(
                g for g in ("n", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9") if match.group(g)
            )
            if group == "n7" and match.group("sex").islower():
                continue
            age = int(match.group(group))
            if age > 125:
                continue
            span = self._age(match, age)
            if span.needs_story and group in _STATED and self._personal(doc, match.start()):
                why = "the age of a particular person (the writer or someone they name)"
                span = replace(span, needs_story=False, why=why)
            yield span
        for match in scan(_DECADE, doc.text):
            why = "an age of 90 or over (in a decade or 'nonagenarian'): Safe Harbor identifier"
            yield Span(
                match.start(), match.end(), "AGE", Category.PHI, Severity.HIGH, 0.85, self.rule, why
            )

    @staticmethod
    def _personal(doc: Doc, start: int) -> bool:
        return _PERSON.search(doc.text, max(0, start - 60), start) is not None

    def _age(self, match: re.Match[str], age: int) -> Span:
        start, end = match.span("n9") if match.group("n9") else match.span()
        if age >= 90:
            why = f"an age of {age}: ages over 89 are identifiers under HIPAA Safe Harbor"
            return Span(start, end, "AGE", Category.PHI, Severity.HIGH, 0.95, self.rule, why)
        why = "an age: not an identifier on its own, but it narrows a patient story"
        return Span(
            start, end, "AGE", Category.PHI, Severity.LOW, 0.6, self.rule, why, needs_story=True
        )
