"""Rules kept as data (``data/relationship.yaml``, ``data/professionalism.yaml``).

Each rule is a few regular expressions with an id, an explanation and the guideline sources it
rests on; :class:`RuleRecognizer` turns every match into a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from armslength.model import Category, ContentKind, Severity
from armslength.screen._doc import Doc, Span
from armslength.screen.recognizers._base import Recognizer


@dataclass(frozen=True)
class Rule:
    id: str
    why: str
    sources: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    severity: Severity | None = None
    unless: re.Pattern[str] | None = None
    requires: tuple[str, ...] = ()
    """Cheap prefilter: the rule runs only when one of these appears in the folded text."""

    @property
    def explanation(self) -> str:
        return f"{self.why} [sources: {', '.join(self.sources)}]"


def _rule(row: dict[str, Any]) -> Rule:
    unless = row.get("unless")
    return Rule(
        id=str(row["id"]),
        why=str(row["why"]),
        sources=tuple(str(s) for s in row.get("sources", ())),
        patterns=tuple(re.compile(p, re.IGNORECASE) for p in row["patterns"]),
        severity=Severity(row["severity"]) if "severity" in row else None,
        unless=re.compile(unless, re.IGNORECASE) if unless else None,
        requires=tuple(str(r) for r in row.get("requires", ())),
    )


@cache
def load_rules(name: str) -> tuple[Rule, ...]:
    """The rules of ``data/<name>.yaml``, compiled once."""
    text = files("armslength.screen").joinpath("data").joinpath(f"{name}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return tuple(_rule(row) for row in data["rules"])


class RuleRecognizer(Recognizer):
    """Runs one rule file; severity comes from the rule or from :meth:`severity_for`."""

    category: Category = Category.PROFESSIONALISM
    source: str = ""

    def find(self, doc: Doc) -> Iterator[Span]:
        for rule in load_rules(self.source):
            if rule.requires and not any(word in doc.folded for word in rule.requires):
                continue
            if rule.unless is not None and rule.unless.search(doc.text):
                continue
            severity = rule.severity or self.severity_for(doc)
            for pattern in rule.patterns:
                for match in pattern.finditer(doc.text):
                    if match.end() > match.start():
                        yield Span(
                            match.start(),
                            match.end(),
                            None,
                            self.category,
                            severity,
                            0.8,
                            rule.id,
                            rule.explanation,
                        )

    def severity_for(self, doc: Doc) -> Severity:
        return Severity.MEDIUM

    @classmethod
    def sub_rules(cls) -> list[tuple[str, str]]:
        """The rule file's rules: (id, why), for listing and disabling them one by one."""
        return [(rule.id, rule.why) for rule in load_rules(cls.source)]


class RelationshipRecognizer(RuleRecognizer):
    """Confirming a care relationship is high risk in a reply, comment or message."""

    rule = "relationship"
    category = Category.RELATIONSHIP
    source = "relationship"

    def severity_for(self, doc: Doc) -> Severity:
        return Severity.MEDIUM if doc.kind is ContentKind.POST else Severity.HIGH


class ProfessionalismRecognizer(RuleRecognizer):
    rule = "professionalism"
    category = Category.PROFESSIONALISM
    source = "professionalism"
