"""--redact writes a copy with metadata stripped and findings blurred; --strip-metadata alone
writes a clean copy; the original is never touched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

pytest.importorskip("PIL", reason="the photos extra (Pillow) is not installed")
from PIL import Image
from typer.testing import CliRunner

from armslength.cli import app
from armslength.photos import screen_photo
from armslength.screen import Screener
from photos._images import XMP, face, gps_exif, jpeg_bytes, png_bytes, wristband

pytestmark = pytest.mark.usefixtures("needs_ocr", "needs_faces")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _no_metadata(path: Path) -> None:
    copy = Image.open(path)
    assert not copy.getexif() and not copy.info.get("exif") and not copy.info.get("xmp")
    assert copy.getexif().get_ifd(0x8825) == {}


def _band_photo(tmp_path: Path) -> Path:
    canvas = Image.new("RGB", (1100, 640), "white")
    canvas.paste(face(400), (350, 0))
    canvas.paste(wristband(), (0, 410))
    path = tmp_path / "ward.jpg"
    path.write_bytes(jpeg_bytes(canvas, exif=gps_exif(), xmp=XMP))
    return path


def test_redact_writes_a_clean_blurred_copy(tmp_path: Path) -> None:
    original = _band_photo(tmp_path)
    before = _digest(original)
    result = CliRunner().invoke(app, ["screen", str(original), "--redact", "--json"])
    assert result.exit_code == 1, result.output
    out = json.loads(result.stdout)
    copy = tmp_path / "ward.redacted.jpg"
    assert out["redacted"] == str(copy) and copy.exists()
    assert _digest(original) == before
    _no_metadata(copy)
    assert out["photo"]["faces"] == 1 and out["risk"] == "high"
    assert all(len(f["box"]) == 4 for f in out["findings"] if f["source"] != "metadata")
    again = screen_photo(copy.read_bytes(), str(copy), Screener())
    texts = {f.text for f in again.findings}
    assert "Mia Hughes" not in again.text and "Mia Hughes" not in texts
    assert "4482913" not in again.text
    assert again.photo.faces == 0
    assert [f for f in again.findings if f.source == "metadata"] == []


def test_strip_metadata_keeps_the_pixels(tmp_path: Path) -> None:
    original = tmp_path / "walk.png"
    image = wristband()
    original.write_bytes(png_bytes(image, exif=gps_exif()))
    out = tmp_path / "clean" / "walk-clean.png"
    out.parent.mkdir()
    args = ["screen", str(original), "--strip-metadata", "--out", str(out), "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output  # the text on the band is still there
    assert json.loads(result.stdout)["redacted"] == str(out)
    _no_metadata(out)
    assert Image.open(out).convert("RGB").tobytes() == image.tobytes()


def test_the_copy_never_overwrites_the_original(tmp_path: Path) -> None:
    original = _band_photo(tmp_path)
    before = _digest(original)
    args = ["screen", str(original), "--redact", "--out", str(original)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and "would overwrite the original" in result.output
    assert _digest(original) == before


def test_human_output_names_the_copy(tmp_path: Path) -> None:
    original = _band_photo(tmp_path)
    result = CliRunner().invoke(app, ["screen", str(original), "--redact"])
    assert result.exit_code == 1
    assert "1 face(s)" in result.output and "ward.redacted.jpg" in result.output
    assert "GPS" in result.output


def test_a_clean_photo_exits_0(tmp_path: Path) -> None:
    from photos._images import landscape

    path = tmp_path / "hills.jpg"
    path.write_bytes(jpeg_bytes(landscape()))
    result = CliRunner().invoke(app, ["screen", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["risk"] == "none"


def test_photo_options_on_text_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("Lovely walk today")
    result = CliRunner().invoke(app, ["screen", str(path), "--strip-metadata"])
    assert result.exit_code == 2 and "are for photos" in result.output


def test_heic_is_screened_and_redacted_as_heic(tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif", reason="pillow-heif is not installed")
    pillow_heif.register_heif_opener()
    original = tmp_path / "IMG_0001.HEIC"
    wristband().save(original, format="HEIF", quality=95, exif=gps_exif().tobytes())
    result = CliRunner().invoke(app, ["screen", str(original), "--redact", "--json"])
    assert result.exit_code == 1, result.output
    out = json.loads(result.stdout)
    assert out["photo"]["type"] == "heif"
    assert {"GPS", "DateTimeOriginal"} <= {f["field"] for f in out["findings"]}
    assert "Mia Hughes" in {f["text"] for f in out["findings"]}
    copy = Path(out["redacted"])
    assert copy.name == "IMG_0001.redacted.heic" and Image.open(copy).format == "HEIF"
    _no_metadata(copy)


def test_a_turned_phone_photo_is_read_and_copied_upright(tmp_path: Path) -> None:
    """EXIF Orientation 6 (turn 90° clockwise to view): boxes and the copy are upright."""
    upright = wristband()
    exif = Image.Exif()
    exif[0x0112] = 6
    original = tmp_path / "turned.jpg"
    original.write_bytes(jpeg_bytes(upright.rotate(90, expand=True), exif=exif))
    result = screen_photo(original.read_bytes(), str(original), Screener(), redact=True)
    assert (result.photo.width, result.photo.height) == upright.size
    assert "Mia Hughes" in {f.text for f in result.findings}
    copy = Image.open(result.redacted or "")
    assert copy.size == upright.size and copy.getexif().get(0x0112) is None
