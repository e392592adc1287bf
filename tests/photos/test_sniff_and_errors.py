"""The type comes from the bytes; bad images get a clear error naming the file, never a traceback."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("PIL", reason="the photos extra (Pillow) is not installed")
from typer.testing import CliRunner

from armslength.cli import app
from armslength.errors import ArmslengthError, PhotoError
from armslength.photos import ImageType, open_photo, sniff
from photos._images import bomb_png, jpeg_bytes, landscape, png_bytes


def _webp() -> bytes:
    import io

    out = io.BytesIO()
    landscape((64, 48)).save(out, format="WEBP")
    return out.getvalue()


def _gif() -> bytes:
    import io

    out = io.BytesIO()
    frames = [landscape((64, 48)), landscape((64, 48)).rotate(180)]
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:])
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda: jpeg_bytes(landscape((64, 48))), ImageType.JPEG),
        (lambda: png_bytes(landscape((64, 48))), ImageType.PNG),
        (_webp, ImageType.WEBP),
        (_gif, ImageType.GIF),
        (lambda: b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", ImageType.HEIF),
        (lambda: b"NAME: Mia Hughes", None),
    ],
)
def test_type_is_decided_from_the_bytes(make: object, kind: ImageType | None) -> None:
    assert sniff(make()) is kind  # type: ignore[operator]


def test_gif_first_frame_and_webp_decode() -> None:
    assert open_photo(_gif(), "anim.gif").rgb.size == (64, 48)
    assert open_photo(_webp(), "x.webp").kind is ImageType.WEBP


def test_a_png_named_jpg_is_read_as_png(tmp_path: Path) -> None:
    path = tmp_path / "holiday.txt"
    path.write_bytes(png_bytes(landscape((120, 80))))
    result = CliRunner().invoke(app, ["screen", str(path), "--json"])
    assert '"type": "png"' in result.stdout, result.output


_HEIF = importlib.util.find_spec("pillow_heif") is not None


def _truncated_jpeg() -> bytes:
    data = jpeg_bytes(landscape((400, 300)))
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (bomb_png(100_000, 100_000), "bomb.png", "decompression bomb"),
        (bomb_png(8_000, 8_000), "big.png", "over the limit of 50,000,000"),
        (_truncated_jpeg(), "cut.jpg", "truncated"),
        (
            b"\x00\x00\x00\x18ftypheic" + b"\x00" * 32,
            "phone.heic",
            "damaged or unknown format" if _HEIF else "not supported without pillow-heif",
        ),
    ],
    ids=["bomb", "over-limit", "truncated", "heic-damaged"],
)
def test_bad_images_are_refused_with_the_file_named(
    tmp_path: Path, data: bytes, name: str, message: str
) -> None:
    with pytest.raises(PhotoError, match=message) as caught:
        open_photo(data, name)
    assert isinstance(caught.value, ArmslengthError)
    assert caught.value.path == name
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["screen", str(path)])
    assert result.exit_code == 2, result.output
    assert name in result.output and message in result.output
    assert "Traceback" not in result.output


def test_pixel_limit_is_a_parameter() -> None:
    with pytest.raises(PhotoError, match="over the limit of 1,000"):
        open_photo(png_bytes(landscape((100, 100))), "small.png", max_pixels=1000)
