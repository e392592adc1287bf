"""Text in a photo, read on the CPU by RapidOCR (PP-OCR models shipped inside its wheel).

Nothing is fetched: ``rapidocr-onnxruntime`` carries its ONNX models in the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from armslength.photos._open import require

if TYPE_CHECKING:
    from PIL import Image

Box = tuple[int, int, int, int] | None

MAX_SIDE = 2000
"""Photos larger than this (longest side, pixels) are read at this size; boxes are scaled back."""


@dataclass(frozen=True)
class Line:
    """One line of text read from the image, with its box ``(x, y, w, h)`` in pixels."""

    text: str
    box: tuple[int, int, int, int]
    score: float
    start: int = 0
    """Offset of the line in the joined OCR text."""
    chars: tuple[tuple[int, int, int, int] | None, ...] = ()
    """A box per character of ``text`` when the OCR gave them (None for an added space)."""


@cache
def _engine() -> Any:
    require("rapidocr_onnxruntime")
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def _scaled(image: Image.Image) -> tuple[Image.Image, float]:
    side = max(image.size)
    if side <= MAX_SIDE:
        return image, 1.0
    scale = MAX_SIDE / side
    size = (round(image.width * scale), round(image.height * scale))
    return image.resize(size), scale


def _box(points: Any, scale: float) -> tuple[int, int, int, int]:
    xs = [float(p[0]) / scale for p in points]
    ys = [float(p[1]) / scale for p in points]
    x, y = int(min(xs)), int(min(ys))
    return x, y, int(max(xs)) - x + 1, int(max(ys)) - y + 1


GAP = 0.45
"""A gap wider than this share of the median character width between two characters is a
space (the recogniser often drops spaces; its character boxes show them)."""


def _spaced(text: str, boxes: list[tuple[int, int, int, int]]) -> tuple[str, tuple[Box, ...]]:
    """*text* with the spaces its character boxes show, and a box per character."""
    glyphs = [ch for ch in text if not ch.isspace()]
    if len(boxes) != len(glyphs) or not boxes:
        return text, ()
    widths = sorted(b[2] for b in boxes)
    limit = GAP * widths[len(widths) // 2]
    out: list[str] = []
    chars: list[Box] = []
    for i, (ch, box) in enumerate(zip(glyphs, boxes, strict=True)):
        if i and box[0] - (boxes[i - 1][0] + boxes[i - 1][2]) > limit:
            out.append(" ")
            chars.append(None)
        out.append(ch)
        chars.append(box)
    return "".join(out), tuple(chars)


def _line(item: Any, scale: float) -> tuple[str, tuple[int, int, int, int], float, tuple[Box, ...]]:
    points, text, score = item[0], str(item[1]), float(item[2])
    words = item[3] if len(item) > 3 and item[3] else []
    text, chars = _spaced(text, [_box(word, scale) for word in words])
    return text, _box(points, scale), score, chars


def read_lines(rgb: Image.Image) -> list[Line]:
    """The lines of text in *rgb* (an RGB image), top to bottom, with offsets into
    :func:`joined` of them."""
    import numpy as np

    small, scale = _scaled(rgb)
    result, _ = _engine()(np.asarray(small)[:, :, ::-1], return_word_box=True)
    raw = [_line(item, scale) for item in result or []]
    raw.sort(key=lambda item: (item[1][1], item[1][0]))
    lines, offset = [], 0
    for text, box, score, chars in raw:
        lines.append(Line(text=text, box=box, score=score, start=offset, chars=chars))
        offset += len(text) + 1
    return lines


def joined(lines: list[Line]) -> str:
    """The OCR text: one line per line of text read."""
    return "\n".join(line.text for line in lines)


def span_box(lines: list[Line], start: int, end: int) -> list[int] | None:
    """The box ``[x, y, w, h]`` covering characters ``start:end`` of the joined text: the part
    of each line's box in proportion to the characters it covers (OCR gives line boxes)."""
    boxes: list[tuple[int, int, int, int]] = []
    for line in lines:
        lo, hi = max(start, line.start), min(end, line.start + len(line.text))
        if lo >= hi:
            continue
        covered = [b for b in line.chars[lo - line.start : hi - line.start] if b is not None]
        if line.chars and covered:
            boxes.extend((b[0], b[1], b[0] + b[2], b[1] + b[3]) for b in covered)
            continue
        x, y, w, h = line.box
        per_char = w / max(len(line.text), 1)
        left = x + int((lo - line.start) * per_char)
        right = x + round((hi - line.start) * per_char)
        boxes.append((left, y, right, y + h))
    if not boxes:
        return None
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return [left, top, right - left, bottom - top]
