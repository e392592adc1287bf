"""Identifiers named by the words before them: MRN, plan/member, account, licence, device, vehicle."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from armslength.model import Category, Severity
from armslength.screen._doc import Doc, Span
from armslength.screen._needs import scan
from armslength.screen.recognizers._base import Recognizer


@dataclass(frozen=True)
class IdKind:
    keywords: str
    what: str
    severity: Severity


KINDS: tuple[IdKind, ...] = (
    IdKind(
        r"mrn|medical record(?:s)?(?: number| no\.?| #)?|record (?:number|no\.?|#)|hospital (?:number|no\.?)"
        r"|patient (?:id|number|no\.?|#)|chart (?:number|no\.?|#)|case (?:number|no\.?|#)|nhs (?:number|no\.?)"
        r"|unit number|accession(?: number)?",
        "medical record number",
        Severity.HIGH,
    ),
    IdKind(
        r"insurance(?: id| number| no\.?| #| policy)?|member(?:ship)? (?:id|number|no\.?|#)"
        r"|policy (?:number|no\.?|#)|(?:health )?plan (?:id|number|no\.?|#)|medicaid(?: id| number)?"
        r"|medicare(?: id| number)?|subscriber (?:id|number)|group (?:number|no\.?)|beneficiary(?: id| number)?",
        "health-plan or insurance number",
        Severity.HIGH,
    ),
    IdKind(
        r"account(?: number| no\.?| #)?|acct\.?(?: no\.?| #)?|invoice(?: number| #)?|claim(?: number| #)?",
        "account number",
        Severity.MEDIUM,
    ),
    IdKind(
        r"(?:driver'?s )?licen[cs]e(?: number| no\.?| #)?|dl|passport(?: number| no\.?)?|dea(?: number)?"
        r"|certificate(?: number| no\.?)?|registration number",
        "licence or certificate number",
        Severity.MEDIUM,
    ),
    IdKind(
        r"serial(?: number| no\.?| #)?|device (?:id|serial|number)|imei|implant (?:id|serial)",
        "device identifier",
        Severity.MEDIUM,
    ),
    IdKind(
        r"vin|licen[cs]e plate|number plate|plate(?: number)?|vehicle (?:id|number|registration)"
        r"|reg\.?|registration",
        "vehicle identifier",
        Severity.MEDIUM,
    ),
    IdKind(r"ssn|social security(?: number| no\.?)?", "US Social Security number", Severity.HIGH),
    IdKind(
        r"patient|id|identifier|ref(?:erence)?(?: number| no\.?)?|file(?: number| no\.?)"
        r"|participant(?: id| number| no\.?)?|study (?:id|number|no\.?)|subject (?:id|number)",
        "identifier",
        Severity.MEDIUM,
    ),
)

_VALUE = r"#?\s?(?P<value>[A-Za-z0-9]*\d[A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*)"
_JOIN = r"(?:\s*(?:[:#=]|is|was|no\.?|number)\s*){0,3}"


_PLATE = re.compile(
    r"\b(?:reg\.?|registration|(?:number |licen[cs]e )?plate)\s*(?:[:#]\s*|is\s+|was\s+)?"
    r"(?P<value>(?-i:[A-Z]{2}\d{2}\s?[A-Z]{3}))(?![\w-])",
    re.I,
)
"""A UK number plate after its label ("reg YX21 KHB"): two digits only, so apart."""


class LabelledIdRecognizer(Recognizer):
    rule = "phi-labelled-id"

    def __init__(self) -> None:
        self._kinds = [
            (
                kind,
                re.compile(r"\b(?:" + kind.keywords + r")\b" + _JOIN + _VALUE + r"(?![\w-])", re.I),
            )
            for kind in KINDS
        ]

    def find(self, doc: Doc) -> Iterator[Span]:
        for kind, regex in self._kinds:
            for match in scan(regex, doc.text):
                value = match.group("value")
                if sum(c.isdigit() for c in value) < 3:
                    continue
                start, end = match.span("value")
                if start > 0 and doc.text[start - 1] == "#":
                    start -= 1
                why = f"a {kind.what} (named by the words just before it)"
                yield Span(start, end, "ID", Category.PHI, kind.severity, 0.9, self.rule, why)
        for match in scan(_PLATE, doc.text):
            start, end = match.span("value")
            why = "a vehicle number plate (named by the word just before it)"
            yield Span(start, end, "ID", Category.PHI, Severity.MEDIUM, 0.9, self.rule, why)
