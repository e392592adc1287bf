"""The result of screening a photo: the text screen's shape, plus a box and a source."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from armslength.model import Finding, Severity


class Source(StrEnum):
    METADATA = "metadata"
    TEXT = "text"
    FACE = "face"


class PhotoFinding(Finding):
    """A :class:`Finding` in a photo. ``start``/``end`` index the OCR text (0/0 for metadata
    and faces); ``box`` is ``[x, y, w, h]`` in pixels of the first frame, or None (metadata)."""

    box: list[int] | None = None
    source: Source = Source.TEXT
    field: str | None = None
    """The metadata field a finding comes from (EXIF/XMP/IPTC name), for metadata findings."""


class PhotoInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    type: str
    width: int
    height: int
    faces: int
    text_chars: int


class PhotoResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str | None = None
    risk: Severity
    findings: list[PhotoFinding]
    photo: PhotoInfo
    text: str = ""
    """The text read from the image (OCR), which finding offsets index; never logged."""
    redacted: str | None = None
    """With redaction: the path of the redacted copy."""
    preview: str | None = None
    """When asked for: a small copy, blurred where the findings are and without metadata, as
    a ``data:image/jpeg;base64,…`` URI (for a web page)."""
