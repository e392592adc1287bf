"""Review decisions on possible patients: one request type, one outcome type, for every face."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ReviewDecision(StrEnum):
    """What a clinician decided about a possible patient."""

    CONFIRMED = "confirmed"
    REJECTED = "rejected"


@dataclass(frozen=True)
class ReviewRequest:
    """One decision on one review id of a report."""

    review_id: str
    decision: ReviewDecision


@dataclass(frozen=True)
class ReviewOutcome:
    """A decision kept (as keyed hashes) and logged as ``match.reviewed``."""

    review_id: str
    decision: ReviewDecision
    event_id: int
