"""The rulebook as data: sources, rules, jurisdiction profiles, overrides, checks."""

from armslength.policy._policy import (
    Policy,
    Situation,
    builtin_policy,
    builtin_sources,
    load_policy,
    situations,
)
from armslength.policy._schema import Citation, Dissent, Override, Rule, Source, When
from armslength.policy.topics import Topic, classify

__all__ = [
    "Citation",
    "Dissent",
    "Override",
    "Policy",
    "Rule",
    "Situation",
    "Source",
    "Topic",
    "When",
    "builtin_policy",
    "builtin_sources",
    "classify",
    "load_policy",
    "situations",
]
