"""Connections and pending requests: match each against the roster, advise on each match."""

from __future__ import annotations

from dataclasses import dataclass

from armslength.advise import advise
from armslength.config import Profile
from armslength.model import (
    Account,
    Advice,
    Connection,
    ConnectionKind,
    Interaction,
    Kind,
    Match,
    Relationship,
    Verdict,
)
from armslength.policy import Policy

from ._kinds import connection_meaning
from ._model import ActionVerb, ConnectionResult, MatchRef

# How an export's connection kind reads as an interaction (None: a past one, nothing to decide:
# a removed friend or a declined request is matched and reported, but there is no request to
# answer and no one to unfriend).
INTERACTION_KIND: dict[ConnectionKind, Kind | None] = {
    ConnectionKind.FRIEND: Kind.FRIEND,
    ConnectionKind.FOLLOWER: Kind.FOLLOW,
    ConnectionKind.FOLLOWING: Kind.FOLLOW,
    ConnectionKind.REQUEST_RECEIVED: Kind.FRIEND,
    ConnectionKind.REQUEST_SENT: Kind.FRIEND,
    ConnectionKind.REQUEST_REJECTED: None,
    ConnectionKind.REMOVED: None,
}

# What to do about a connection the advice says to decline.
DECLINE_ACTION: dict[ConnectionKind, ActionVerb] = {
    ConnectionKind.FRIEND: ActionVerb.UNFRIEND,
    ConnectionKind.FOLLOWER: ActionVerb.REMOVE_FOLLOWER,
    ConnectionKind.FOLLOWING: ActionVerb.UNFOLLOW,
    ConnectionKind.REQUEST_RECEIVED: ActionVerb.DECLINE_REQUEST,
    ConnectionKind.REQUEST_SENT: ActionVerb.CANCEL_REQUEST,
}

# What is left to do about a past connection of a patient.
PAST_ACTION: dict[ConnectionKind, ActionVerb] = {
    ConnectionKind.REMOVED: ActionVerb.CHECK_MESSAGES,
}

# Urgency of acting on each kind (a pending request waits for an answer).
KIND_WEIGHT: dict[ConnectionKind, int] = {
    ConnectionKind.REQUEST_RECEIVED: 3,
    ConnectionKind.FRIEND: 3,
    ConnectionKind.REQUEST_SENT: 2,
    ConnectionKind.FOLLOWING: 2,
    ConnectionKind.FOLLOWER: 1,
    ConnectionKind.REMOVED: 1,
}


@dataclass(frozen=True)
class Thresholds:
    """Match scores at which an account counts as a patient, or needs a look."""

    patient: float = 0.8
    review: float = 0.5


@dataclass(frozen=True)
class ConnectionDecision:
    connection: Connection
    account: Account
    match: Match | None
    advice: Advice | None
    action: ActionVerb | None


def _relationship(match: Match | None, thresholds: Thresholds) -> Relationship | None:
    best = match.candidates[0].score if match and match.candidates else 0.0
    if best >= thresholds.patient:
        return Relationship.CURRENT_PATIENT
    if best >= thresholds.review:
        return Relationship.UNKNOWN
    return None


def _action(kind: ConnectionKind, advice: Advice) -> ActionVerb | None:
    if advice.verdict == Verdict.DECLINE:
        return DECLINE_ACTION.get(kind)
    if advice.verdict == Verdict.REVIEW:
        return ActionVerb.REVIEW
    return None


# Without a roster: the kinds still waiting for an answer, advised on as someone who may be a
# patient (find out before you accept).
UNMATCHED_PENDING = frozenset({ConnectionKind.REQUEST_RECEIVED})


def decide(
    connection: Connection,
    match: Match | None,
    account: Account,
    *,
    profile: Profile,
    policy: Policy,
    thresholds: Thresholds,
    roster_given: bool = True,
) -> ConnectionDecision:
    """Advise on one connection, given its best roster match (if any). Without a roster a
    request waiting for your answer gets the advice for someone who may be a patient."""
    kind = INTERACTION_KIND[connection.kind]
    relationship = _relationship(match, thresholds)
    if not roster_given and connection.kind in UNMATCHED_PENDING:
        relationship = Relationship.UNKNOWN
    if relationship is None:
        return ConnectionDecision(connection, account, match, None, None)
    if kind is None:
        past = PAST_ACTION.get(connection.kind)
        verb = past if relationship == Relationship.CURRENT_PATIENT else None
        return ConnectionDecision(connection, account, match, None, verb)
    interaction = Interaction(
        relationship=relationship,
        kind=kind,
        account=account,
        platform=connection.platform,
        role=profile.role,
        jurisdiction=profile.jurisdiction,
    )
    advice = advise(interaction, policy=policy, profile=profile)
    return ConnectionDecision(connection, account, match, advice, _action(connection.kind, advice))


def to_result(decision: ConnectionDecision) -> ConnectionResult:
    connection, match = decision.connection, decision.match
    best = match.candidates[0] if match and match.candidates else None
    return ConnectionResult(
        platform=connection.platform.value,
        kind=connection.kind.value,
        name=connection.name,
        handle=connection.handle,
        url=connection.url,
        account=decision.account.value,
        match=MatchRef(patient_id=best.patient_id, score=best.score, evidence=best.evidence)
        if best
        else None,
        advice=decision.advice.to_json_dict() if decision.advice else None,
        meaning=connection_meaning(connection),
    )
