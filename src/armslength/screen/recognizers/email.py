"""E-mail addresses (Safe Harbor: electronic mail addresses)."""

from __future__ import annotations

import re

from armslength.model import Severity
from armslength.screen.recognizers._base import Pattern, PatternRecognizer


class EmailRecognizer(PatternRecognizer):
    rule = "phi-email"
    label = "CONTACT"
    severity = Severity.MEDIUM
    patterns = (
        Pattern(
            re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])"),
            0.95,
            "an e-mail address",
        ),
    )
