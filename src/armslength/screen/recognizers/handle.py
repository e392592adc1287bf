"""@handles of people on social media."""

from __future__ import annotations

import re

from armslength.model import Severity
from armslength.screen.recognizers._base import Pattern, PatternRecognizer


class HandleRecognizer(PatternRecognizer):
    rule = "phi-handle"
    label = "NAME"
    severity = Severity.MEDIUM
    patterns = (
        Pattern(
            re.compile(
                r"(?<![\w@.+-])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@]|\.\w)"
            ),
            0.85,
            "an @handle: it names a person's account",
        ),
    )
