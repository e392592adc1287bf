"""Multi-line postal addresses: the lines after 'address:' or after a street line.

Forms vary by country ("Puruntie 82 Apt. 595 / LAPPEENRANTA / 53650"), so rather than parse
them, every short line of an address block (town, region, postcode, country) is a LOCATION.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from armslength.model import Category, Severity
from armslength.screen._doc import Doc, Span
from armslength.screen._needs import scan
from armslength.screen.recognizers._base import Recognizer
from armslength.screen.recognizers.street_address import STREET_SUFFIX

_CUE = re.compile(
    r"\b(?:(?:billing|shipping|mailing|postal|home|street|delivery|return|new)\s+)?address(?:es)?"
    r"\b(?:\s+is)?\s*:?[ \t]*",
    re.I,
)
_STREET = r"\d{1,6}[ \t]+(?:[^\W\d_][\w.'’-]*[ \t]+){1,4}\d{1,5}[A-Za-z]?\b"
_NAMED_STREET = (
    r"\d{1,6}(?:[ \t]+\d{1,5})?[ \t]+(?:[^\W\d_][\w.'’-]*[ \t]+){1,4}"
    + STREET_SUFFIX
    + r"\.?[ \t]*$"
)
_STREET_LINE = re.compile(
    r"(?m)^(?P<quote>[ \t>|*?]*)(?:" + _STREET + r"[^\n]*$|" + _NAMED_STREET + ")"
)
"""A line that opens with number, name, number (a street in most of Europe), possibly quoted
with '>' as in a forwarded e-mail."""
_STREET_INLINE = re.compile(
    r"(?i:\b(?:lives?|living|located|meet me|meet us|drops? you off|sent to|send it to|ship it to)"
    r"\s+at|\b(?:apt|apartment|suite|unit)\.?\s*\d{1,5})\s+(?P<street>" + _STREET + ")"
)
"""The same street form inside a line, after 'lives at ...' or an apartment number."""
_SEGMENT = re.compile(r"[^\n,;]+")
MAX_SEGMENT = 60
MAX_BLOCK = 220
MAX_LINES = 6


class AddressBlockRecognizer(Recognizer):
    rule = "phi-address-block"

    def find(self, doc: Doc) -> Iterator[Span]:
        for match in scan(_CUE, doc.text):
            yield from self._block(doc, match.end(), "follows the word 'address'")
        for match in scan(_STREET_LINE, doc.text):
            yield from self._block(doc, match.end("quote"), "a street line and the lines below it")
        for match in scan(_STREET_INLINE, doc.text):
            yield from self._block(doc, match.start("street"), "a street and what follows it")

    def _block(self, doc: Doc, start: int, reason: str) -> Iterator[Span]:
        region = doc.text[start : start + MAX_BLOCK]
        lines = 0
        for segment in _SEGMENT.finditer(region):
            text = segment.group()
            lines += doc.text.count("\n", start, start + segment.start()) > lines
            if lines > MAX_LINES:
                return
            stripped = text.strip().lstrip(">|*?").strip()
            if not stripped or len(stripped) > MAX_SEGMENT or stripped.lower() == "nan":
                continue
            if not any(c.isalnum() for c in stripped):
                continue
            offset = start + segment.start() + text.index(stripped)
            why = f"part of a postal address ({reason})"
            yield Span(
                offset,
                offset + len(stripped),
                "LOCATION",
                Category.PHI,
                Severity.MEDIUM,
                0.7,
                self.rule,
                why,
            )
