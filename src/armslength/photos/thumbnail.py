"""A small preview of a photo for the audit report, blurred wherever a finding is."""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from armslength.photos.redact import blur_boxes, pixels_only

if TYPE_CHECKING:
    from PIL import Image

SIDE = 160
"""The longest side of a thumbnail, in pixels."""


def _scaled(box: list[int], sx: float, sy: float) -> list[int]:
    """*box* ``[x, y, w, h]`` scaled by *sx* across and *sy* down, rounded outwards (a blur
    never falls short)."""
    x, y, w, h = box
    left, top = math.floor(x * sx), math.floor(y * sy)
    right, bottom = math.ceil((x + w) * sx), math.ceil((y + h) * sy)
    return [left, top, max(1, right - left), max(1, bottom - top)]


def thumbnail(
    rgb: Image.Image,
    boxes: Iterable[list[int]],
    side: int = SIDE,
    *,
    full: tuple[int, int] | None = None,
) -> Image.Image:
    """*rgb* shrunk to *side* pixels (longest side), each box blurred; pixels only (no metadata).

    Boxes are in pixels of *rgb*, or of the full-size photo of size *full* that *rgb* is a
    smaller copy of (a photo decoded at a reduced size)."""
    scale = min(1.0, side / max(rgb.size))
    size = (max(1, round(rgb.width * scale)), max(1, round(rgb.height * scale)))
    small = pixels_only(rgb.resize(size) if scale < 1.0 else rgb)
    width, height = full or rgb.size
    sx, sy = small.width / width, small.height / height
    return blur_boxes(small, [_scaled(box, sx, sy) for box in boxes])


def data_uri(image: Image.Image) -> str:
    """*image* as a ``data:image/jpeg;base64,…`` URI (for a self-contained HTML page)."""
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
