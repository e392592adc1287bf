"""Rules kept as data (``data/relationship.yaml``, ``data/professionalism.yaml``).

Each rule is a few regular expressions with an id, an explanation and the guideline sources it
rests on; :class:`RuleRecognizer` turns every match into a finding.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import NoReturn

from pydantic import BaseModel, ConfigDict, Field, field_validator

from armslength import _prebuilt
from armslength._yaml import YamlDocument
from armslength.errors import PolicyError
from armslength.model import Category, ContentKind, Severity
from armslength.screen._doc import Doc, Span
from armslength.screen._needs import possible
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
    in_posts: bool = True
    """False: the rule speaks of "your ..." and means nobody in a post that addresses no one."""


_FLAGS = re.compile("", re.IGNORECASE).flags


def _regex(value: str) -> re.Pattern[str]:
    try:
        return re.compile(value, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc.msg})") from None


class _RuleRow(BaseModel):
    """One rule of a screen rule file, as written."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    why: str = Field(min_length=1)
    sources: tuple[str, ...] = Field(min_length=1)
    patterns: tuple[str, ...] = Field(min_length=1)
    severity: Severity | None = None
    unless: str | None = None
    requires: tuple[str, ...] = ()
    in_posts: bool = True

    @field_validator("patterns")
    @classmethod
    def _compile_patterns(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            _regex(pattern)
        return value

    @field_validator("unless")
    @classmethod
    def _compile_unless(cls, value: str | None) -> str | None:
        if value is not None:
            _regex(value)
        return value

    def rule(self) -> Rule:
        return Rule(
            id=self.id, why=self.why, sources=self.sources,
            patterns=tuple(_regex(p) for p in self.patterns), severity=self.severity,
            unless=_regex(self.unless) if self.unless else None, requires=self.requires,
            in_posts=self.in_posts,
        )  # fmt: skip


class _RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    rules: tuple[_RuleRow, ...] = Field(min_length=1)


@cache
def rulebook_source_ids() -> frozenset[str]:
    """The ids of the rulebook's sources, which every screen rule must cite from."""
    from armslength.policy._policy import builtin_sources

    return frozenset(builtin_sources())


def parse_rules(document: YamlDocument) -> tuple[Rule, ...]:
    """The rules of a screen rule file, validated: a missing field, a bad regex, an unknown
    severity, a repeated id or a source the rulebook does not have is a :class:`PolicyError`
    naming the file, line and field."""
    rows = document.validate(_RuleFile).rules
    known = rulebook_source_ids()
    seen: set[str] = set()
    for index, row in enumerate(rows):
        unknown = sorted(set(row.sources) - known)
        if unknown:
            _fail(
                document, index, "sources",
                f"unknown source id(s) {', '.join(unknown)} (rule '{row.id}'); "
                "sources must be in the rulebook (armslength policy sources)",
            )  # fmt: skip
        if row.id in seen:
            _fail(document, index, "id", f"rule id '{row.id}' is defined twice")
        seen.add(row.id)
    return tuple(row.rule() for row in rows)


def _fail(document: YamlDocument, index: int, field: str, message: str) -> NoReturn:
    line = document.line_of(("rules", index, field))
    raise PolicyError(message, path=document.name, line=line, field=f"rules.{index}.{field}")


def load_rule_file(path: Path) -> tuple[Rule, ...]:
    """The rules of a screen rule file on disk, validated (errors name *path* and the line)."""
    return parse_rules(YamlDocument.read(path, what="screen rule file"))


@cache
def load_rules(name: str) -> tuple[Rule, ...]:
    """The rules of ``data/<name>.yaml``, validated and compiled once.

    Validating them (a Pydantic schema, the rulebook's sources read from YAML) costs a
    short screening about 0.05 s of CPU, so the rules, once validated, are kept in the user
    cache (:mod:`armslength._prebuilt`), keyed by the rule file and the rulebook's sources
    file: a changed file is validated again, and only a file that passed is ever kept."""
    text = files("armslength.screen").joinpath("data").joinpath(f"{name}.yaml").read_text("utf-8")
    # read through the top package: importing armslength.policy alone costs 0.04 s
    sources = files("armslength").joinpath("policy", "data", "sources.yaml").read_bytes()

    def build() -> tuple[Rule, ...]:
        return parse_rules(YamlDocument.builtin(text, f"armslength/screen/data/{name}.yaml"))

    key = b"rules-1\n" + text.encode("utf-8") + b"\n\x00sources\n" + sources
    return _prebuilt.cached(f"rules-{name}", key, build, _encode_rules, _decode_rules)


def _encode_rules(rules: tuple[Rule, ...]) -> list[bytes]:
    rows = []
    for rule in rules:
        if any(p.flags != _FLAGS for p in rule.patterns) or (
            rule.unless is not None and rule.unless.flags != _FLAGS
        ):
            raise ValueError("a pattern the cached form cannot hold")
        rows.append(
            {
                "id": rule.id,
                "why": rule.why,
                "sources": list(rule.sources),
                "patterns": [p.pattern for p in rule.patterns],
                "severity": None if rule.severity is None else rule.severity.value,
                "unless": None if rule.unless is None else rule.unless.pattern,
                "requires": list(rule.requires),
                "in_posts": rule.in_posts,
            }
        )
    return [json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")]


def _decode_rules(sections: list[bytes]) -> tuple[Rule, ...]:
    try:
        (body,) = sections
        return tuple(
            Rule(
                id=str(row["id"]),
                why=str(row["why"]),
                sources=tuple(str(s) for s in row["sources"]),
                patterns=tuple(_regex(str(p)) for p in row["patterns"]),
                severity=None if row["severity"] is None else Severity(row["severity"]),
                unless=None if row["unless"] is None else _regex(str(row["unless"])),
                requires=tuple(str(r) for r in row["requires"]),
                in_posts=bool(row["in_posts"]),
            )
            for row in json.loads(body)
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError("damaged cached rules") from exc


class RuleRecognizer(Recognizer):
    """Runs one rule file; severity comes from the rule or from :meth:`severity_for`."""

    category: Category = Category.PROFESSIONALISM
    source: str = ""

    def find(self, doc: Doc) -> Iterator[Span]:
        folded = doc.folded.__contains__
        to_all = doc.kind is ContentKind.POST and not _ADDRESSED.match(doc.text)
        for rule in load_rules(self.source):
            if to_all and not rule.in_posts:
                continue  # a post speaks to every reader: "your surgery" is anyone's
            if rule.requires and not any(map(folded, rule.requires)):
                continue
            if (
                rule.unless is not None
                and possible(rule.unless, doc.text)
                and rule.unless.search(doc.text)
            ):
                continue
            severity = rule.severity or self.severity_for(doc)
            for pattern in rule.patterns:
                if not possible(pattern, doc.text):
                    continue
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
                            rule.why,
                            sources=rule.sources,
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


_ADDRESSED = re.compile(
    r"\s*(?:@\w|(?:hi|hey|hello|dear|congrats|congratulations|thanks|thank you)\b\s*,?\s*(?-i:[A-Z@]))",
    re.I,
)
"""A post that opens by addressing someone ("@sam_k", "Dear Mrs Lee") speaks to them."""


class ProfessionalismRecognizer(RuleRecognizer):
    rule = "professionalism"
    category = Category.PROFESSIONALISM
    source = "professionalism"
