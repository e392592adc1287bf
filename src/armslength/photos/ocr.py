"""Text in a photo, read on the CPU by RapidOCR (PP-OCR models shipped inside its wheel).

Nothing is fetched: ``rapidocr-onnxruntime`` carries its ONNX models in the package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from armslength.photos._open import require

if TYPE_CHECKING:
    from PIL import Image

Box = tuple[int, int, int, int] | None

MAX_SIDE = 1600
"""Photos larger than this (longest side, pixels) are read at this size; boxes are scaled back.
(2,000 reads smaller text but costs 1.6 times the CPU and 230 MB more on a 12 MP photo.)"""
THREADS = 1
"""ONNX Runtime threads: one thread spends about half the CPU time of one per core (no spinning
workers), which matters more on a shared machine than the wall time it adds."""


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

    return RapidOCR(intra_op_num_threads=THREADS, inter_op_num_threads=THREADS)


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


GAP = 0.65
"""A gap wider than this share of the median character width between two characters is a
space: the recogniser sometimes drops spaces, and its character boxes show where they were."""

Fragment = tuple[str, tuple[int, int, int, int], float, tuple[Box, ...]]


def _proportional(text: str, box: tuple[int, int, int, int]) -> tuple[Box, ...]:
    """A box per character, in proportion along *box* (when the OCR gave none)."""
    x, y, w, h = box
    step = w / max(len(text), 1)
    return tuple(
        None if ch.isspace() else (x + int(i * step), y, max(1, round(step)), h)
        for i, ch in enumerate(text)
    )


def _spaced(text: str, boxes: list[tuple[int, int, int, int]]) -> tuple[str, tuple[Box, ...]]:
    """*text* with the spaces its character boxes show, and a box per character."""
    if len(boxes) == len(text) and any(ch.isspace() for ch in text):
        return text, tuple(None if ch.isspace() else b for ch, b in zip(text, boxes, strict=True))
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


LABELS = ("DOB", "DOD", "MRN", "NHS", "BED", "BAY", "ROOM", "WARD", "AGE")
"""Words that label a number on wristbands, boards and records ("DOB03/04", "Bed3"): a space
is put back between such a word and the digit that follows it."""
_LABEL_THEN_DIGIT = re.compile(r"(?:" + "|".join(LABELS) + r")(?=\d)", re.IGNORECASE)


def _split_joined(text: str, chars: tuple[Box, ...]) -> tuple[str, tuple[Box, ...]]:
    """A space where a lower-case letter runs into a capital ("MiaHughesDOB") or a colon into
    a word ("NAME:Mia"): where the recogniser dropped a space, so names and labels read again."""
    out: list[str] = []
    boxes: list[Box] = []
    label_ends = {m.end() for m in _LABEL_THEN_DIGIT.finditer(text)}
    for i, ch in enumerate(text):
        if i in label_ends or (
            i
            and ((ch.isupper() and text[i - 1].islower()) or (ch.isalnum() and text[i - 1] == ":"))
        ):
            out.append(" ")
            boxes.append(None)
        out.append(ch)
        boxes.append(chars[i] if i < len(chars) else None)
    return "".join(out), tuple(boxes)


def _fragment(item: Any, scale: float) -> Fragment:
    points, text, score = item[0], str(item[1]), float(item[2])
    words = item[3] if len(item) > 3 and item[3] else []
    box = _box(points, scale)
    text, chars = _spaced(text, [_box(word, scale) for word in words])
    text, chars = _split_joined(text, chars or _proportional(text, box))
    return text, box, score, chars


def _same_row(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    """Whether the vertical middle of either box lies within the other."""
    return a[1] <= b[1] + b[3] / 2 <= a[1] + a[3] or b[1] <= a[1] + a[3] / 2 <= b[1] + b[3]


def _right_of(box: Box, right: int) -> bool:
    """Whether a character's box lies right of *right* (not read twice by two overlapping
    detections); a space (no box) is kept."""
    return box is None or box[0] + box[2] / 2 > right


def _join(row: list[Fragment]) -> Fragment:
    row.sort(key=lambda f: f[1][0])
    pieces: list[str] = []
    chars: list[Box] = []
    right = -1
    for text, box, _, boxes in row:
        kept = [(ch, b) for ch, b in zip(text, boxes, strict=False) if _right_of(b, right)]
        if pieces:
            pieces.append(" ")
            chars.append(None)
        pieces.extend(ch for ch, _ in kept)
        chars.extend(b for _, b in kept)
        right = max(right, box[0] + box[2])
    text = "".join(pieces).strip()
    x0, y0 = min(f[1][0] for f in row), min(f[1][1] for f in row)
    x1 = max(f[1][0] + f[1][2] for f in row)
    y1 = max(f[1][1] + f[1][3] for f in row)
    return text, (x0, y0, x1 - x0, y1 - y0), min(f[2] for f in row), tuple(chars)


def _rows(fragments: list[Fragment]) -> list[Fragment]:
    """Fragments side by side on one row joined into one line, left to right (the detector
    cuts a line at wide gaps; a name and its date of birth belong together)."""
    rows: list[list[Fragment]] = []
    for fragment in sorted(fragments, key=lambda f: (f[1][1], f[1][0])):
        row = next((r for r in rows if _same_row(r[0][1], fragment[1])), None)
        if row is None:
            rows.append([fragment])
        else:
            row.append(fragment)
    return sorted((_join(row) for row in rows), key=lambda f: (f[1][1], f[1][0]))


def read_lines(rgb: Image.Image) -> list[Line]:
    """The lines of text in *rgb* (an RGB image), top to bottom, with offsets into
    :func:`joined` of them."""
    import numpy as np

    small, scale = _scaled(rgb)
    result, _ = _engine()(np.asarray(small)[:, :, ::-1], return_word_box=True)
    lines, offset = [], 0
    for text, box, score, chars in _rows([_fragment(item, scale) for item in result or []]):
        lines.append(Line(text=text, box=box, score=score, start=offset, chars=chars))
        offset += len(text) + 1
    return lines


def joined(lines: list[Line]) -> str:
    """The OCR text: one line per line of text read."""
    return "\n".join(line.text for line in lines)


def span_box(lines: list[Line], start: int, end: int) -> list[int] | None:
    """The box ``[x, y, w, h]`` covering characters ``start:end`` of the joined text."""
    boxes = [
        box
        for line in lines
        for box in line.chars[max(0, start - line.start) : max(0, end - line.start)]
        if box is not None
    ]
    if not boxes:
        return None
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    return [left, top, right - left, bottom - top]
