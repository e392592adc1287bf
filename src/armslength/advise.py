"""The advisor: from an interaction to a verdict, its reasons and a reply."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

import yaml

from armslength._checks import check_type
from armslength.config import Channels, Profile
from armslength.model import (
    Advice,
    Interaction,
    Reason,
    SourceRef,
    Verdict,
)
from armslength.policy import Policy, Rule, Situation, classify, load_policy
from armslength.replies import ReplyContext, render

UNVERIFIED_HINT = (
    "Some positions cited are not confirmed from the primary document (marked unverified, "
    "partially or secondarily confirmed): check the live guidance before relying on them."
)
_CAUTION = {Verdict.DECLINE: 2, Verdict.REVIEW: 1, Verdict.ACCEPT: 0}
INIT_HINT = (
    "No professional channels are configured, so the reply points to the practice's usual "
    "contact details. Run `armslength init` to add your website, portal, e-mail or page."
)


@cache
def _profiles() -> dict[str, dict[str, str]]:
    text = resources.files("armslength.policy").joinpath("data/profiles.yaml").read_text()
    profiles: dict[str, dict[str, str]] = yaml.safe_load(text)["jurisdictions"]
    return profiles


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


def _source_ref(policy: Policy, source_id: str, verification: str | None) -> SourceRef:
    source = policy.sources[source_id]
    return SourceRef(
        id=source.id,
        title=source.title,
        year=source.year,
        url=source.url,
        body=source.body,
        verification=verification or source.verification,
    )


def _citations(policy: Policy, rule: Rule, active: set[str]) -> tuple[list[SourceRef], bool]:
    """Sources of *rule* that apply here; all of them (flagged) when none does."""
    chosen = [c for c in rule.sources if c.id in active]
    fallback = not chosen
    refs = [
        _source_ref(policy, c.id, c.verification) for c in (rule.sources if fallback else chosen)
    ]
    return refs, fallback


def _disagreement(policy: Policy, rule: Rule, active: set[str]) -> str | None:
    parts = [
        f"{policy.sources[d.source].body} ({d.source}) {d.summary}"
        for d in rule.dissent
        if d.source in active
    ]
    if not parts:
        return None
    return "Softer positions: " + "; ".join(parts) + ". The verdict follows the stricter bodies."


def _reason(policy: Policy, rule: Rule, active: set[str]) -> tuple[Reason, bool]:
    sources, fallback = _citations(policy, rule, active)
    reason = Reason(
        rule=rule.id,
        summary=rule.summary,
        strength=rule.strength,
        sources=sources,
        disagreement=_disagreement(policy, rule, active),
    )
    return reason, fallback


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
        spelling=settings["spelling"],
        emergency=settings["emergency"],
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
    reasons, notes = [], []
    for rule in shown:
        reason, fallback = _reason(policy, rule, active)
        reasons.append(reason)
        if fallback:
            notes.append(
                f"Rule '{rule.id}': no body for a {interaction.role.value} in "
                f"{_profiles()[interaction.jurisdiction.value]['name']} addresses this directly; "
                "its reasons cite the strictest common position."
            )
    reply = _reply(shown, interaction, profile, channels)
    if reply is not None and not channels.any():
        notes.append(INIT_HINT)
    if any(ref.verification != "confirmed" for reason in reasons for ref in reason.sources):
        notes.append(UNVERIFIED_HINT)
    return Advice(
        verdict=verdict,
        reasons=reasons,
        reply=reply,
        alternatives=_unique(a for rule in shown for a in rule.alternatives),
        weigh=_unique(w for rule in shown for w in rule.weigh),
        notes=_unique(notes),
        policy_version=policy.version,
    )
