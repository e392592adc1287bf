"""Street addresses, PO boxes, apartment and unit numbers."""

from __future__ import annotations

import re

from armslength.model import Severity
from armslength.screen.recognizers._base import Pattern, PatternRecognizer

STREET_SUFFIX = (
    r"(?i:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|way"
    r"|terrace|ter|close|crescent|cres|parkway|pkwy|highway|hwy|square|sq|circle|cir|row|mews"
    r"|gardens|grove|hill|walk|trail|plaza|alley|path|green|park|lodge|isle|view|vej|gade|gasse"
    r"|strasse|straße|katu|gatan|vegen|weg|rue|via|calle|rua|ul)"
)
_WORD = r"[A-Z][\w'’.-]*"
_UNIT = r"(?:,?\s+(?i:apt|apartment|suite|ste|unit|flat|floor|fl|room|#)\.?\s*#?\w+)*"
_CITY_STATE = r"(?:,\s*(?:[A-Z][\w'’.-]*\s?){1,3}(?:,\s*[A-Z]{2})?(?:\s+\d{5}(?:-\d{4})?)?)?"


_COMPOUND = (
    r"[^\W\d_]{2,}(?i:vej|gade|gatan|gata|vägen|vagen|veien|vegen|stien|strasse|straße|gasse"
    r"|weg|laan|straat|katu|tie|kuja|polku|stræde|torv|plads|platz|allee|allé)"
)
"""A street name written as one word with its (Nordic, German or Dutch) street suffix."""


class StreetAddressRecognizer(PatternRecognizer):
    rule = "phi-street-address"
    label = "LOCATION"
    severity = Severity.HIGH
    patterns = (
        Pattern(
            re.compile(
                r"\b\d{1,6}[A-Za-z]?(?:\s+\d{1,5})?\s+(?:"
                + _WORD
                + r"\s+){0,4}"
                + STREET_SUFFIX
                + r"\b\.?"
                + _UNIT
                + _CITY_STATE
            ),
            0.9,
            "a street address",
        ),
        Pattern(
            re.compile(
                r"\b(?:" + _WORD + r"\s+){1,3}(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.|Boulevard"
                r"|Blvd\.?|Lane|Drive|Court|Terrace|Crescent|Parkway|Close)(?!\w)" + _CITY_STATE
            ),
            0.8,
            "a street name",
        ),
        Pattern(
            re.compile(r"\b(?:" + _WORD + r"\s+)(?:" + STREET_SUFFIX + r")\s+\d{1,6}[A-Za-z]?\b"),
            0.75,
            "a street address (street then number)",
        ),
        Pattern(
            re.compile(
                r"\b(?:p\.?\s?o\.?\s?box|psc|unit|apt\.?|apartment|suite|flat)\s+#?\d+\w*"
                r"(?:,?\s+box\s+\d+)?(?:\s+[AFD]PO\s+A[AEP]\s+\d{5})?",
                re.I,
            ),
            0.8,
            "a postal box, apartment, suite or unit number",
        ),
        Pattern(re.compile(r"\b[AFD]PO\s+A[AEP]\s+\d{5}\b"), 0.85, "a military postal address"),
        Pattern(
            re.compile(r"(?<![\w-])(?:\d{1,6}\s+)?" + _COMPOUND + r"\s+\d{1,5}[A-Za-z]?\b"),
            0.85,
            "a street address (a street name with its suffix, then the number)",
        ),
    )
