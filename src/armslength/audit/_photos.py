"""Stage ``photos``: the images of the holder's own posts, screened within a time budget.

Each photo is decoded under the pixel limit (a decompression bomb, a damaged or truncated file
becomes a skipped row naming the member, and the audit goes on), screened like ``armslength
screen PHOTO`` (metadata, OCR text, faces), and gets a small thumbnail blurred where its
findings are. When the budget is spent, the photos left are listed as not screened, never
dropped. The photos package (Pillow, RapidOCR, OpenCV) is imported only when this stage runs.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from armslength.config import ExportLimits, ScreenSettings
from armslength.errors import ArmslengthError
from armslength.model import Finding, Patient, Severity

from . import _actions
from ._content import visibility_weight
from ._model import Action, ContentResult, PhotoMark, PhotoRef, PhotoStats, SkippedInput
from ._runner import Advance

if TYPE_CHECKING:
    from armslength.exports._photos import PhotoMember
    from armslength.photos import PhotoResult
    from armslength.screen import Screener

DEFAULT_BUDGET = 300.0
"""Seconds the audit spends on photos by default (``--photo-budget``)."""
NOT_SCREENED = "photo not screened: time budget spent (--photo-budget)"
KIND = "photo"
NO_EXTRA = (
    "photos not screened: the photos extra is not installed (pip install 'armslength[photos]')"
)


@dataclass(frozen=True)
class PhotoOptions:
    """Whether to screen the exports' photos, and for how long (seconds of wall time)."""

    enabled: bool = True
    budget: float = DEFAULT_BUDGET


@dataclass(frozen=True)
class ScreenedPhoto:
    """One photo's result in the report's shape, with its blurred thumbnail (a data: URI)."""

    content: ContentResult
    thumbnail: str


@dataclass(frozen=True)
class PhotoScreening:
    """What the stage came to: results, rows for the skipped list, counts."""

    photos: list[ScreenedPhoto] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)
    stats: PhotoStats = field(default_factory=PhotoStats)

    @property
    def thumbnails(self) -> dict[str, str]:
        """Thumbnail data URIs by member (for the HTML report only)."""
        return {p.content.photo.member: p.thumbnail for p in self.photos if p.content.photo}


def count_photos(paths: Sequence[Path], limits: ExportLimits) -> int:
    """Members in the exports' own-content photo folders (the progress bar's total)."""
    from armslength.exports._photos import count_photo_candidates

    total = 0
    for path in paths:
        try:
            total += count_photo_candidates([path], limits)
        except (ArmslengthError, OSError):
            continue
    return total


class _Run:
    """One stage run: the screener, the clock, and what has been found so far."""

    def __init__(self, screener: Screener, budget: float, clock: Callable[[], float]) -> None:
        self.screener = screener
        self.budget = budget
        self.clock = clock
        self.began = clock()
        self.photos: list[ScreenedPhoto] = []
        self.skipped: list[SkippedInput] = []
        self.found = self.errors = self.late = 0

    def spent(self) -> bool:
        return self.clock() - self.began >= self.budget

    def take(self, member: PhotoMember) -> None:
        self.found += 1
        if self.spent():
            self.late += 1
            self.skipped.append(SkippedInput(path=member.path, reason=NOT_SCREENED))
            return
        try:
            self.photos.append(self._screen(member))
        except ArmslengthError as exc:
            self.errors += 1
            self.skipped.append(SkippedInput(path=member.path, reason=f"photo: {exc.detail}"))

    def _screen(self, member: PhotoMember) -> ScreenedPhoto:
        from armslength.photos import open_photo, screen_decoded
        from armslength.photos.thumbnail import data_uri, thumbnail

        photo = open_photo(member.read(), member.path)
        result = screen_decoded(photo, self.screener)
        boxes = [f.box for f in result.findings if f.box is not None]
        preview = data_uri(thumbnail(photo.work.image, boxes, full=photo.size))
        return ScreenedPhoto(to_result(member, result), preview)

    def outcome(self, budget: float) -> PhotoScreening:
        flagged = sum(p.content.risk != Severity.NONE.value for p in self.photos)
        stats = PhotoStats(
            found=self.found, screened=len(self.photos), flagged=flagged, errors=self.errors,
            not_screened=self.late, budget_seconds=budget,
        )  # fmt: skip
        return PhotoScreening(self.photos, self.skipped, stats)


