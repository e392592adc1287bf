"""Dates and times tied to a person or to care: absolute, weekday and relative forms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from armslength.model import Category, Severity
from armslength.screen._doc import Doc, Span
from armslength.screen._needs import scan
from armslength.screen.recognizers._base import Recognizer

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:(?:19|20)\d{2}|'\d{2})"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_TIME = r"(?:\s*(?:at\s+)?\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?m\.?)?)?"

_ABSOLUTE: tuple[tuple[re.Pattern[str], float, str], ...] = (
    (
        re.compile(
            r"\b" + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?(?!\w)" + _TIME, re.I
        ),
        0.9,
        "a calendar date",
    ),
    (
        re.compile(
            r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + r")?(?!\w)", re.I
        ),
        0.9,
        "a calendar date",
    ),
    (re.compile(r"\b" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I), 0.85, "a month and year"),
    (
        re.compile(
            r"(?<![\w/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}[/.-]\d{1,2}[/.-]\d{1,2})"
            r"(?![\w/-]|\.\d)" + r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
        ),
        0.9,
        "a numeric date",
    ),
    (
        re.compile(r"\b" + _DAY + r"[-/ ]" + _MONTH + r"[-/ ](?:(?:19|20)\d{2}|\d{2})\b", re.I),
        0.9,
        "a calendar date",
    ),
    (
        re.compile(
            r"(?<!\bto )(?<!till )(?<!until )(?<!through )(?<![-–—])(?<![-–—] )\b"
            + _WEEKDAY
            + r"\b(?!\s*(?:to|till|until|through|thru|-|–|—)\s*"
            + _WEEKDAY
            + r")",
            re.I,
        ),
        0.7,
        "a day of the week",
    ),
    (
        re.compile(
            r"\b(?:born|dob|d\.o\.b\.?|date of birth|birthday)\W{0,3}(?:in\s+|on\s+)?"
            r"(?P<y>(?:19|20)\d{2})\b",
            re.I,
        ),
        0.8,
        "a year of birth",
    ),
)
_BIRTH_LABEL = re.compile(
    r"\b(?:born(?:\s+on)?|dob|d\.o\.b\.?|date of birth|birth\s?date)\W{0,3}$", re.I
)
"""A label that makes the date after it a date of birth, an identifier whoever it belongs to."""
_MONTH_ALONE_NOT_DATE = re.compile(r"^(?:may|mar|march|jan|june|sat|sun|wed)$", re.I)
_RELATIVE = re.compile(
    r"\b(?:yesterday|today|tonight|this (?:morning|afternoon|evening)|last night|the other (?:day|night)"
    r"|(?:last|this|next) (?:" + _WEEKDAY + r"|weekend|week|night shift|nights|shift)"
    r"|on (?:" + _WEEKDAY + r"|(?:the )?night shift)"
    r"|(?:last|this|next|early|late|mid-?) " + _MONTH + r"(?!\w)"
    r"|(?:\d+|a|an|one|two|three|four|five|six|few|couple of) (?:hours?|days?|weeks?|nights?) ago"
    r"|earlier (?:today|this week)|(?:at|around) \d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)"
    r"|\d{1,2}:\d{2}\s*(?:am|pm|hrs)?)\b",
    re.I,
)


_BARE_YEAR = re.compile(
    r"\b(?i:in|since|until|till|by|of|during|from|around|circa|c\.)\s+(?P<y>(?:19|20)\d{2})"
    r"(?![\w/-]|\.\d|\s*(?:mg|ml|kg|units|patients|people|%))"
)
"""A year after a preposition ('in 2004'): reported, like ages under 90, only beside an
identifier (Safe Harbor keeps years; ASQ-PHI counts a lone year as no PHI)."""


class DateRecognizer(Recognizer):
    rule = "phi-date"

    def find(self, doc: Doc) -> Iterator[Span]:
        for regex, score, why in _ABSOLUTE:
            for match in scan(regex, doc.text):
                group = "y" if "y" in regex.groupindex else 0
                if self._ok(doc, match):
                    start, end = match.span(group)
                    if group == 0 and _BIRTH_LABEL.search(doc.text, max(0, start - 20), start):
                        yield self._span(start, end, Severity.HIGH, 0.95, "a date of birth")
                    else:
                        yield self._span(start, end, Severity.LOW, score, why)
        for match in scan(_BARE_YEAR, doc.text):
            why = "a year: not an identifier on its own, but it dates the rest of the text"
            span = self._span(match.start("y"), match.end("y"), Severity.LOW, 0.5, why)
            yield replace(span, needs_story=True)
        if doc.care_terms:
            for match in scan(_RELATIVE, doc.text):
                why = "a relative date or time in a care context: with the shift it dates the event"
                yield self._span(match.start(), match.end(), Severity.LOW, 0.7, why)

    @staticmethod
    def _ok(doc: Doc, match: re.Match[str]) -> bool:
        first = match.group().split()[0].strip(".,")
        return not (
            _MONTH_ALONE_NOT_DATE.match(first) and not first[0].isupper() and not doc.letters_lower
        )

    def _span(self, start: int, end: int, severity: Severity, score: float, why: str) -> Span:
        return Span(start, end, "DATE", Category.PHI, severity, score, self.rule, why)
