"""Shared types: the vocabulary every part of Armslength speaks.

Enumerations are :class:`enum.StrEnum` so their values are exactly the strings of
the CLI options and JSON contracts (``current-patient``, ``friend`` …).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Relationship(StrEnum):
    CURRENT_PATIENT = "current-patient"
    FORMER_PATIENT = "former-patient"
    PATIENT_FAMILY = "patient-family"
    COLLEAGUE = "colleague"
    PUBLIC = "public"
    UNKNOWN = "unknown"


class Kind(StrEnum):
    """What the other person did: friend = any mutual connection, follow = one-way."""

    FRIEND = "friend"
    FOLLOW = "follow"
    MESSAGE = "message"
    TAG = "tag"
    REVIEW = "review"


class Account(StrEnum):
    PERSONAL = "personal"
    PROFESSIONAL = "professional"


class Platform(StrEnum):
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    THREADS = "threads"
    LINKEDIN = "linkedin"
    X = "x"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    TIKTOK = "tiktok"
    OTHER = "other"


class Role(StrEnum):
    DOCTOR = "doctor"
    PSYCHIATRIST = "psychiatrist"
    PSYCHOLOGIST = "psychologist"
    NURSE = "nurse"
    DENTIST = "dentist"
    STUDENT = "student"
    OTHER = "other"


class Jurisdiction(StrEnum):
    UK = "uk"
    US = "us"
    AU = "au"
    CA = "ca"
    IE = "ie"
    NZ = "nz"
    INTL = "intl"


class Verdict(StrEnum):
    DECLINE = "decline"
    ACCEPT = "accept"
    REVIEW = "review"


class Strength(StrEnum):
    MUST = "must"
    MUST_NOT = "must_not"
    SHOULD = "should"
    SHOULD_NOT = "should_not"
    RECOMMENDED = "recommended"
    DISCOURAGED = "discouraged"
    CASE_BY_CASE = "case_by_case"
    PERMITTED = "permitted"
    INFORMATIONAL = "informational"


class Verification(StrEnum):
    CONFIRMED = "confirmed"
    CONFIRMED_SECONDARY = "confirmed_secondary"
    PARTIALLY_CONFIRMED = "partially_confirmed"
    UNVERIFIED = "unverified"


class Tone(StrEnum):
    WARM = "warm"
    FORMAL = "formal"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


# --------------------------------------------------------------------------- advise


class Interaction(_Frozen):
    """One thing that happened on social media and the clinician's situation."""

    relationship: Relationship = Relationship.UNKNOWN
    kind: Kind = Kind.FRIEND
    account: Account = Account.PERSONAL
    platform: Platform = Platform.OTHER
    role: Role = Role.DOCTOR
    jurisdiction: Jurisdiction = Jurisdiction.INTL
    preexisting: bool = False
    message: str | None = None


class SourceRef(_Frozen):
    id: str
    title: str
    year: int | str
    url: str
    body: str = ""
    verification: Verification = Verification.CONFIRMED


class Reason(_Frozen):
    rule: str
    summary: str
    strength: Strength
    sources: list[SourceRef]
    disagreement: str | None = None


class Advice(_Frozen):
    verdict: Verdict
    reasons: list[Reason]
    reply: str | None
    alternatives: list[str] = Field(default_factory=list)
    weigh: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    policy_version: str

    def to_json_dict(self) -> dict[str, object]:
        """The DESIGN.md contract shape (plus the extra ``weigh`` and ``notes`` lists)."""
        return self.model_dump(mode="json")


# --------------------------------------------------------------------------- screen


class Category(StrEnum):
    PHI = "phi"
    RELATIONSHIP = "relationship"
    PROFESSIONALISM = "professionalism"


class Severity(StrEnum):
    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return ("none", "low", "medium", "high").index(self.value)


class ContentKind(StrEnum):
    POST = "post"
    COMMENT = "comment"
    MESSAGE = "message"
    REPLY = "reply"


class Finding(_Frozen):
    """One span of a text that carries a risk, with its explanation."""

    start: int
    end: int
    text: str
    label: str | None = None
    category: Category
    severity: Severity
    score: float
    rule: str
    why: str
    sources: list[str] = Field(default_factory=list)
    """Ids of the rulebook's sources the finding rests on (``armslength policy sources``)."""


class ScreenResult(_Frozen):
    id: str | None = None
    risk: Severity
    findings: list[Finding]
    redacted: str | None = None


# --------------------------------------------------------------------------- exports


class ConnectionKind(StrEnum):
    FRIEND = "friend"
    FOLLOWER = "follower"
    FOLLOWING = "following"
    REQUEST_RECEIVED = "request_received"
    REQUEST_SENT = "request_sent"
    REQUEST_REJECTED = "request_rejected"
    REMOVED = "removed"


class Connection(_Frozen):
    """A person linked to the user's account, as an export shows them."""

    platform: Platform
    kind: ConnectionKind
    name: str | None = None
    handle: str | None = None
    url: str | None = None
    timestamp: datetime | None = None
    source: str | None = None


class Content(_Frozen):
    """Something the user wrote: a post, comment, message or reply."""

    platform: Platform
    kind: ContentKind
    text: str
    timestamp: datetime | None = None
    visibility: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    """Who wrote it, where the export says (message threads hold both sides)."""


# --------------------------------------------------------------------------- roster


class Patient(_Frozen):
    """Identity fields of one roster patient; nothing clinical is ever kept."""

    patient_id: str
    given: str | None = None
    family: str | None = None
    full_name: str | None = None
    other_names: tuple[str, ...] = ()
    nicknames: tuple[str, ...] = ()
    birth_date: date | None = None
    city: str | None = None
    email: str | None = None
    phone: str | None = None


class Candidate(_Frozen):
    patient_id: str
    score: float
    evidence: list[str]


class Match(_Frozen):
    name: str
    candidates: list[Candidate]
