"""Typed shape of the rulebook files (sources, rules, overrides)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from armslength.config import Channels
from armslength.model import (
    Account,
    Jurisdiction,
    Kind,
    Relationship,
    Role,
    Strength,
    Verdict,
    Verification,
)
from armslength.policy.topics import Topic


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(_Strict):
    id: str
    body: str
    title: str
    year: int | str
    jurisdiction: tuple[Jurisdiction, ...]
    audience: tuple[Role, ...]
    url: str
    verification: Verification


class Citation(_Strict):
    """A source cited by a rule, optionally with the position's own verification."""

    id: str
    verification: Verification | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_id(cls, value: Any) -> Any:
        return {"id": value} if isinstance(value, str) else value


class Dissent(_Strict):
    source: str
    summary: str


class When(_Strict):
    """The situation a rule covers; ``None`` means any value."""

    relationship: frozenset[Relationship] | None = None
    kind: frozenset[Kind] | None = None
    account: frozenset[Account] | None = None
    role: frozenset[Role] | None = None
    jurisdiction: frozenset[Jurisdiction] | None = None
    topic: frozenset[Topic] | None = None
    preexisting: bool | None = None

    @field_validator("relationship", "kind", "account", "role", "jurisdiction", "topic")
    @classmethod
    def _not_empty(cls, value: frozenset[Any] | None) -> frozenset[Any] | None:
        if value is not None and not value:
            raise ValueError("must list at least one value (leave the key out for 'any')")
        return value

    def overlaps(self, other: When) -> bool:
        """Whether some situation matches both conditions."""
        for name in ("relationship", "kind", "account", "role", "jurisdiction", "topic"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine is not None and theirs is not None and not mine & theirs:
                return False
        return not (
            self.preexisting is not None
            and other.preexisting is not None
            and self.preexisting != other.preexisting
        )


class Rule(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    when: When = Field(default_factory=When)
    verdict: Verdict | None = None
    priority: int = 0
    strength: Strength
    summary: str = Field(min_length=10)
    sources: tuple[Citation, ...]
    dissent: tuple[Dissent, ...] = ()
    reply: str | None = None
    weigh: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()

    @field_validator("sources")
    @classmethod
    def _has_sources(cls, value: tuple[Citation, ...]) -> tuple[Citation, ...]:
        if not value:
            raise ValueError("a rule must cite at least one source")
        return value

    @field_validator("summary")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return " ".join(value.split())


class Rulebook(_Strict):
    version: str
    rules: tuple[Rule, ...]


class SourceFile(_Strict):
    sources: tuple[Source, ...]


class RuleChanges(_Strict):
    add: tuple[Rule, ...] = ()
    replace: tuple[Rule, ...] = ()
    disable: tuple[str, ...] = ()


class Override(_Strict):
    """An organisation's policy file (``--policy FILE``)."""

    version: str | None = None
    channels: Channels | None = None
    sources: tuple[Source, ...] = ()
    rules: RuleChanges = Field(default_factory=RuleChanges)
