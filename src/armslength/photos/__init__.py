"""Screen photos: what metadata, text in the picture (OCR) and faces give away; redact a copy.

Needs the ``photos`` extra (Pillow, RapidOCR with its bundled models, OpenCV). Nothing is
fetched at run time.
"""

from __future__ import annotations

from armslength.photos._model import PhotoFinding, PhotoInfo, PhotoResult, Source
from armslength.photos._open import MAX_PIXELS, open_photo
from armslength.photos._sniff import ImageType, sniff
from armslength.photos.screening import photo_risk, screen_decoded, screen_photo

__all__ = [
    "MAX_PIXELS",
    "ImageType",
    "PhotoFinding",
    "PhotoInfo",
    "PhotoResult",
    "Source",
    "open_photo",
    "photo_risk",
    "screen_decoded",
    "screen_photo",
    "sniff",
]
