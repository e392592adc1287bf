"""Initials that stand for a person: 'patient J.S.', 'pt JD', 'Mrs K.', 'initials AB'."""

from __future__ import annotations

import re

from armslength import _lexicon
from armslength.model import Severity
from armslength.screen._doc import Doc
from armslength.screen.recognizers._base import Pattern, PatternRecognizer


class InitialsRecognizer(PatternRecognizer):
    rule = "phi-initials"
    label = "NAME"
    severity = Severity.MEDIUM
    patterns = (
        Pattern(
            re.compile(
                r"\b(?i:patient|pt|pts|client|mr|mrs|ms|miss|mx|dr|initials|baby|resident)\.?:?\s+"
                r"(?P<i>(?:[A-Z]\.\s?){1,3}(?![a-z])|[A-Z]{2,3}\b(?!\s?\d))"
            ),
            0.85,
            "initials after 'patient', a title or 'initials': with context they identify",
            "i",
        ),
    )

    def valid(self, doc: Doc, match: re.Match[str]) -> bool:
        letters = match.group("i").replace(".", "").replace(" ", "").lower()
        return letters not in _lexicon.words("acronyms")
