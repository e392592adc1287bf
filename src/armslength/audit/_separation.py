"""'Keep your professional and private life separate': does a personal account present as a clinician's?"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from armslength.model import Account, Content, ContentKind

from ._model import SeparationFinding

_EXAMPLES = 3
_CONTEXT = 60


@dataclass(frozen=True)
class SeparationRule:
    id: str
    pattern: re.Pattern[str]
    why: str
    sources: tuple[str, ...]


@cache
def separation_rules() -> tuple[SeparationRule, ...]:
    text = resources.files("armslength.audit").joinpath("data/separation.yaml").read_text()
    rules = []
    for item in yaml.safe_load(text)["rules"]:
        flags = 0 if item.get("case_sensitive") else re.IGNORECASE
        rules.append(
            SeparationRule(
                item["id"], re.compile(item["pattern"], flags), item["why"], tuple(item["sources"])
            )
        )
    return tuple(rules)


def _excerpt(text: str, match: re.Match[str]) -> str:
    start = max(0, match.start() - _CONTEXT)
    end = min(len(text), match.end() + _CONTEXT)
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    return prefix + " ".join(text[start:end].split()) + suffix


def check_separation(
    content: Iterable[Content], account_of: dict[str, Account], practice_name: str | None = None
) -> list[SeparationFinding]:
    """Signs, per platform and rule, that a personal account presents as a clinician's."""
    rules = list(separation_rules())
    if practice_name:
        rules.append(
            SeparationRule(
                "practice-name",
                re.compile(re.escape(practice_name), re.IGNORECASE),
                "The post names your practice on a personal account.",
                ("acp_fsmb_2013", "ama_2_3_2"),
            )
        )
    hits: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item in content:
        if (
            item.kind == ContentKind.MESSAGE
            or account_of.get(item.platform.value) != Account.PERSONAL
        ):
            continue
        for rule in rules:
            if found := rule.pattern.search(item.text):
                hits[(item.platform.value, rule.id)].append(_excerpt(item.text, found))
    by_id = {rule.id: rule for rule in rules}
    return [
        SeparationFinding(
            platform=platform,
            rule=rule_id,
            why=by_id[rule_id].why,
            count=len(examples),
            examples=examples[:_EXAMPLES],
            sources=list(by_id[rule_id].sources),
        )
        for (platform, rule_id), examples in sorted(hits.items())
    ]
