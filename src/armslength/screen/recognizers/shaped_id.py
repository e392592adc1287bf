"""Unlabelled tokens shaped like record numbers (letters-digits codes, long digit runs)."""

from __future__ import annotations

import re

from armslength.model import Severity
from armslength.screen._doc import Doc
from armslength.screen.recognizers._base import Pattern, PatternRecognizer

_UNIT_AFTER = re.compile(
    r"\s*(?:mg|mcg|µg|ug|ml|mmol|units?|iu|kg|g|lbs?|km|miles?|steps|people|patients|followers|likes"
    r"|views|dollars|usd|gbp|eur|bpm|hz|k|m|%)\b",
    re.I,
)
_VIN = re.compile(r"^(?=.*\d)(?=.*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}$")


class ShapedIdRecognizer(PatternRecognizer):
    rule = "phi-shaped-id"
    label = "ID"
    severity = Severity.MEDIUM
    patterns = (
        Pattern(
            re.compile(r"(?<![\w#/-])#?[A-Z]{1,6}-?\d{4,}[A-Z0-9]*(?:-[A-Z0-9]+)*(?![\w-])"),
            0.7,
            "a code shaped like a record or member number (letters and digits)",
        ),
        Pattern(
            re.compile(r"(?<![\w#/-])#?\d{3,}(?:-\d+)*-[A-Z]{2,}[A-Z0-9]*(?![\w-])"),
            0.7,
            "a code shaped like a record number (digits then letters)",
        ),
        Pattern(
            re.compile(r"(?<![\w#/.,-])#?\d{6,}(?![\w.,-]\d|\w)"),
            0.6,
            "a long number that could identify a person or record",
        ),
        Pattern(
            re.compile(r"(?<![\w#/.,-])#?\d{3}-\d{2,3}-\d{3,4}(?![\w-])"),
            0.6,
            "a hyphenated number shaped like an identifier",
        ),
        Pattern(
            re.compile(r"(?<![\w#/-])#?[A-Z]{2,6}(?:-[A-Z0-9]*\d[A-Z0-9]*){2,3}(?![\w-])"),
            0.65,
            "a code shaped like a record number (letter prefix, several number groups)",
        ),
        Pattern(
            re.compile(r"\b[A-HJ-NPR-Z0-9]{17}\b"), 0.8, "a vehicle identification number (VIN)"
        ),
    )

    def valid(self, doc: Doc, match: re.Match[str]) -> bool:
        token = match.group()
        if len(token) == 17 and token.isalnum() and not _VIN.match(token):
            return False
        return _UNIT_AFTER.match(doc.text, match.end()) is None
