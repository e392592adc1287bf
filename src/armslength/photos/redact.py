"""Write a redacted copy of a photo: no metadata, and every finding's box blurred and outlined.

The original is never touched: the copy is built from the pixels alone, so no EXIF, XMP, IPTC,
thumbnail or text chunk can come along.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from armslength.errors import PhotoError
from armslength.photos._sniff import ImageType, extension

if TYPE_CHECKING:
    from PIL import Image

PAD = 4
"""Pixels added around each box before blurring (OCR boxes are tight)."""
_FORMAT = {
    ImageType.JPEG: "JPEG",
    ImageType.PNG: "PNG",
    ImageType.GIF: "GIF",
    ImageType.WEBP: "WEBP",
    ImageType.HEIF: "HEIF",  # registered by pillow-heif when a HEIC photo was opened
}


def default_out(source: Path, kind: ImageType) -> Path:
    """``<name>.redacted.<ext>`` next to *source*."""
    return source.with_name(f"{source.stem}.redacted.{extension(kind)}")


def pixels_only(rgb: Image.Image) -> Image.Image:
    """A copy of *rgb* with its pixels and nothing else (no ``info``, no EXIF)."""
    from PIL import Image

    return Image.frombytes("RGB", rgb.size, rgb.tobytes())


def blur_boxes(image: Image.Image, boxes: Iterable[list[int]]) -> Image.Image:
    """*image* with each box ``[x, y, w, h]`` blurred beyond reading and outlined in black."""
    from PIL import ImageDraw, ImageFilter

    draw = ImageDraw.Draw(image)
    for x, y, w, h in boxes:
        area = (
            max(0, x - PAD),
            max(0, y - PAD),
            min(image.width, x + w + PAD),
            min(image.height, y + h + PAD),
        )
        if area[2] <= area[0] or area[3] <= area[1]:
            continue
        region = image.crop(area)
        radius = max(8, (area[3] - area[1]) // 2)
        tiny = region.resize((max(1, region.width // 16), max(1, region.height // 16)))
        region = tiny.resize(region.size).filter(ImageFilter.GaussianBlur(radius))
        image.paste(region, area[:2])
        draw.rectangle(area, outline=(0, 0, 0), width=2)
    return image


def write_copy(
    rgb: Image.Image, boxes: Iterable[list[int]], kind: ImageType, out: Path, original: Path | None
) -> Path:
    """Write the redacted copy to *out* (never over *original*) and return its path."""
    if original is not None and out.resolve() == original.resolve():
        raise PhotoError("the redacted copy would overwrite the original", path=out)
    clean = blur_boxes(pixels_only(rgb), boxes)
    try:
        clean.save(out, format=_FORMAT.get(kind, "PNG"))
    except OSError as exc:
        raise PhotoError(
            f"cannot write the redacted copy ({exc.strerror or exc})", path=out
        ) from None
    return out
