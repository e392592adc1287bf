"""IP addresses (Safe Harbor: IP address numbers)."""

from __future__ import annotations

import ipaddress
import re

from armslength.model import Severity
from armslength.screen._doc import Doc
from armslength.screen.recognizers._base import Pattern, PatternRecognizer


class IpAddressRecognizer(PatternRecognizer):
    rule = "phi-ip"
    label = "CONTACT"
    severity = Severity.MEDIUM
    patterns = (
        Pattern(
            re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]*\d)"),
            0.9,
            "an IPv4 address",
        ),
        Pattern(
            re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}(?![\w:])"),
            0.85,
            "an IPv6 address",
        ),
    )

    def valid(self, doc: Doc, match: re.Match[str]) -> bool:
        try:
            ipaddress.ip_address(match.group())
        except ValueError:
            return False
        return True
