"""The loaded rulebook: sources, rules and the checks that keep it coherent."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from armslength._checks import check_path
from armslength._yaml import YamlDocument
from armslength.config import Channels
from armslength.errors import PolicyError
from armslength.model import Account, Jurisdiction, Kind, Relationship, Role
from armslength.policy._schema import Override, Rule, Rulebook, Source, SourceFile
from armslength.policy.topics import Topic

_DATA = "armslength.policy"


@dataclass(frozen=True)
class Situation:
    """Everything a rule's ``when`` can test."""

    relationship: Relationship
    kind: Kind
    account: Account
    role: Role
    jurisdiction: Jurisdiction
    topic: Topic
    preexisting: bool


def matches(rule: Rule, situation: Situation) -> bool:
    when = rule.when
    for name in ("relationship", "kind", "account", "role", "jurisdiction", "topic"):
        allowed = getattr(when, name)
        if allowed is not None and getattr(situation, name) not in allowed:
            return False
    return when.preexisting is None or when.preexisting == situation.preexisting


@dataclass(frozen=True)
class Policy:
    """A validated rulebook. Build it with :func:`load_policy`."""

    version: str
    sources: dict[str, Source]
    rules: tuple[Rule, ...]
    channels: Channels | None = None
    origin: tuple[str, ...] = field(default=())

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise PolicyError(f"no rule with id '{rule_id}'", field="rule")

    def applicable(self, situation: Situation) -> list[Rule]:
        return [rule for rule in self.rules if matches(rule, situation)]

    def current(self, source_id: str) -> tuple[str, tuple[str, ...]]:
        """The id of the document now in force in place of *source_id*, and the ids it
        replaced, newest first (empty when *source_id* is itself current)."""
        history: list[str] = []
        while (successor := self.sources[source_id].superseded_by) is not None:
            history.insert(0, source_id)
            source_id = successor
        return source_id, tuple(history)

    def active_sources(self, jurisdiction: Jurisdiction, role: Role) -> set[str]:
        """Ids of the bodies whose guidance applies to *role* in *jurisdiction*."""
        return {
            source.id
            for source in self.sources.values()
            if role in source.audience
            and (jurisdiction == Jurisdiction.INTL or jurisdiction in source.jurisdiction)
        }


def _read_builtin(name: str) -> YamlDocument:
    text = resources.files(_DATA).joinpath(f"data/{name}").read_text(encoding="utf-8")
    return YamlDocument.builtin(text, f"<builtin>/{name}")


def _check_unique(rules: Iterable[Rule], origin: str) -> None:
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise PolicyError(f"rule id '{rule.id}' is defined twice", path=origin, field="id")
        seen.add(rule.id)


def _check_citations(rules: Iterable[Rule], sources: dict[str, Source], origin: str) -> None:
    for rule in rules:
        cited = [c.id for c in rule.sources] + [d.source for d in rule.dissent]
        for source_id in cited:
            if source_id not in sources:
                raise PolicyError(
                    f"rule '{rule.id}' cites unknown source '{source_id}'",
                    path=origin,
                    field="sources",
                )


def _check_successors(sources: dict[str, Source], origin: str) -> None:
    for source in sources.values():
        seen = {source.id}
        successor = source.superseded_by
        while successor is not None:
            if successor not in sources:
                raise PolicyError(
                    f"source '{source.id}' is superseded by unknown source '{successor}'",
                    path=origin,
                    field="superseded_by",
                )
            if successor in seen:
                raise PolicyError(
                    f"source '{source.id}' is superseded in a loop (via '{successor}')",
                    path=origin,
                    field="superseded_by",
                )
            seen.add(successor)
            successor = sources[successor].superseded_by


def _check_dissent(policy: Policy, origin: str) -> None:
    """A body cannot both support a rule and take a softer position on it (once superseded
    documents are replaced by their successors)."""
    for rule in policy.rules:
        cited = {policy.current(c.id)[0] for c in rule.sources}
        for dissent in rule.dissent:
            current = policy.current(dissent.source)[0]
            if current in cited:
                raise PolicyError(
                    f"rule '{rule.id}' cites '{current}' and lists it as disagreeing "
                    f"(dissent '{dissent.source}')",
                    path=origin,
                    field="dissent",
                )


def _check_replies(rules: Iterable[Rule], origin: str) -> None:
    from armslength.replies import template_names

    known = template_names()
    for rule in rules:
        if rule.reply is not None and rule.reply not in known:
            raise PolicyError(
                f"rule '{rule.id}' names unknown reply template '{rule.reply}' "
                f"(known: {', '.join(sorted(known))})",
                path=origin,
                field="reply",
            )


