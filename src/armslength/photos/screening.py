"""Screen a photo: metadata, text read by OCR (screened like any text) and faces, one risk."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from armslength.model import Category, ContentKind, Finding, Severity
from armslength.photos import faces as faces_mod
from armslength.photos import metadata, ocr
from armslength.photos._model import PhotoFinding, PhotoInfo, PhotoResult, Source
from armslength.photos._open import Photo, open_photo
from armslength.photos.redact import default_out, write_copy
from armslength.screen.engine import risk_of

if TYPE_CHECKING:
    from armslength.screen import Screener

FACE_WHY = (
    "a recognisable face is a HIPAA identifier (full-face photograph): blur it unless the "
    "person consented"
)


def _face(box: list[int]) -> PhotoFinding:
    return PhotoFinding(
        start=0,
        end=0,
        text="",
        label="FACE",
        category=Category.PHI,
        severity=Severity.MEDIUM,
        score=0.8,
        rule="photo-face",
        why=FACE_WHY,
        box=box,
        source=Source.FACE,
    )


def _from_text(finding: Finding, lines: list[ocr.Line]) -> PhotoFinding:
    box = ocr.span_box(lines, finding.start, finding.end)
    return PhotoFinding(**finding.model_dump(), box=box, source=Source.TEXT)


def photo_risk(findings: Sequence[PhotoFinding]) -> Severity:
    """The highest severity, raised to high when a face appears with identifying text (a face
    plus a wristband name is high)."""
    risk = risk_of(findings)
    has_face = any(f.source is Source.FACE for f in findings)
    phi_text = any(
        f.source is not Source.FACE and f.category is Category.PHI and f.severity.rank >= 2
        for f in findings
    )
    return Severity.HIGH if has_face and phi_text else risk


def screen_decoded(
    photo: Photo,
    screener: Screener,
    kind: ContentKind = ContentKind.POST,
    *,
    read_text: bool = True,
    find_faces: bool = True,
) -> PhotoResult:
    """Screen an already decoded photo."""
    found = metadata.metadata_findings(photo.image)
    lines = ocr.read_lines(photo) if read_text else []
    text = ocr.joined(lines)
    if text.strip():
        found.extend(_from_text(f, lines) for f in screener.detect(text, kind))
    boxes = faces_mod.find_faces(photo) if find_faces else []
    found.extend(_face(box) for box in boxes)
    info = PhotoInfo(
        type=photo.kind.value,
        width=photo.size[0],
        height=photo.size[1],
        faces=len(boxes),
        text_chars=len(text),
    )
    return PhotoResult(risk=photo_risk(found), findings=found, photo=info, text=text)


def screen_photo(
    data: bytes,
    source: str,
    screener: Screener,
    kind: ContentKind = ContentKind.POST,
    *,
    redact: bool = False,
    strip_metadata: bool = False,
    out: Path | None = None,
    preview: int | None = None,
) -> PhotoResult:
    """Screen the photo in *data* (named *source* in errors).

    With *redact*, also write a copy with metadata stripped and every finding's box blurred;
    with *strip_metadata* alone, a copy with metadata stripped. The copy goes to *out*, or
    ``<name>.redacted.<ext>`` next to *source*; the original is never written. With
    *preview* (pixels, longest side), ``preview`` is a blurred copy of that size as a data URI.
    """
    photo = open_photo(data, source)
    result = screen_decoded(photo, screener, kind)
    if preview:
        from armslength.photos.thumbnail import data_uri, thumbnail

        boxes = [f.box for f in result.findings if f.box is not None]
        uri = data_uri(thumbnail(photo.work.image, boxes, preview, full=photo.size))
        result = result.model_copy(update={"preview": uri})
    if not (redact or strip_metadata):
        return result
    original = Path(source) if source != "-" else None
    target = out if out is not None else default_out(original or Path("photo"), photo.kind)
    boxes = [f.box for f in result.findings if f.box is not None] if redact else []
    written = write_copy(photo.rgb, boxes, photo.kind, target, original)
    return result.model_copy(update={"redacted": str(written)})
