"""The advisor: from an interaction to a verdict, its reasons and a reply."""

from __future__ import annotations

import re
from collections.abc import Iterable

from armslength._checks import check_type
from armslength.config import Channels, Profile
from armslength.model import (
    Advice,
    Interaction,
    Reason,
    Role,
    SourceRef,
    Verdict,
    Verification,
)
from armslength.policy import Citation, Policy, Rule, Situation, classify, load_policy
from armslength.policy._wording import JurisdictionProfile, Wording, headline, profiles
from armslength.replies import ReplyContext, render

UNVERIFIED_HINT = (
    "Some positions cited are not confirmed from the primary document (marked not verified, "
    "partly confirmed, or confirmed from secondary reports only): check the live guidance "
    "before relying on them."
)
_CAUTION = {Verdict.DECLINE: 2, Verdict.REVIEW: 1, Verdict.ACCEPT: 0}
INIT_HINT = (
    "No professional channels are configured, so the reply points to the practice's usual "
    "contact details. Run `armslength init` to add your website, portal, e-mail or page."
)


_RANK = {"confirmed": 0, "confirmed_secondary": 1, "partially_confirmed": 2, "unverified": 3}
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _profiles() -> dict[str, JurisdictionProfile]:
    return {j.value: p for j, p in profiles().jurisdictions.items()}


def _situation(interaction: Interaction) -> Situation:
    return Situation(
        relationship=interaction.relationship,
        kind=interaction.kind,
        account=interaction.account,
        role=interaction.role,
        jurisdiction=interaction.jurisdiction,
        topic=classify(interaction.message),
        preexisting=interaction.preexisting,
    )


def _deciding(rules: list[Rule]) -> list[Rule]:
    """The verdict rules with the highest priority (precedence)."""
    verdict_rules = [rule for rule in rules if rule.verdict is not None]
    top = max(rule.priority for rule in verdict_rules)
    return [rule for rule in verdict_rules if rule.priority == top]


def _weakest(*statuses: Verification | None) -> Verification:
    return max((Verification(s) for s in statuses if s is not None), key=lambda s: _RANK[s])


def _ref(
    policy: Policy, source_id: str, verification: Verification, history: list[SourceRef]
) -> SourceRef:
    source = policy.sources[source_id]
    return SourceRef(
        id=source.id, title=source.title, year=source.year, url=source.url, body=source.body,
        verification=verification, history=history,
    )  # fmt: skip


def _cited(policy: Policy, citation: Citation) -> SourceRef:
    """The document now in force for *citation*, with the ones it replaced as history."""
    current, replaced = policy.current(citation.id)
    history = [_ref(policy, old, policy.sources[old].verification, []) for old in replaced]
    status = _weakest(policy.sources[current].verification, citation.verification)
    return _ref(policy, current, status, history)


def _merge(refs: Iterable[SourceRef]) -> list[SourceRef]:
    """One entry per document: histories joined, the weakest verification kept."""
    merged: dict[str, SourceRef] = {}
    for ref in refs:
        seen = merged.get(ref.id)
        if seen is None:
            merged[ref.id] = ref
            continue
        history = {h.id: h for h in [*seen.history, *ref.history]}
        status = _weakest(seen.verification, ref.verification)
        merged[ref.id] = seen.model_copy(
            update={"history": list(history.values()), "verification": status}
        )
    return list(merged.values())


def _citations(
    policy: Policy, rule: Rule, active: set[str], role: Role
) -> tuple[list[SourceRef], bool]:
    """Sources of *rule* that apply here. When none does: those written for the role in
    other jurisdictions (flagged), or failing that all of them."""
    # whether a citation applies is read from the document the position was taken from
    chosen = [c for c in rule.sources if c.id in active]
    if chosen:
        return _merge(_cited(policy, c) for c in chosen), False
    for_role = [c for c in rule.sources if role in policy.sources[c.id].audience]
    return _merge(_cited(policy, c) for c in for_role or rule.sources), True