def _check_conflicts(rules: Iterable[Rule], origin: str) -> None:
    verdict_rules = [rule for rule in rules if rule.verdict is not None]
    for first, second in itertools.combinations(verdict_rules, 2):
        if (
            first.verdict != second.verdict
            and first.priority == second.priority
            and first.when.overlaps(second.when)
        ):
            raise PolicyError(
                f"rules '{first.id}' and '{second.id}' cover the same situation with different "
                "verdicts and no precedence (give one a higher 'priority')",
                path=origin,
                field="priority",
            )


def situations() -> Iterator[Situation]:
    """Every situation the CLI can describe."""
    for relationship, kind, account, role, jurisdiction, topic, preexisting in itertools.product(
        Relationship, Kind, Account, Role, Jurisdiction, Topic, (False, True)
    ):
        yield Situation(relationship, kind, account, role, jurisdiction, topic, preexisting)


def _check_complete(rules: tuple[Rule, ...], origin: str) -> None:
    verdict_rules = [rule for rule in rules if rule.verdict is not None]
    narrow = any(rule.when.role or rule.when.jurisdiction for rule in verdict_rules)
    for situation in situations():
        if not narrow and (situation.role, situation.jurisdiction) != (
            Role.DOCTOR,
            Jurisdiction.INTL,
        ):
            continue
        if not any(matches(rule, situation) for rule in verdict_rules):
            raise PolicyError(
                "no rule gives a verdict for "
                f"relationship={situation.relationship} kind={situation.kind} "
                f"account={situation.account} role={situation.role} "
                f"jurisdiction={situation.jurisdiction} topic={situation.topic} "
                f"preexisting={situation.preexisting}",
                path=origin,
                field="rules",
            )


def check(policy: Policy, origin: str, *, exhaustive: bool = True) -> None:
    """Raise :class:`PolicyError` unless *policy* is coherent and complete.

    *exhaustive* adds the checks over every pair of rules and every situation the CLI can
    describe; the built-in rulebook skips them at run time (a test runs them on it).
    """
    _check_unique(policy.rules, origin)
    _check_citations(policy.rules, policy.sources, origin)
    _check_successors(policy.sources, origin)
    _check_dissent(policy, origin)
    _check_replies(policy.rules, origin)
    if exhaustive:
        _check_conflicts(policy.rules, origin)
        _check_complete(policy.rules, origin)


@cache
def builtin_sources() -> dict[str, Source]:
    """The rulebook's sources by id (``data/sources.yaml``, validated); screen rules cite them."""
    sources = _read_builtin("sources.yaml").validate(SourceFile).sources
    return {source.id: source for source in sources}


def builtin_policy() -> Policy:
    sources = dict(builtin_sources())
    book = _read_builtin("rules.yaml").validate(Rulebook)
    policy = Policy(book.version, sources, book.rules, origin=("<builtin>",))
    check(policy, "<builtin>/rules.yaml", exhaustive=False)
    return policy


def _require(ok: bool, document: YamlDocument, change: str, index: int, message: str) -> None:
    """Raise a PolicyError at the line of ``rules.<change>[index]`` unless *ok*."""
    if not ok:
        line = document.line_of(("rules", change, index))
        raise PolicyError(message, path=document.name, line=line, field=f"rules.{change}")


def apply_override(base: Policy, document: YamlDocument) -> Policy:
    override = document.validate(Override)
    sources = dict(base.sources)
    for source in override.sources:
        sources[source.id] = source
    rules = {rule.id: rule for rule in base.rules}
    changes = override.rules
    for index, rule_id in enumerate(changes.disable):
        _require(
            rule_id in rules, document, "disable", index, f"cannot disable unknown rule '{rule_id}'"
        )
        del rules[rule_id]
    for index, rule in enumerate(changes.replace):
        message = f"cannot replace unknown rule '{rule.id}' (use 'add')"
        _require(rule.id in rules, document, "replace", index, message)
        rules[rule.id] = rule
    for index, rule in enumerate(changes.add):
        message = f"rule '{rule.id}' already exists (use 'replace')"
        _require(rule.id not in rules, document, "add", index, message)
        rules[rule.id] = rule
    digest = hashlib.sha256(str(document.data).encode()).hexdigest()[:8]
    policy = Policy(
        version=f"{base.version}+{override.version or digest}",
        sources=sources,
        rules=tuple(rules.values()),
        channels=override.channels,
        origin=(*base.origin, document.name),
    )
    check(policy, document.name)
    return policy


_BUILTIN: Policy | None = None


def load_policy(override: str | Path | None = None) -> Policy:
    """The built-in rulebook, with an organisation's override file applied if given."""
    global _BUILTIN
    if _BUILTIN is None:
        _BUILTIN = builtin_policy()
    if override is None:
        return _BUILTIN
    return apply_override(_BUILTIN, YamlDocument.read(check_path("override", override)))
