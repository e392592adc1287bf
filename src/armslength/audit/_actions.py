"""The action list: what to remove, unfriend, decline, edit or delete, most urgent first."""

from __future__ import annotations

from collections.abc import Iterable

from armslength.model import Content, ScreenResult, Severity

from ._connections import KIND_WEIGHT, ConnectionDecision
from ._content import visibility_weight
from ._kinds import connection_meaning
from ._model import Action, ActionVerb, SeparationFinding

# Guidance behind a content finding, by category.
CATEGORY_SOURCES: dict[str, list[str]] = {
    "phi": ["gmc_2024", "ama_2_3_2", "hipaa_safe_harbor", "nmc_uk"],
    "relationship": ["hhs_ocr_review_settlements", "gmc_2024", "cmpa"],
    "professionalism": ["bma_2011", "gmc_2024", "ama_2_3_2", "ncsbn"],
}
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


def content_action(item: Content, result: ScreenResult | None) -> Action | None:
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
        sources=CATEGORY_SOURCES.get(str(top.category), []),
        detail=f"{len(result.findings)} finding(s); visibility {item.visibility or 'unknown'}",
    )


def separation_action(finding: SeparationFinding) -> Action:
    return Action(
        rank=0,
        priority=SEPARATION_PRIORITY,
        action=ActionVerb.SEPARATE,
        platform=finding.platform,
        target=f"{finding.count} post(s) on a personal account",
        reason=finding.why
        + " Move professional content to a professional page, or make the personal account private.",
        rule=finding.rule,
        sources=finding.sources,
    )


def ordered(actions: Iterable[Action | None]) -> list[Action]:
    present = [a for a in actions if a is not None]
    present.sort(key=lambda a: (-a.priority, a.platform, a.action.value, a.target))
    return [a.model_copy(update={"rank": rank}) for rank, a in enumerate(present, start=1)]