def _disagreement(
    policy: Policy, rule: Rule, active: set[str], cited: set[str], wording: Wording
) -> str | None:
    parts: dict[str, str] = {}
    for dissent in rule.dissent:
        current = policy.current(dissent.source)[0]
        if dissent.source in active and current not in cited and current not in parts:
            source = policy.sources[current]
            parts[current] = f"{source.body} {source.year} {wording(dissent.summary)}"
    if not parts:
        return None
    return (
        "Softer positions: "
        + "; ".join(parts.values())
        + ". The verdict follows the stricter bodies."
    )


def _reason(
    policy: Policy, rule: Rule, active: set[str], interaction: Interaction, wording: Wording
) -> tuple[Reason, bool]:
    sources, fallback = _citations(policy, rule, active, interaction.role)
    cited = {ref.id for ref in sources}
    reason = Reason(
        rule=rule.id,
        summary=wording(rule.summary),
        strength=rule.strength,
        sources=sources,
        disagreement=_disagreement(policy, rule, active, cited, wording),
    )
    return reason, fallback


def _one_status_per_source(reasons: list[Reason]) -> list[Reason]:
    """The same document reads with the same verification everywhere in one answer: the
    weakest of the positions cited from it."""
    status: dict[str, Verification] = {}
    for reason in reasons:
        for ref in reason.sources:
            status[ref.id] = _weakest(status.get(ref.id), ref.verification)
    return [
        reason.model_copy(
            update={
                "sources": [
                    ref.model_copy(update={"verification": status[ref.id]})
                    for ref in reason.sources
                ]
            }
        )
        for reason in reasons
    ]


def first_sentence(text: str) -> str:
    return _SENTENCE.split(text.strip(), maxsplit=1)[0]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _reply(
    rules: list[Rule], interaction: Interaction, profile: Profile, channels: Channels
) -> str | None:
    names = [rule.reply for rule in rules if rule.reply]
    if not names:
        return None
    settings = _profiles()[interaction.jurisdiction.value]
    context = ReplyContext(
        tone=profile.tone,
        channels=channels,
        practice_name=profile.practice_name,
        spelling=settings.spelling,
        emergency=settings.emergency,
    )
    return render(names[0], context)


def advise(
    interaction: Interaction,
    policy: Policy | None = None,
    profile: Profile | None = None,
) -> Advice:
    """Advise on one social-media interaction.

    The verdict comes from the rule with the highest precedence among those that
    cover the situation (the most cautious one on a tie); every rule that covers it
    contributes a reason with its sources, filtered to the bodies that apply to the
    clinician's role and jurisdiction.
    """
    check_type("interaction", interaction, Interaction, "an Interaction")
    check_type("policy", policy, (Policy, type(None)), "a Policy or None")
    check_type("profile", profile, (Profile, type(None)), "a Profile or None")
    policy = policy or load_policy()
    profile = profile or Profile()
    channels = policy.channels or profile.channels
    rules = policy.applicable(_situation(interaction))
    deciding = _deciding(rules)
    verdict = max((rule.verdict for rule in deciding if rule.verdict), key=_CAUTION.__getitem__)
    shown = [rule for rule in deciding if rule.verdict == verdict]
    shown += [rule for rule in rules if rule.verdict is None]
    active = policy.active_sources(interaction.jurisdiction, interaction.role)
    wording = Wording.of(interaction.jurisdiction)
    reasons, notes = [], []
    for rule in shown:
        reason, fallback = _reason(policy, rule, active, interaction, wording)
        reasons.append(reason)
        if fallback:
            notes.append(
                f"Rule '{rule.id}': no body for a {interaction.role.value} in "
                f"{wording.profile.name} addresses this directly; "
                "its reasons cite the strictest common position."
            )
    reasons = _one_status_per_source(reasons)
    reply = _reply(shown, interaction, profile, channels)
    if reply is not None and not channels.any():
        notes.append(INIT_HINT)
    if any(ref.verification != "confirmed" for reason in reasons for ref in reason.sources):
        notes.append(UNVERIFIED_HINT)
    return Advice(
        verdict=verdict,
        headline=headline(verdict, interaction.kind, reply is not None),
        action=first_sentence(reasons[0].summary),
        reasons=reasons,
        reply=reply,
        alternatives=_unique(wording(a) for rule in shown for a in rule.alternatives),
        weigh=_unique(wording(w) for rule in shown for w in rule.weigh),
        notes=_unique(notes),
        policy_version=policy.version,
    )
