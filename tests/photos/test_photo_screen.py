"""Text read from the picture is screened like any text (with boxes); faces are counted; one
risk for the photo. OCR runs with the network blocked: its models ship inside the wheel."""

from __future__ import annotations

import io
from typing import Any

import pytest

pytest.importorskip("PIL", reason="the photos extra (Pillow) is not installed")
from PIL import Image

from armslength.model import Severity
from armslength.photos import PhotoFinding, PhotoResult, Source, photo_risk, screen_photo
from armslength.screen import Screener
from photos._images import (
    WRISTBAND,
    face,
    jpeg_bytes,
    landscape,
    png_bytes,
    screenshot,
    text_image,
    whiteboard,
    wristband,
)

pytestmark = pytest.mark.usefixtures("needs_ocr", "needs_faces")


def _screen(data: bytes, name: str = "photo.png") -> PhotoResult:
    return screen_photo(data, name, Screener())


def _found(result: PhotoResult, source: Source = Source.TEXT) -> dict[str, PhotoFinding]:
    return {f.text: f for f in result.findings if f.source is source}


def _inside(box: list[int] | None, area: tuple[int, int, int, int]) -> bool:
    assert box is not None
    x, y, w, h = box
    return area[0] <= x and area[1] <= y and x + w <= area[2] and y + h <= area[3]


def test_wristband_ocr_runs_offline(no_network: list[Any]) -> None:
    from armslength.photos import ocr

    ocr._engine.cache_clear()  # load the models now, with the network blocked
    result = _screen(png_bytes(wristband()))
    assert no_network == []
    found = _found(result)
    assert {"Mia Hughes", "03/04/1957"} <= set(found)
    assert any("4482913" in text for text in found)
    assert found["Mia Hughes"].label == "NAME" and found["03/04/1957"].label == "DATE"
    assert result.risk is Severity.HIGH
    band = (40, 75, 1090, 145)  # where the line was drawn (x0, y0, x1, y1)
    for finding in found.values():
        assert _inside(finding.box, band), finding.box
        assert result.text[finding.start : finding.end] == finding.text
    name_box, date_box = found["Mia Hughes"].box, found["03/04/1957"].box
    assert name_box is not None and date_box is not None
    assert name_box[0] + name_box[2] <= date_box[0]  # the name is left of the date
    assert name_box[2] < 400  # a box for the name, not for the whole line
    assert WRISTBAND.split()[0].rstrip(":") in result.text


def test_whiteboard_names_and_beds() -> None:
    found = _found(_screen(png_bytes(whiteboard())))
    names = {t for t, f in found.items() if f.label == "NAME"}
    assert {"Mia Hughes", "Oliver Grant", "Ruth Okafor"} <= names
    assert sum(1 for f in found.values() if f.label == "LOCATION") >= 3


def test_ehr_screenshot_jpeg() -> None:
    result = _screen(jpeg_bytes(screenshot()), "shot.jpg")
    labels = {f.label for f in result.findings}
    assert {"NAME", "DATE", "ID"} <= labels
    assert "Thomas Whitfield" in _found(result)
    assert result.photo.type == "jpeg" and result.photo.text_chars > 40


@pytest.mark.parametrize(
    "image",
    [landscape(), text_image(["Sunday hike with the family", "Great views from the top"])],
    ids=["landscape", "caption-without-phi"],
)
def test_phi_free_photos_have_no_finding(image: Image.Image) -> None:
    result = _screen(jpeg_bytes(image), "walk.jpg")
    assert result.findings == [], [(f.text, f.rule) for f in result.findings]
    assert result.risk is Severity.NONE


def test_faces_are_counted_and_boxed() -> None:
    result = _screen(png_bytes(face(400)))
    faces = [f for f in result.findings if f.source is Source.FACE]
    assert result.photo.faces == len(faces) == 1
    box = faces[0].box
    assert box is not None and _inside(box, (0, 0, 400, 400)) and box[2] > 200
    assert faces[0].text == "" and faces[0].label == "FACE"
    assert result.risk is Severity.MEDIUM


def test_a_face_with_a_wristband_name_is_high() -> None:
    canvas = Image.new("RGB", (1100, 640), "white")
    canvas.paste(face(400), (350, 0))
    canvas.paste(wristband(), (0, 410))
    result = _screen(png_bytes(canvas))
    assert result.photo.faces == 1
    assert result.risk is Severity.HIGH


def test_risk_combination_rule() -> None:
    def finding(source: Source, severity: Severity) -> PhotoFinding:
        return PhotoFinding(
            start=0, end=0, text="", category="phi", severity=severity, score=1.0,
            rule="r", why="w", source=source,
        )  # fmt: skip

    face_only = [finding(Source.FACE, Severity.MEDIUM)]
    assert photo_risk(face_only) is Severity.MEDIUM
    assert photo_risk([*face_only, finding(Source.TEXT, Severity.MEDIUM)]) is Severity.HIGH
    assert photo_risk([*face_only, finding(Source.TEXT, Severity.LOW)]) is Severity.MEDIUM
    assert photo_risk([]) is Severity.NONE


def test_roster_and_allow_terms_apply_to_photo_text() -> None:
    image = png_bytes(text_image(["Lovely chat with Mia today"]))
    allowed = screen_photo(image, "x.png", Screener(allow_terms=["Mia"]))
    assert not [f for f in allowed.findings if f.text == "Mia"]


def test_the_original_bytes_are_what_is_read() -> None:
    data = png_bytes(wristband())
    result = _screen(data)
    assert Image.open(io.BytesIO(data)).size == (result.photo.width, result.photo.height)


def test_a_label_read_with_a_zero_for_its_o_is_spelt_right() -> None:
    from armslength.photos.ocr import _relabel

    assert _relabel("Mia Hughes D0B 03/04/1957") == "Mia Hughes DOB 03/04/1957"
    assert _relabel("R00M 4, D0B03/04") == "ROOM 4, DOB03/04"
    assert _relabel("D0Bson 10") == "D0Bson 10"  # not a label
