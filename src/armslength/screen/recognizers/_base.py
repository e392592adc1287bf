"""The recognizer protocol and the generic regex recognizer most rules are built from."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass

from armslength.model import Category, Severity
from armslength.screen._doc import Doc, Span
from armslength.screen._needs import possible


class Recognizer(ABC):
    """Finds one kind of risk in a text. Small, stateless, one per file."""

    rule: str = ""

    @abstractmethod
    def find(self, doc: Doc) -> Iterator[Span]:
        """Yield every span this recognizer sees in ``doc``."""


@dataclass(frozen=True)
class Pattern:
    """One regex with what a match means."""

    regex: re.Pattern[str]
    score: float
    why: str
    group: int | str = 0


class PatternRecognizer(Recognizer):
    """A recognizer described by data: patterns, a label, a severity and a validator."""

    label: str = ""
    category: Category = Category.PHI
    severity: Severity = Severity.MEDIUM
    patterns: tuple[Pattern, ...] = ()

    def find(self, doc: Doc) -> Iterator[Span]:
        for pattern in self.patterns:
            if not possible(pattern.regex, doc.text):
                continue  # it cannot match: skip the scan
            for match in pattern.regex.finditer(doc.text):
                if not self.valid(doc, match):
                    continue
                start, end = match.span(pattern.group)
                if start < end:
                    yield self.span(start, end, pattern.score, pattern.why)

    def valid(self, doc: Doc, match: re.Match[str]) -> bool:
        """Checksums and context checks; every match is valid unless overridden."""
        return True

    def span(self, start: int, end: int, score: float, why: str) -> Span:
        return Span(start, end, self.label, self.category, self.severity, score, self.rule, why)


def near(doc: Doc, start: int, pattern: re.Pattern[str], before: int = 40) -> bool:
    """True when ``pattern`` matches in the ``before`` characters preceding ``start``."""
    return pattern.search(doc.folded, max(0, start - before), start) is not None