def to_result(member: PhotoMember, result: PhotoResult) -> ContentResult:
    """A photo's result as flagged content: findings, and where each one is."""
    marks = [PhotoMark(source=f.source.value, box=f.box, field=f.field) for f in result.findings]
    info = result.photo
    ref = PhotoRef(
        member=member.path, type=info.type, width=info.width, height=info.height,
        faces=info.faces, marks=marks,
    )  # fmt: skip
    return ContentResult(
        platform=member.platform.value,
        kind=KIND,
        timestamp=None,
        risk=result.risk.value,
        findings=[_plain(f) for f in result.findings],
        photo=ref,
    )


def _plain(finding: Finding) -> Finding:
    """The text-screen fields of a photo finding (its box and source go into the marks)."""
    return Finding(**finding.model_dump(include=set(Finding.model_fields)))


def photo_stage(
    paths: Sequence[Path],
    limits: ExportLimits,
    patients: Sequence[Patient],
    screen: ScreenSettings,
    options: PhotoOptions,
    advance: Advance,
    clock: Callable[[], float] = time.monotonic,
) -> PhotoScreening:
    """Screen the photos of the exports' own-content folders (see the module's docstring)."""
    if not options.enabled:
        return PhotoScreening(stats=PhotoStats(skipped_by_option=True))
    if importlib.util.find_spec("PIL") is None:  # pragma: no cover - the photos extra is missing
        missing = SkippedInput(path="(photos)", reason=NO_EXTRA)
        return PhotoScreening(skipped=[missing], stats=PhotoStats(budget_seconds=options.budget))
    from armslength.exports._photos import PhotoMember as Member
    from armslength.exports._photos import iter_photos
    from armslength.photos import sniff
    from armslength.screen import Screener

    screener = Screener(roster=patients or None, allow_terms=screen.allow_terms,
                        disable=screen.disable)  # fmt: skip
    run = _Run(screener, options.budget, clock)
    for path in paths:
        try:
            for item in iter_photos([path], limits, sniff):
                if isinstance(item, Member):
                    run.take(item)
                else:
                    run.skipped.append(SkippedInput(path=item.path, reason=item.reason))
                advance(1)
        except (ArmslengthError, OSError) as exc:
            run.skipped.append(SkippedInput(path=str(path), reason=f"photos not read: {exc}"))
    return run.outcome(options.budget)


def photo_actions(
    photos: Iterable[ScreenedPhoto], sources: dict[str, list[str]] | None = None
) -> list[Action]:
    """A delete or edit action for each photo at medium risk or above."""
    actions = []
    for photo in photos:
        item = photo.content
        risk = Severity(item.risk)
        if risk not in _actions.CONTENT_VERB or not item.findings or item.photo is None:
            continue
        top = max(item.findings, key=lambda f: (Severity(f.severity).rank, f.score))
        name = item.photo.member.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
        actions.append(
            Action(
                rank=0,
                priority=risk.rank * 10 * visibility_weight(None),
                action=_actions.CONTENT_VERB[risk],
                platform=item.platform,
                target=f"photo {name}",
                reason=top.why,
                rule=top.rule,
                sources=(sources or _actions.CATEGORY_SOURCES).get(str(top.category), []),
                detail=f"{len(item.findings)} finding(s); blur or remove it (armslength screen "
                "PHOTO --redact writes a blurred copy)",
            )
        )
    return actions
