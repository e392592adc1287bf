"""US ZIP codes (with the Safe Harbor 3-digit rule) and UK postcodes."""

from __future__ import annotations

import re

from armslength.model import Severity
from armslength.screen._doc import Doc
from armslength.screen.recognizers._base import Pattern, PatternRecognizer, near

RESTRICTED_ZIP3 = frozenset(
    [
        "036",
        "059",
        "063",
        "102",
        "203",
        "556",
        "692",
        "790",
        "821",
        "823",
        "830",
        "831",
        "878",
        "879",
        "884",
        "890",
        "893",
    ]
)
"""ZIP prefixes whose area holds 20,000 people or fewer: Safe Harbor forbids even these 3 digits."""

_STATES = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
    "DC",
    "PR",
    "GU",
    "VI",
    "AA",
    "AE",
    "AP",
]
_ZIP_CONTEXT = re.compile(r"\b(?:zip|zipcode|zip code|postal code|postcode)\b\W*$")
_STATE_BEFORE = re.compile(r"\b(?:" + "|".join(_STATES) + r")\.?,?\s+$")


class ZipCodeRecognizer(PatternRecognizer):
    rule = "phi-zip"
    label = "LOCATION"
    severity = Severity.MEDIUM
    patterns = (
        Pattern(
            re.compile(r"(?<![\w#$.,/-])\d{5}(?:-\d{4})?(?![\w.,/-]\d|\w)"),
            0.85,
            "a ZIP code: Safe Harbor allows at most its first 3 digits "
            "(none for the 17 sparse prefixes such as 036 or 059)",
        ),
        Pattern(
            re.compile(r"\b(?:zip|zipcode|zip code)\W{0,3}(?P<z>\d{3})(?:xx|\*\*)?\b", re.I),
            0.8,
            "a 3-digit ZIP prefix",
            "z",
        ),
        Pattern(
            re.compile(
                r"\b(?:zip|zip code|zipcode|postcode|postal code|post code|plz)"
                r"(?:\s+(?:is|was|=))?\W{0,3}"
                r"(?P<p>\d{3,6}(?:[- ]\d{2,4})?)\b",
                re.I,
            ),
            0.85,
            "a postcode (named as such just before it)",
            "p",
        ),
    )

    def valid(self, doc: Doc, match: re.Match[str]) -> bool:
        if match.re is self.patterns[1].regex:
            return match.group("z") in RESTRICTED_ZIP3
        if match.re is self.patterns[2].regex:
            return True
        before = doc.text[max(0, match.start() - 25) : match.start()]
        return bool(_STATE_BEFORE.search(before)) or near(doc, match.start(), _ZIP_CONTEXT, 25)


class UkPostcodeRecognizer(PatternRecognizer):
    rule = "phi-uk-postcode"
    label = "LOCATION"
    severity = Severity.MEDIUM
    patterns = (
        Pattern(
            re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b"),
            0.9,
            "a UK postcode (it narrows a place to a few streets)",
        ),
    )
