"""Faces in a photo, found by OpenCV's Haar cascade (its XML ships inside the opencv wheel).

Faces are reported as a count and boxes, never stored or cropped.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from armslength.photos._open import require

if TYPE_CHECKING:
    from armslength.photos._open import Photo

PIXELS = 800 * 600
"""Faces are looked for on a copy of the photo with at most this many pixels (0.12 CPU-s on a
12 MP photo; 0.18 at 960 x 720): the smallest face found is 24 pixels there, 120 in a 4,000
pixel wide photo. Boxes are scaled back to the full-size photo."""
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


def find_faces(photo: Photo) -> list[list[int]]:
    """Boxes ``[x, y, w, h]`` (pixels of the full-size upright photo) of its frontal faces."""
    import numpy as np

    view = photo.view(PIXELS)
    gray = view.image.convert("L")
    smallest = max(24, min(gray.size) // 30)
    found = _cascade().detectMultiScale(
        np.asarray(gray), scaleFactor=1.1, minNeighbors=6, minSize=(smallest, smallest)
    )
    return [
        [round(x / view.sx), round(y / view.sy), round(w / view.sx), round(h / view.sy)]
        for x, y, w, h in (map(int, box) for box in found)
    ]
