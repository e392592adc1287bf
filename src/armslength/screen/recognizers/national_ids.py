"""Numbers with a structure or check digit: SSN, NHS number, NPI, payment card, IBAN."""

from __future__ import annotations

import re

from armslength.model import Severity
from armslength.screen import checksums
from armslength.screen._doc import Doc
from armslength.screen.recognizers._base import Pattern, PatternRecognizer, near

_SSN_CONTEXT = re.compile(r"\b(?:ssn|social security|ss#|ss no)")
_NHS_CONTEXT = re.compile(r"\bnhs\b")
_NPI_CONTEXT = re.compile(r"\bnpi\b")
_CARD_CONTEXT = re.compile(r"\b(?:card|visa|mastercard|amex|credit|debit|cc)\b")


def _digits(match: re.Match[str]) -> str:
    return "".join(c for c in match.group() if c.isdigit())


class SsnRecognizer(PatternRecognizer):
    rule = "phi-ssn"
    label = "ID"
    severity = Severity.HIGH
    patterns = (
        Pattern(
            re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])"), 0.9, "a US Social Security number"
        ),
        Pattern(
            re.compile(r"(?<![\w-])\d{9}(?![\w-])"),
            0.85,
            "a US Social Security number (named as such just before it)",
        ),
    )

    def valid(self, doc: Doc, match: re.Match[str]) -> bool:
        if not checksums.ssn_ok(match.group()):
            return False
        return "-" in match.group() or near(doc, match.start(), _SSN_CONTEXT, 25)


class NhsNumberRecognizer(PatternRecognizer):
    rule = "phi-nhs-number"
    label = "ID"
    severity = Severity.HIGH
    patterns = (
        Pattern(
            re.compile(r"(?<![\w-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\w-])"),
            0.95,
            "an NHS number (its mod-11 check digit is valid)",
        ),
    )

    def valid(self, doc: Doc, match: re.Match[str]) -> bool:
        """Phone numbers share the 3-3-4 shape: without the word NHS, spaces or no separator only."""
        if not checksums.nhs_ok(_digits(match)):
            return False
        return near(doc, match.start(), _NHS_CONTEXT, 30) or "-" not in match.group()


class NpiRecognizer(PatternRecognizer):
    rule = "phi-npi"
    label = "ID"
    severity = Severity.MEDIUM
    patterns = (
        Pattern(
            re.compile(r"(?<![\w-])[12]\d{9}(?![\w-])"),
            0.9,
            "a US National Provider Identifier (NPI; Luhn check with prefix 80840 is valid)",
        ),
    )

    def valid(self, doc: Doc, match: re.Match[str]) -> bool:
        return checksums.npi_ok(match.group()) and near(doc, match.start(), _NPI_CONTEXT, 25)


class PaymentCardRecognizer(PatternRecognizer):
    rule = "phi-payment-card"
    label = "ID"
    severity = Severity.HIGH
    patterns = (
        Pattern(
            re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])"),
            0.9,
            "a payment card or account number (its Luhn check digit is valid)",
        ),
    )

    def valid(self, doc: Doc, match: re.Match[str]) -> bool:
        digits = _digits(match)
        plain = digits == match.group()
        return checksums.luhn_ok(digits) and (
            plain or near(doc, match.start(), _CARD_CONTEXT, 30) or len(digits) in (15, 16)
        )


class IbanRecognizer(PatternRecognizer):
    rule = "phi-iban"
    label = "ID"
    severity = Severity.HIGH
    patterns = (
        Pattern(
            re.compile(
                r"(?<![\w])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?(?!\w)"
            ),
            0.95,
            "a bank account number (IBAN; its mod-97 check is valid)",
        ),
    )

    def valid(self, doc: Doc, match: re.Match[str]) -> bool:
        return checksums.iban_ok(match.group())
