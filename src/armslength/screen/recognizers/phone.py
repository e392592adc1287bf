"""Telephone and fax numbers in UK, US and international forms, checked with ``phonenumbers``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from armslength.model import Category, Severity
from armslength.screen._doc import Doc, Span
from armslength.screen._needs import scan
from armslength.screen.recognizers._base import Recognizer, near

_CANDIDATE = re.compile(
    r"(?<![\w+.\-/])(?:\+|00)?\(?\d[\d\s().\-]{5,20}\d(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w/]|-\d|\.\d)"
)
_CONTEXT = re.compile(
    r"\b(?:phone|tel|telephone|mobile|mob|cell|call|text|ring|number|fax|contact|whatsapp|no)\b"
)
_FAX = re.compile(r"\bfax\b")
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_SSN_LIKE = re.compile(r"^\d{3}-\d{2}-\d{4}$")
_REGIONS = ("US", "GB")


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _possible(text: str, region: str | None) -> bool:
    import phonenumbers  # about 30 ms: only texts with a phone-shaped run pay for it

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_possible_number(number))


class PhoneRecognizer(Recognizer):
    rule = "phi-phone"

    def find(self, doc: Doc) -> Iterator[Span]:
        for match in scan(_CANDIDATE, doc.text):
            raw = match.group().rstrip(" .-(")
            start = match.start()
            if raw.startswith("(") and ")" not in raw:
                raw, start = raw[1:], start + 1
            span = self._judge(doc, raw, start)
            if span is not None:
                yield span

    def _judge(self, doc: Doc, raw: str, start: int) -> Span | None:
        digits = _digits(raw.split("x")[0].split("ext")[0])
        if not 7 <= len(digits) <= 15 or _DATE_LIKE.match(raw) or _SSN_LIKE.match(raw):
            return None
        context = near(doc, start, _CONTEXT, 30)
        international = raw.startswith(("+", "00"))
        grouped = any(sep in raw for sep in " -.()")
        if international:
            ok = _possible(raw if raw.startswith("+") else "+" + raw[2:], None)
        else:
            ok = any(_possible(raw, region) for region in _REGIONS) and (grouped or context)
        if not ok and not (context and grouped):
            return None
        is_fax = near(doc, start, _FAX, 30)
        kind = "fax number" if is_fax else "telephone number"
        score = 0.9 if ok and (context or grouped) else 0.6
        why = f"a {kind}" + (" (a contact word comes just before it)" if context else "")
        end = start + len(raw)
        return Span(start, end, "CONTACT", Category.PHI, Severity.MEDIUM, score, self.rule, why)
