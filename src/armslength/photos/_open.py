"""Decode a photo with Pillow under a pixel limit; every failure is a :class:`PhotoError`.

A large JPEG is decoded once at a reduced size (Pillow's draft mode: the DCT scaled by 1/2, 1/4
or 1/8), enough for the detectors; the full-size pixels are decoded only when asked for (a
redacted copy).
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from armslength.errors import PhotoError
from armslength.photos._sniff import ImageType, sniff

if TYPE_CHECKING:
    from PIL import Image

ORIENTATION = 0x0112
TURNED = (5, 6, 7, 8)
"""EXIF orientations that swap width and height."""
MAX_PIXELS = 50_000_000
"""The largest image (width x height) that is decoded: a 50 MP photo; larger is refused."""
WORK_PIXELS = 2_000_000
"""A JPEG is decoded at the smallest DCT scale that keeps at least this many pixels (2,000 x
1,500 for a 12 MP photo): the detectors read copies of it, text is read from crops of it."""


@dataclass(frozen=True)
class View:
    """A copy of the upright photo at a smaller size, with its scale (its pixels per pixel of
    the full-size photo, across and down)."""

    image: Image.Image
    sx: float = 1.0
    sy: float = 1.0

    def to_full(self, x: float, y: float) -> tuple[float, float]:
        """A point of this view in pixels of the full-size upright photo."""
        return x / self.sx, y / self.sy


@dataclass(frozen=True)
class Photo:
    """A decoded photo: the original (for metadata, decoded perhaps at a reduced size), its
    type, and its size upright (as viewers show it: boxes are in these pixels)."""

    kind: ImageType
    image: Image.Image
    source: str
    size: tuple[int, int]
    data: bytes = field(repr=False, default=b"")
    _views: dict[int, View] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def work(self) -> View:
        """The upright first frame as RGB at the size it was decoded at."""
        image = _upright(self.image)
        return View(image, image.width / self.size[0], image.height / self.size[1])

    @cached_property
    def rgb(self) -> Image.Image:
        """The upright first frame as RGB at full size (decoded again if it was drafted)."""
        if self.work.image.size == self.size:
            return self.work.image
        return _upright(_decode(self.data, self.source, MAX_PIXELS, None)[0])

    def view(self, pixels: int) -> View:
        """The upright photo with at most *pixels* pixels (the decoded size when smaller),
        made from the smallest copy already made that is large enough."""
        if pixels in self._views:
            return self._views[pixels]
        larger = [v for v in self._views.values() if _pixels(v.image) >= pixels]
        source = min(larger, key=lambda v: _pixels(v.image)) if larger else self.work
        scale = math.sqrt(pixels / _pixels(source.image))
        view = source if scale >= 1.0 else self._shrunk(source.image, scale)
        self._views[pixels] = view
        return view

    def _shrunk(self, image: Image.Image, scale: float) -> View:
        from PIL import Image as PILImage

        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        small = image.resize(size, PILImage.Resampling.BILINEAR, reducing_gap=1.0)
        return View(small, small.width / self.size[0], small.height / self.size[1])


def _pixels(image: Image.Image) -> int:
    return image.width * image.height


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


def open_photo(
    data: bytes, source: str, *, max_pixels: int = MAX_PIXELS, work_pixels: int = WORK_PIXELS
) -> Photo:
    """The photo in *data* (named *source* in errors), first frame only; a JPEG larger than
    *work_pixels* is decoded at a reduced size (all of its data is still read and checked)."""
    kind = sniff(data)
    if kind is None:
        raise PhotoError("not an image (expected JPEG, PNG, WebP, GIF or HEIC)", path=source)
    require("PIL")
    if kind is ImageType.HEIF:
        _heif_support(source)
    image, (width, height) = _decode(
        data, source, max_pixels, work_pixels if kind is ImageType.JPEG else None
    )
    if image.getexif().get(ORIENTATION, 1) in TURNED:
        width, height = height, width
    return Photo(kind=kind, image=image, source=source, size=(width, height), data=data)


def _upright(image: Image.Image) -> Image.Image:
    """The first frame as RGB, turned as the EXIF Orientation says (as viewers show it): boxes
    are in these pixels, and the copy, which has no Orientation tag, must be upright itself."""
    from PIL import ImageOps

    if image.getexif().get(ORIENTATION, 1) not in (1, None):
        image = ImageOps.exif_transpose(image)
    return image if image.mode == "RGB" else image.convert("RGB")


def _draft(image: Image.Image, work_pixels: int | None) -> None:
    """Ask a JPEG's decoder for the smallest DCT scale that keeps *work_pixels* pixels."""
    width, height = image.size
    if work_pixels is None or width * height <= work_pixels:
        return
    scale = math.sqrt(work_pixels / (width * height))
    image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))


def _decode(
    data: bytes, source: str, max_pixels: int, work_pixels: int | None
) -> tuple[Image.Image, tuple[int, int]]:
    """The first frame of *data*, loaded (at a reduced size with *work_pixels*), and its
    full size as stored."""
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
            _draft(image, work_pixels)
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
    return image, (width, height)
