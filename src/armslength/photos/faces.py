"""Faces in a photo, found by OpenCV's Haar cascade (its XML ships inside the opencv wheel).

Faces are reported as a count and boxes, never stored or cropped.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from armslength.photos._open import require

if TYPE_CHECKING:
    from PIL import Image

MAX_SIDE = 1280
"""Faces are looked for at this size (longest side); boxes are scaled back."""
CASCADE = "haarcascade_frontalface_default.xml"


@cache
def _cascade() -> Any:
    require("cv2")
    import cv2

    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + CASCADE)  # type: ignore[attr-defined]
    if cascade.empty():  # pragma: no cover - a broken opencv install
        from armslength.errors import PhotoError

        raise PhotoError(f"OpenCV's face model {CASCADE} is missing from its package")
    return cascade


def find_faces(rgb: Image.Image) -> list[list[int]]:
    """Boxes ``[x, y, w, h]`` (pixels of *rgb*) of the frontal faces in *rgb*."""
    import numpy as np

    gray = rgb.convert("L")
    scale = min(1.0, MAX_SIDE / max(gray.size))
    if scale < 1.0:
        gray = gray.resize((round(gray.width * scale), round(gray.height * scale)))
    smallest = max(24, min(gray.size) // 30)
    found = _cascade().detectMultiScale(
        np.asarray(gray), scaleFactor=1.1, minNeighbors=6, minSize=(smallest, smallest)
    )
    return [[round(int(v) / scale) for v in box] for box in found]
