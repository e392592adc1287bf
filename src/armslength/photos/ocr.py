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

    from armslength.photos._open import Photo, View

Box = tuple[int, int, int, int] | None

DET_PIXELS = 960 * 720
"""Text is looked for on a copy of the photo with at most this many pixels (960 x 720 for a
4:3 photo): the detector's time grows with the pixels it reads (0.4 CPU-s here, 1.2 at 1,600 x
1,200). Each line it finds is then read from the photo as decoded (up to full size)."""
THREADS = 1
"""ONNX Runtime threads: one thread spends about half the CPU time of one per core (no spinning
workers), which matters more on a shared machine than the wall time it adds."""
REC_HEIGHT = 48
"""The recogniser's input height: a taller crop is shrunk to it by area averaging first (its
own bilinear resize would alias a large line of text)."""


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

    return RapidOCR(
        intra_op_num_threads=THREADS,
        inter_op_num_threads=THREADS,
        det_limit_type="max",  # the copy is already small: no upscaling to 736 pixels
        det_limit_side_len=100_000,
        rec_batch_num=1,  # a batch pads every line to the widest one's width
    )


def _box(points: Any, view: View) -> tuple[int, int, int, int]:
    """The box ``(x, y, w, h)`` around *points* of *view*, in pixels of the full-size photo."""
    xs = [float(p[0]) / view.sx for p in points]
    ys = [float(p[1]) / view.sy for p in points]
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
_MISREAD_LABEL = re.compile(
    r"\b(?:"
    + "|".join(label.replace("O", "[O0]") for label in LABELS if "O" in label)
    + r")(?![A-Za-z])"
)
"""A label read with a zero for its O ("D0B"), which would otherwise run into the name."""


def _relabel(text: str) -> str:
    """*text* with the labels read with a zero for their O spelt right (the same length, so
    the character boxes still fit)."""
    return _MISREAD_LABEL.sub(lambda m: m.group().replace("0", "O"), text)


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


def _fragment(item: Any, view: View) -> Fragment:
    points, text, score = item[0], str(item[1]), float(item[2])
    words = item[3] if len(item) > 3 and item[3] else []
    box = _box(points, view)
    text, chars = _spaced(text, [_box(word, view) for word in words])
    text, chars = _split_joined(_relabel(text), chars or _proportional(text, box))
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


def _crop(image: Image.Image, quad: Any) -> Any:
    """The text line inside *quad* (pixels of *image*), straightened, as a BGR array: only
    the line's bounding rectangle is converted, never the whole photo."""
    import numpy as np

    left, top = (max(0, int(v)) for v in quad.min(axis=0))
    right = min(image.width, int(quad[:, 0].max()) + 1)
    bottom = min(image.height, int(quad[:, 1].max()) + 1)
    region = np.asarray(image.crop((left, top, right, bottom)))[:, :, ::-1]
    local = (quad - np.array([left, top], dtype=np.float32)).astype(np.float32)
    return _engine().get_crop_img_list(np.ascontiguousarray(region), [local])[0]


def _fit(crop: Any) -> Any:
    """*crop* shrunk by area averaging to the recogniser's height when much taller."""
    import cv2

    height, width = crop.shape[:2]
    if height <= REC_HEIGHT:
        return crop
    size = (max(1, round(width * REC_HEIGHT / height)), REC_HEIGHT)
    return cv2.resize(crop, size, interpolation=cv2.INTER_AREA)


def _detect(view: View, work: View) -> list[Any]:
    """The text lines' quadrilaterals found on *view*, in pixels of *work*."""
    import numpy as np

    quads, _ = _engine().text_det(np.asarray(view.image)[:, :, ::-1])
    if quads is None or len(quads) == 0:
        return []
    stretch = np.array([work.sx / view.sx, work.sy / view.sy], dtype=np.float32)
    return [(np.asarray(quad, dtype=np.float32) * stretch).astype(np.float32) for quad in quads]


def _recognise(work: View, quads: list[Any]) -> list[tuple[Any, str, float, Any]]:
    """Read each line in *quads* from *work*: ``(points, text, score, word boxes)`` in pixels
    of *work*, for lines read with the OCR's usual confidence."""
    engine = _engine()
    crops = [_crop(work.image, quad) for quad in quads]
    turned, _, _ = engine.text_cls([_fit(crop) for crop in crops])
    read, _ = engine.text_rec(turned, True)
    read = engine.cal_rec_boxes(crops, quads, read)  # sizes of the unshrunk crops: work pixels
    return [
        (quad, str(text), float(score), words)
        for quad, (text, score, words, *_) in zip(quads, read, strict=True)
        if float(score) >= engine.text_score
    ]


def read_lines(photo: Photo) -> list[Line]:
    """The lines of text in *photo*, top to bottom, with offsets into :func:`joined` of them
    and boxes in pixels of the full-size upright photo.

    Text is found on a small copy (:data:`DET_PIXELS`) and read from the photo as decoded;
    when nothing is found, nothing is read."""
    work = photo.work
    quads = _detect(photo.view(DET_PIXELS), work)
    items = _recognise(work, quads) if quads else []
    lines, offset = [], 0
    for text, box, score, chars in _rows([_fragment(item, work) for item in items]):
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
