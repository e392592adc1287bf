"""Request and response bodies of ``/api/v1`` (fields are the CLI options in snake_case)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

from armslength.model import (
    ContentKind,
    ScreenResult,
)
from armslength.service import AdviseRequest, ReviewDecision
from armslength.store import StoredEvent

__all__ = ["AdviseRequest"]  # defined by the core; the API's body for POST /advise

MAX_TEXT = 100_000


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScreenRequest(_Body):
    """One text to screen."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"text": "Lovely to see Mrs Jones in clinic today!", "kind": "post"}]
        },
    )

    text: str = Field(max_length=MAX_TEXT)
    kind: ContentKind = ContentKind.POST
    id: str | None = Field(default=None, max_length=200)
    redact: bool = False


class ScreenItem(_Body):
    id: str | None = Field(default=None, max_length=200)
    text: str = Field(max_length=MAX_TEXT)
    kind: ContentKind | None = None


class ScreenBatchRequest(_Body):
    """Several texts: each item may set its own kind (default: ``kind``)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {"id": "a", "text": "Great run this morning."},
                        {"id": "b", "text": "Thanks for your review, we hope you feel better!"},
                    ],
                    "kind": "reply",
                }
            ]
        },
    )

    items: list[ScreenItem] = Field(max_length=1000)
    kind: ContentKind = ContentKind.POST
    redact: bool = False


class ScreenBatchResponse(BaseModel):
    results: list[ScreenResult]


class ScreenResponse(RootModel[ScreenResult | ScreenBatchResponse]):
    """A single result (``screen --json``) or ``{"results": [...]}`` for a batch."""


class PhotoFindingOut(BaseModel):
    """A finding in a photo (the text screen's fields, a box and where it comes from)."""

    start: int
    end: int
    text: str
    label: str | None
    category: str
    severity: str
    score: float
    rule: str
    why: str
    sources: list[str] = Field(default_factory=list)
    box: list[int] | None = Field(default=None, description="[x, y, w, h] in pixels")
    source: str = Field(description="metadata, text (OCR) or face")
    field: str | None = None


class PhotoInfoOut(BaseModel):
    type: str
    width: int
    height: int
    faces: int
    text_chars: int


class PhotoScreenResponse(BaseModel):
    """``armslength screen PHOTO --json``, plus ``preview`` when asked for."""

    id: str | None = None
    risk: str
    findings: list[PhotoFindingOut]
    photo: PhotoInfoOut
    preview: str | None = Field(default=None, description="data:image/jpeg;base64,… (blurred)")


class EventOut(StoredEvent):
    """One audit-log event: its chain position and typed data (counts, ids, hashes)."""

    model_config = ConfigDict(
        frozen=True,
        json_schema_extra={
            "examples": [
                {
                    "id": 42,
                    "type": "text.screened",
                    "actor": "token:1a2b3c4d",
                    "created": "2026-01-31T09:15:02.123456Z",
                    "data": {"kind": "post", "risk": "high", "findings": 2},
                    "prev_hash": "0" * 64,
                    "hash": "f" * 64,
                }
            ]
        },
    )


class EventsResponse(BaseModel):
    events: list[EventOut]
    next_before_id: int | None = Field(
        default=None, description="Pass as before_id to get the next (older) page."
    )


class VerifyResponse(BaseModel):
    ok: bool
    first_bad_id: int | None = None


class AuditJob(BaseModel):
    """A background audit: its state, the stage it is at, and the report when done."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "5f0c…",
                    "status": "running",
                    "stage": "Matching connections",
                    "progress": 0.4,
                }
            ]
        }
    )

    id: str
    status: str = Field(description="queued, running, done or failed")
    stage: str | None = None
    progress: float | None = Field(default=None, ge=0, le=1)
    error: str | None = None
    created: datetime
    finished: datetime | None = None
    summary: dict[str, Any] | None = None
    report: dict[str, Any] | None = Field(default=None, description="report.json once done")


class ReviewItem(_Body):
    """One decision on a possible patient: its review id in the report and the decision."""

    review_id: str = Field(pattern=r"^[0-9a-f]{12}$", description="From report.json")
    decision: ReviewDecision


class ReviewsRequest(_Body):
    """Decisions on an audit's possible patients (``match.review_id`` in its report)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"decisions": [{"review_id": "2ae5a06e0425", "decision": "rejected"}]}]
        },
    )

    decisions: list[ReviewItem] = Field(min_length=1, max_length=500)


class ReviewsResponse(BaseModel):
    """The decisions kept (as keyed hashes) and the ids of their ``match.reviewed`` events."""

    reviews: list[dict[str, Any]]
