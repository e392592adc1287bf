"""A large JPEG is decoded at a reduced DCT scale and text and faces are looked for on a smaller
copy still: boxes come back in pixels of the full-size upright photo, and the redacted copy
(full size) is blurred where they say."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

pytest.importorskip("PIL", reason="the photos extra (Pillow) is not installed")
from PIL import Image, ImageStat

from armslength.errors import PhotoError
from armslength.photos import Source, open_photo, screen_photo
from armslength.photos.thumbnail import thumbnail
from armslength.screen import Screener
from photos._images import jpeg_bytes, landscape, wristband

SIZE = (4000, 3000)
ORIGIN = (600, 1800)
ZOOM = 2.5
BAND = (650, 1925, 3300, 2225)
"""Where the pale band of the zoomed wristband lies in the big photo (x0, y0, x1, y1)."""


def _big_band() -> Image.Image:
    """A 12 MP photo with a wristband close up (its text about 80 pixels high)."""
    image = landscape(SIZE)
    band = wristband()
    band = band.resize((round(band.width * ZOOM), round(band.height * ZOOM)))
    image.paste(band, ORIGIN)
    return image


def _inside(box: list[int] | None, area: tuple[int, int, int, int]) -> bool:
    assert box is not None
    x, y, w, h = box
    return area[0] <= x and area[1] <= y and x + w <= area[2] and y + h <= area[3]


def test_a_large_jpeg_is_decoded_smaller_and_keeps_its_full_size() -> None:
    photo = open_photo(jpeg_bytes(_big_band()), "ward.jpg")
    assert photo.size == SIZE
    assert photo.work.image.size == (2000, 1500)  # the DCT scaled by 1/2
    assert (photo.work.sx, photo.work.sy) == (0.5, 0.5)
    small = photo.view(960 * 720)
    assert small.image.size == (960, 720) and small.to_full(480, 360) == (2000, 1500)
    assert photo.rgb.size == SIZE  # decoded again at full size when asked for


def test_a_small_jpeg_is_decoded_at_full_size() -> None:
    photo = open_photo(jpeg_bytes(landscape((800, 600))), "walk.jpg")
    assert photo.work.image.size == photo.size == (800, 600)
    assert photo.rgb is photo.work.image


def test_boxes_of_a_downscaled_photo_are_in_full_size_pixels(tmp_path: Path) -> None:
    data = jpeg_bytes(_big_band())
    result = screen_photo(data, "ward.jpg", Screener(), redact=True, out=tmp_path / "copy.jpg")
    assert (result.photo.width, result.photo.height) == SIZE
    found = {f.text: f for f in result.findings if f.source is Source.TEXT}
    assert {"Mia Hughes", "03/04/1957"} <= set(found), result.text
    for finding in found.values():
        assert _inside(finding.box, BAND), (finding.text, finding.box)
    name, date = found["Mia Hughes"].box, found["03/04/1957"].box
    assert name is not None and date is not None
    assert name[2] > 400 and name[0] + name[2] <= date[0]  # full-size pixels, the name first
    copy = Image.open(tmp_path / "copy.jpg").convert("RGB")
    original = Image.open(io.BytesIO(data)).convert("RGB")
    assert copy.size == SIZE
    x, y, w, h = name
    area = (x, y, x + w, y + h)
    before = ImageStat.Stat(original.crop(area).convert("L")).stddev[0]
    after = ImageStat.Stat(copy.crop(area).convert("L")).stddev[0]
    assert after < before / 3, (before, after)  # the name's pixels in the copy are blurred
    again = screen_photo((tmp_path / "copy.jpg").read_bytes(), "copy.jpg", Screener())
    assert "Mia Hughes" not in again.text


def test_boxes_of_a_turned_large_jpeg_are_upright(tmp_path: Path) -> None:
    """Stored turned, with EXIF Orientation 6 (turn 90 degrees clockwise to view)."""
    upright = _big_band()
    exif = Image.Exif()
    exif[0x0112] = 6
    data = jpeg_bytes(upright.transpose(Image.Transpose.ROTATE_90), exif=exif)
    photo = open_photo(data, "turned.jpg")
    assert photo.size == SIZE and photo.work.image.size == (2000, 1500)
    result = screen_photo(data, "turned.jpg", Screener())
    names = [f for f in result.findings if f.text == "Mia Hughes"]
    assert names and _inside(names[0].box, BAND), [(f.text, f.box) for f in result.findings]


def test_a_truncated_large_jpeg_is_refused_when_decoded_smaller() -> None:
    data = jpeg_bytes(_big_band())
    with pytest.raises(PhotoError, match="truncated"):
        open_photo(data[: len(data) // 2], "cut.jpg")


def test_a_thumbnail_of_a_smaller_copy_blurs_full_size_boxes() -> None:
    noise = Image.effect_noise((400, 200), 90).convert("RGB")  # a copy a tenth of the photo
    full = (4000, 2000)
    plain = thumbnail(noise, [], 200, full=full)
    blurred = thumbnail(noise, [[2000, 1000, 1000, 500]], 200, full=full)
    area, elsewhere = (102, 52, 148, 73), (10, 10, 60, 40)  # the box in the 200 x 100 thumbnail
    assert (
        ImageStat.Stat(blurred.crop(area)).stddev[0]
        < ImageStat.Stat(plain.crop(area)).stddev[0] / 3
    )
    assert blurred.crop(elsewhere).tobytes() == plain.crop(elsewhere).tobytes()
