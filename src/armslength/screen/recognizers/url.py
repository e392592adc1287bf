"""Web addresses (Safe Harbor: URLs)."""

from __future__ import annotations

import re

from armslength.model import Severity
from armslength.screen.recognizers._base import Pattern, PatternRecognizer

_TLD = (
    r"(?:com|org|net|edu|gov|io|co|uk|us|de|fr|ch|se|at|pl|cz|hu|ee|cy|ca|au|nz|ie|info|biz|me|ly)"
)


class UrlRecognizer(PatternRecognizer):
    rule = "phi-url"
    label = "CONTACT"
    severity = Severity.LOW
    patterns = (
        Pattern(
            re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE),
            0.9,
            "a web address (URL): it can lead to a person",
        ),
        Pattern(
            re.compile(
                r"(?<![@\w.])(?:[a-z0-9-]+\.)+" + _TLD + r"(?:/[^\s<>\"']*[^\s<>\"'.,;:!?)\]])?"
                r"(?![\w@])",
                re.IGNORECASE,
            ),
            0.6,
            "a web domain: it can lead to a person",
        ),
    )
