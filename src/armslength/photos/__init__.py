"""Screen photos: what metadata, text in the picture (OCR) and faces give away; redact a copy.

Needs the ``photos`` extra (Pillow, RapidOCR with its bundled models, OpenCV). Nothing is
fetched at run time.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from armslength.photos._model import PhotoFinding, PhotoInfo, PhotoResult, Source
    from armslength.photos._open import MAX_PIXELS, open_photo
    from armslength.photos._sniff import ImageType, sniff
    from armslength.photos.screening import photo_risk, screen_decoded, screen_photo

_HOME = {
    "PhotoFinding": "_model", "PhotoInfo": "_model", "PhotoResult": "_model", "Source": "_model",
    "MAX_PIXELS": "_open", "open_photo": "_open", "ImageType": "_sniff", "sniff": "_sniff",
    "photo_risk": "screening", "screen_decoded": "screening", "screen_photo": "screening",
}  # fmt: skip
"""Where each public name lives: imported on first use, so telling a photo from a text
(``sniff``) does not load the screening, Pillow's wrappers and their models."""

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


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'armslength.photos' has no attribute {name!r}")
    value = getattr(import_module(f"armslength.photos.{home}"), name)
    globals()[name] = value
    return value
