"""The action list: what to remove, unfriend, decline, edit or delete, most urgent first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from armslength.model import Content, Jurisdiction, Role, ScreenResult, Severity
from armslength.policy import Policy

from ._connections import KIND_WEIGHT, ConnectionDecision
from ._content import visibility_weight
from ._kinds import connection_meaning
from ._model import Action, ActionVerb, SeparationFinding

# Guidance behind a content finding, by category: every body the rulebook cites on it (the same
# bodies as the rules confidentiality-online and review-no-confirmation). An audit cites those
# for the clinician's role and jurisdiction (:func:`sources_by_category`).
CATEGORY_SOURCES: dict[str, list[str]] = {
    "phi": ["gmc_2024", "bma_2011", "ama_2_3_2", "hipaa_safe_harbor", "nmc_uk", "ncsbn", "cmpa",
            "ahpra_2019", "mcnz", "gdpr_art9"],
    "relationship": ["hhs_ocr_review_settlements", "hipaa_safe_harbor", "gmc_2024", "cmpa",
                     "ahpra_2019", "bma_2011", "gdpr_art9"],
    "professionalism": ["gmc_2024", "bma_2011", "ama_2_3_2", "ncsbn", "nmc_uk", "ahpra_2019"],
}  # fmt: skip


@dataclass(frozen=True)
class Citing:
    """Which of a list of bodies an audit cites: those for the clinician's role and
    jurisdiction; where none applies, those for the role elsewhere; never another
    profession's body when the role has one."""

    policy: Policy
    jurisdiction: Jurisdiction
    role: Role

    def pick(self, ids: Iterable[str]) -> list[str]:
        known = [i for i in ids if i in self.policy.sources]
        active = self.policy.active_sources(self.jurisdiction, self.role)
        for_role = [i for i in known if self.role in self.policy.sources[i].audience]
        return [i for i in known if i in active] or for_role or known


def sources_by_category(
    policy: Policy, jurisdiction: Jurisdiction, role: Role
) -> dict[str, list[str]]:
    """:data:`CATEGORY_SOURCES` narrowed by :class:`Citing`."""
    citing = Citing(policy, jurisdiction, role)
    return {category: citing.pick(ids) for category, ids in CATEGORY_SOURCES.items()}


CONTENT_VERB = {Severity.HIGH: ActionVerb.DELETE, Severity.MEDIUM: ActionVerb.EDIT}
SEPARATION_PRIORITY = 25
PAST_PRIORITY = 5
PAST_RULE = "audit.past_connection"
PAST_SOURCES = ["gmc_2024"]
PAST_REASON = (
    "Nothing to unfriend. Check the messages you exchanged for patient information, and keep "
    "any further contact to your practice's own channels."
)
EXCERPT = 80


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…"


def _match_detail(decision: ConnectionDecision) -> str:
    """What the connection is (its kind's meaning) and the roster patient it matches."""
    meaning = connection_meaning(decision.connection)
    if not (decision.match and decision.match.candidates):
        return meaning
    best = decision.match.candidates[0]
    found = f"matches roster patient {best.patient_id} (score {best.score:.2f}): "
    return f"{meaning} {found}" + "; ".join(best.evidence)


def past_action(decision: ConnectionDecision) -> Action | None:
    """A patient you were connected with (a removed friend): nothing to unfriend, but the
    messages you exchanged may hold patient information."""
    if decision.action != ActionVerb.CHECK_MESSAGES:
        return None
    connection, match = decision.connection, decision.match
    score = match.candidates[0].score if match and match.candidates else 0.0
    return Action(
        rank=0,
        priority=PAST_PRIORITY + round(score * 10),
        action=ActionVerb.CHECK_MESSAGES,
        platform=connection.platform.value,
        target=connection.name or connection.handle or connection.url or "(unnamed account)",
        reason=PAST_REASON,
        rule=PAST_RULE,
        sources=PAST_SOURCES,
        detail=_match_detail(decision),
    )


def connection_action(
    decision: ConnectionDecision, patient_reply: str | None = None
) -> Action | None:
    """The action on one connection, with the reply to send (for a possible patient to
    review, *patient_reply*: the one to send if it is your patient)."""
    advice, verb = decision.advice, decision.action
    if advice is None:
        return past_action(decision)
    if verb is None:
        return None
    connection = decision.connection
    score = (
        decision.match.candidates[0].score if decision.match and decision.match.candidates else 0.0
    )
    weight = KIND_WEIGHT.get(connection.kind, 1)
    base = 10 if verb == ActionVerb.REVIEW else 10 * weight
    reason = advice.reasons[0]
    detail = _match_detail(decision)
    return Action(
        rank=0,
        priority=base + round(score * 10),
        action=verb,
        platform=connection.platform.value,
        target=connection.name or connection.handle or connection.url or "(unnamed account)",
        reason=reason.summary,
        rule=reason.rule,
        sources=[s.id for s in reason.sources],
        reply=advice.reply or patient_reply,
        detail=detail,
    )


def content_action(
    item: Content,
    result: ScreenResult | None,
    category_sources: dict[str, list[str]] | None = None,
) -> Action | None:
    if result is None or result.risk not in CONTENT_VERB:
        return None
    top = max(result.findings, key=lambda f: (Severity(f.severity).rank, f.score))
    when = item.timestamp.date().isoformat() if item.timestamp else "undated"
    return Action(
        rank=0,
        priority=Severity(result.risk).rank * 10 * visibility_weight(item.visibility),
        action=CONTENT_VERB[Severity(result.risk)],
        platform=item.platform.value,
        target=f"{item.kind.value} {when}: {_excerpt(result.redacted or '')}",
        reason=top.why,
        rule=top.rule,
        sources=(category_sources or CATEGORY_SOURCES).get(str(top.category), []),
        detail=f"{len(result.findings)} finding(s); visibility {item.visibility or 'unknown'}",
    )


def separation_action(finding: SeparationFinding, citing: Citing | None = None) -> Action:
    return Action(
        rank=0,
        priority=SEPARATION_PRIORITY,
        action=ActionVerb.SEPARATE,
        platform=finding.platform,
        target=f"{finding.count} post(s) on a personal account",
        reason=finding.why
        + " Move professional content to a professional page, or make the personal account private.",
        rule=finding.rule,
        sources=citing.pick(finding.sources) if citing else finding.sources,
    )


def ordered(actions: Iterable[Action | None]) -> list[Action]:
    present = [a for a in actions if a is not None]
    present.sort(key=lambda a: (-a.priority, a.platform, a.action.value, a.target))
    return [a.model_copy(update={"rank": rank}) for rank, a in enumerate(present, start=1)]
