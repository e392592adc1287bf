"""Metadata findings: GPS with its precision, capture time, owner/serial, thumbnail, XMP people
and captions, PNG text chunks — each with a why."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("PIL", reason="the photos extra (Pillow) is not installed")
from PIL import Image, PngImagePlugin

from armslength.model import Severity
from armslength.photos.metadata import metadata_findings
from photos._images import XMP, gps_exif, jpeg_bytes, landscape, png_bytes, with_thumbnail


def _fields(data: bytes) -> dict[str, object]:
    return {f.field or "": f for f in metadata_findings(Image.open(io.BytesIO(data)))}


def test_exif_fields_become_findings() -> None:
    found = _fields(jpeg_bytes(landscape(), exif=gps_exif()))
    assert set(found) == {
        "GPS",
        "DateTimeOriginal",
        "Artist",
        "CameraOwnerName",
        "BodySerialNumber",
    }
    gps = found["GPS"]
    assert gps.label == "LOCATION" and gps.severity is Severity.HIGH  # type: ignore[attr-defined]
    assert gps.text.startswith("51.503428, -0.127833")  # type: ignore[attr-defined]
    assert "precise to about 3 m" in gps.why or "precise to about 6 m" in gps.why  # type: ignore[attr-defined]
    assert found["DateTimeOriginal"].label == "DATE"  # type: ignore[attr-defined]
    assert found["BodySerialNumber"].label == "ID"  # type: ignore[attr-defined]
    for finding in found.values():
        assert finding.why and finding.box is None and finding.start == finding.end == 0  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("denominator", "precision", "severity"),
    [(100, "6 m", Severity.HIGH), (1, "31 m", Severity.HIGH)],
)
def test_gps_precision_follows_the_stored_fractions(
    denominator: int, precision: str, severity: Severity
) -> None:
    gps = _fields(jpeg_bytes(landscape(), exif=gps_exif(seconds_denominator=denominator)))["GPS"]
    assert f"precise to about {precision}" in gps.why  # type: ignore[attr-defined]
    assert gps.severity is severity  # type: ignore[attr-defined]


def test_coarse_gps_is_medium() -> None:
    from PIL.TiffImagePlugin import IFDRational as R

    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[1], gps[3] = "N", "E"
    gps[2], gps[4] = (R(51), R(0), R(0)), (R(1), R(0), R(0))
    found = _fields(jpeg_bytes(landscape(), exif=exif))["GPS"]
    assert found.severity is Severity.MEDIUM  # type: ignore[attr-defined]
    assert "km" in found.why  # type: ignore[attr-defined]


def test_xmp_people_and_caption() -> None:
    found = _fields(jpeg_bytes(landscape(), xmp=XMP))
    assert found["XMP:PersonInImage"].text == "Ruth Okafor"  # type: ignore[attr-defined]
    assert found["XMP:PersonInImage"].severity is Severity.HIGH  # type: ignore[attr-defined]
    assert found["XMP:description"].text == "Ruth on her last day on the ward"  # type: ignore[attr-defined]


def test_embedded_thumbnail_is_a_finding() -> None:
    found = _fields(with_thumbnail(landscape()))
    assert list(found) == ["Thumbnail"]
    assert "thumbnail" in found["Thumbnail"].why  # type: ignore[attr-defined]


def test_png_text_chunk() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Description", "discharge photo, bed 4")
    found = _fields(png_bytes(landscape(), pnginfo=info))
    assert found["Description"].text == "discharge photo, bed 4"  # type: ignore[attr-defined]


def test_a_clean_photo_has_no_metadata_finding() -> None:
    assert metadata_findings(Image.open(io.BytesIO(jpeg_bytes(landscape())))) == []
