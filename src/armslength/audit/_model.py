"""The audit report's typed shape; ``report.json`` is this model, and its schema ships with it."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from armslength.model import Finding


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class MatchRef(_Model):
    patient_id: str
    score: float = Field(ge=0.0, le=1.0)
    evidence: list[str] = Field(default_factory=list)
    review_id: str | None = None
    """The id to confirm or reject this pair with (``armslength review``)."""
    review: str | None = None
    """``confirmed`` when a review confirmed this pair."""


class ConnectionResult(_Model):
    platform: str
    kind: str
    name: str | None
    handle: str | None = None
    url: str | None = None
    account: str = "personal"
    match: MatchRef | None
    advice: dict[str, Any] | None
    meaning: str | None = None
    """What this kind of connection means, in words ("you were connected until …")."""
    new: bool | None = None
    """Not in the previous audit of this platform (None: no previous audit)."""


class PhotoMark(_Model):
    """Where in a photo one finding is: its source and box (pixels), in the findings' order."""

    source: str
    """``metadata``, ``text`` (read by OCR) or ``face``."""
    box: list[int] | None = None
    """``[x, y, w, h]`` in pixels of the upright first frame; None for metadata."""
    field: str | None = None
    """The metadata field (EXIF/XMP/IPTC name) of a metadata finding."""


class PhotoRef(_Model):
    """A photo of the export that was screened (the report never carries its pixels)."""

    member: str
    """The archive member (``export.zip:media/posts/…/x.jpg``)."""
    type: str
    width: int
    height: int
    faces: int
    marks: list[PhotoMark] = Field(default_factory=list)
    """One per finding, in the same order."""


class ContentResult(_Model):
    platform: str
    kind: str
    timestamp: str | None
    visibility: str | None = None
    risk: str
    findings: list[Finding]
    text: str | None = None
    redacted: str | None = None
    url: str | None = None
    photo: PhotoRef | None = None
    """Set for a photo (kind ``photo``): which member, its size, faces and finding boxes."""


class ActionVerb(StrEnum):
    DELETE = "delete"
    EDIT = "edit"
    UNFRIEND = "unfriend"
    REMOVE_FOLLOWER = "remove-follower"
    UNFOLLOW = "unfollow"
    DECLINE_REQUEST = "decline-request"
    CANCEL_REQUEST = "cancel-request"
    REVIEW = "review"
    SEPARATE = "separate-accounts"
    CHECK_MESSAGES = "check-messages"


class Action(_Model):
    rank: int
    priority: int
    action: ActionVerb
    platform: str
    target: str
    reason: str
    rule: str
    sources: list[str]
    reply: str | None = None
    detail: str | None = None


class SeparationFinding(_Model):
    platform: str
    rule: str
    why: str
    count: int
    examples: list[str]
    sources: list[str]


class SkippedInput(_Model):
    path: str
    reason: str


class PlatformLimit(_Model):
    platform: str
    limitation: str


class PlatformStats(_Model):
    layout: str | None = None
    connections: int = 0
    patients: int = 0
    possible_patients: int = 0
    content: int = 0
    flagged: int = 0


class PhotoStats(_Model):
    """The audit's photos: counts only."""

    found: int = 0
    screened: int = 0
    flagged: int = 0
    errors: int = 0
    """Photos that could not be decoded (damaged, truncated, too many pixels)."""
    not_screened: int = 0
    """Photos left when the time budget was spent (each listed under skipped)."""
    budget_seconds: float | None = None
    skipped_by_option: bool = False
    """True with ``--no-photos``: no photo was opened."""


class InputRef(_Model):
    name: str
    sha256: str


class RosterStats(_Model):
    patients: int
    skipped_rows: int
    sha256: str


class SinceLast(_Model):
    """What changed on one platform since its previous audit (counts of keyed hashes)."""

    previous_audit: str
    new_connections: int
    new_flagged_content: int
    resolved_actions: int


class FindingCounts(_Model):
    by_category: dict[str, int]
    by_severity: dict[str, int]


class Summary(_Model):
    """Counts and provenance: never a name or a text."""

    generated_at: str
    armslength_version: str
    policy_version: str
    profile: dict[str, str]
    inputs: list[InputRef]
    roster: RosterStats | None
    """None when no roster was given (``roster_given`` is false)."""
    roster_given: bool = True
    platforms: dict[str, PlatformStats]
    connections: int
    patients_among_connections: int
    possible_patients: int
    content: int
    received_messages_not_screened: int
    flagged_content: int
    findings: FindingCounts
    actions: int
    actions_by_type: dict[str, int]
    skipped: int
    thresholds: dict[str, float]
    reviews_applied: dict[str, int] = Field(default_factory=dict)
    since_last: dict[str, SinceLast] = Field(default_factory=dict)
    photos: PhotoStats = Field(default_factory=PhotoStats)


class GuidanceSource(_Model):
    """A source of guidance that the report's advice or actions cite."""

    id: str
    body: str
    title: str
    year: int | str
    url: str
    verification: str


class ReportDocument(_Model):
    """The whole ``report.json``."""

    summary: Summary
    connections: list[ConnectionResult]
    content: list[ContentResult]
    actions: list[Action]
    separation: list[SeparationFinding]
    limitations: list[PlatformLimit]
    skipped: list[SkippedInput]
    guidance: list[GuidanceSource]
