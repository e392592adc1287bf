"""Decode a photo with Pillow under a pixel limit; every failure is a :class:`PhotoError`."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from armslength.errors import PhotoError
from armslength.photos._sniff import ImageType, sniff

if TYPE_CHECKING:
    from PIL import Image

ORIENTATION = 0x0112
MAX_PIXELS = 50_000_000
"""The largest image (width x height) that is decoded: a 50 MP photo; larger is refused."""


@dataclass(frozen=True)
class Photo:
    """A decoded photo: its first frame as upright RGB, the original (for metadata), its type."""

    kind: ImageType
    image: Image.Image
    rgb: Image.Image
    source: str


def require(module: str) -> None:
    """Import *module* or raise a :class:`PhotoError` naming the missing extra."""
    import importlib

    try:
        importlib.import_module(module)
    except ImportError:  # pragma: no cover - the photos extra is missing
        raise PhotoError(
            f"screening photos needs the photos extra ({module} is missing): "
            "pip install 'armslength[photos]'"
        ) from None


def _heif_support(source: str) -> None:
    """Teach Pillow HEIC/HEIF through pillow-heif (libheif inside its wheel), if installed."""
    try:
        import pillow_heif
    except ImportError:
        raise PhotoError(
            "HEIC/HEIF photos are not supported without pillow-heif "
            "(pip install pillow-heif): install it or convert the photo to JPEG",
            path=source,
        ) from None
    pillow_heif.register_heif_opener()


def open_photo(data: bytes, source: str, *, max_pixels: int = MAX_PIXELS) -> Photo:
    """The photo in *data* (named *source* in errors), first frame only."""
    kind = sniff(data)
    if kind is None:
        raise PhotoError("not an image (expected JPEG, PNG, WebP, GIF or HEIC)", path=source)
    require("PIL")
    if kind is ImageType.HEIF:
        _heif_support(source)
    image = _decode(data, source, max_pixels)
    return Photo(kind=kind, image=image, rgb=_upright(image), source=source)


def _upright(image: Image.Image) -> Image.Image:
    """The first frame as RGB, turned as the EXIF Orientation says (as viewers show it): boxes
    are in these pixels, and the copy, which has no Orientation tag, must be upright itself."""
    from PIL import ImageOps

    if image.getexif().get(ORIENTATION, 1) not in (1, None):
        image = ImageOps.exif_transpose(image)
    return image if image.mode == "RGB" else image.convert("RGB")


def _decode(data: bytes, source: str, max_pixels: int) -> Image.Image:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        width, height = image.size
        if width * height > max_pixels:
            raise PhotoError(
                f"image is {width}x{height} pixels, over the limit of {max_pixels:,} "
                "(a decompression bomb?)",
                path=source,
            )
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.seek(0)
            image.load()
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(
            "image is too large to decode (a decompression bomb?)", path=source
        ) from None
    except UnidentifiedImageError:
        raise PhotoError(
            "the image cannot be read (damaged or unknown format)", path=source
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        reason = "truncated" if "truncated" in str(exc).lower() else "damaged"
        raise PhotoError(f"the image is {reason} and cannot be decoded", path=source) from None
    return image
