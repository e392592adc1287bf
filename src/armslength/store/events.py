"""Typed audit events: what was checked and decided, never the text itself.

Every event has a ``type`` (its name), an ``actor`` (who acted: ``cli:alice``,
``token:ab12cd34``, ``web``), a ``created`` UTC timestamp and typed fields holding
counts, rule ids, verdicts and SHA-256 hashes of content. No field ever holds PHI:
texts are reduced to :func:`content_hash` and a length before an event is built.

One class per event type; :data:`AnyEvent` is their discriminated union and
:func:`parse_event` rebuilds a typed event from a stored row.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from armslength._hashing import file_hash as file_hash

Hash = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256, hex")]
RuleId = Annotated[str, Field(max_length=200)]


def content_hash(text: str | bytes) -> str:
    """SHA-256 (hex) of a text or file content: lets you prove what was checked, not what it said."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def utcnow() -> datetime:
    return datetime.now(UTC)


class Event(BaseModel):
    """Base of every audit event."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    type: str
    actor: str = Field(default="local", max_length=200)
    created: datetime = Field(default_factory=utcnow)

    def data(self) -> dict[str, object]:
        """The type-specific fields (everything but type, actor and created), as JSON values."""
        return self.model_dump(mode="json", exclude={"type", "actor", "created"})


class AdviceGiven(Event):
    """``armslength advise`` (CLI, API or web) gave a verdict on an interaction."""

    type: Literal["advice.given"] = "advice.given"
    source: str = "cli"
    verdict: str
    rules: list[RuleId] = Field(default_factory=list)
    policy_version: str = ""
    relationship: str
    kind: str
    account: str
    platform: str
    role: str
    jurisdiction: str
    preexisting: bool = False
    has_message: bool = False


class TextScreened(Event):
    """A text was screened: its risk, finding counts per label and rule, and its hash."""

    type: Literal["text.screened"] = "text.screened"
    source: str = "cli"
    kind: str
    risk: str
    findings: int = 0
    labels: dict[str, int] = Field(default_factory=dict)
    rules: list[RuleId] = Field(default_factory=list)
    text_sha256: Hash
    length: int = 0
    redacted: bool = False


class PhotoScreened(Event):
    """A photo was screened: its risk, finding counts per label and rule, faces, its size and
    the hash of its bytes (never the text read from it, never its pixels)."""

    type: Literal["photo.screened"] = "photo.screened"
    source: str = "cli"
    kind: str
    risk: str
    findings: int = 0
    labels: dict[str, int] = Field(default_factory=dict)
    rules: list[RuleId] = Field(default_factory=list)
    faces: int = 0
    image_type: str
    width: int = 0
    height: int = 0
    image_sha256: Hash
    bytes: int = 0
    redacted: bool = False


class AuditRun(Event):
    """Archives were audited against a roster: counts only, plus hashes of the inputs."""

    type: Literal["audit.run"] = "audit.run"
    source: str = "cli"
    audit_id: str | None = None
    status: str = "done"
    exports: int = 0
    export_sha256: list[Hash] = Field(default_factory=list)
    roster_sha256: Hash | None = None
    counts: dict[str, int] = Field(default_factory=dict)
    policy_version: str = ""
    armslength_version: str = ""


class MatchReviewed(Event):
    """A person reviewed a roster match (confirmed or rejected it); ids are hashed."""

    type: Literal["match.reviewed"] = "match.reviewed"
    source: str = "cli"
    decision: Literal["confirmed", "rejected", "unsure"]
    account_sha256: Hash
    patient_sha256: Hash
    score: float | None = None


class PolicyChanged(Event):
    """An organisation policy override was installed or changed."""

    type: Literal["policy.changed"] = "policy.changed"
    policy_version: str
    policy_sha256: Hash | None = None
    rules: list[RuleId] = Field(default_factory=list)


class RetentionPurged(Event):
    """Events older than the retention period were deleted (the purge itself is logged)."""

    type: Literal["retention.purged"] = "retention.purged"
    older_than_days: int
    cutoff: datetime
    deleted: int
    first_kept_id: int | None = None


class TokenChanged(Event):
    """An API token was created or revoked (its secret is never stored)."""

    type: Literal["token.changed"] = "token.changed"
    action: Literal["created", "revoked"]
    token_id: str
    role: str


AnyEvent = Annotated[
    AdviceGiven
    | TextScreened
    | PhotoScreened
    | AuditRun
    | MatchReviewed
    | PolicyChanged
    | RetentionPurged
    | TokenChanged,
    Field(discriminator="type"),
]
EVENT_TYPES: tuple[str, ...] = (
    "advice.given",
    "text.screened",
    "photo.screened",
    "audit.run",
    "match.reviewed",
    "policy.changed",
    "retention.purged",
    "token.changed",
)
_ADAPTER: TypeAdapter[AnyEvent] = TypeAdapter(AnyEvent)


def parse_event(payload: dict[str, object]) -> Event:
    """Rebuild a typed event from its JSON form (``type``, ``actor``, ``created`` + data)."""
    event: Event = _ADAPTER.validate_python(payload)
    return event
