"""The audit run: exports + roster → matches, advice, screening, actions, report files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from armslength.config import Settings, load_settings
from armslength.model import Connection, Match, Platform
from armslength.policy import Policy, load_policy
from armslength.roster import Roster

from . import _write
from ._connections import Thresholds
from ._document import plan_stage
from ._history import REJECTED, ReviewBook, apply_reviews, remember
from ._model import ReportDocument, Summary
from ._photos import PhotoOptions, PhotoScreening, count_photos, photo_stage
from ._runner import Advance, Reporter, Stage, StageRunner
from ._stages import (
    Analysis,
    AuditInputs,
    RosterRead,
    advise_stage,
    match_stage,
    read_stage,
    roster_stage,
    screen_stage,
)

__all__ = ["STAGES", "AuditOptions", "AuditReport", "Reporter", "run_audit"]

READ = Stage("read", "Reading exports")
ROSTER = Stage("roster", "Loading roster")
MATCH = Stage("match", "Matching connections")
ADVISE = Stage("advise", "Advising")
SCREEN = Stage("screen", "Screening your content")
PHOTOS = Stage("photos", "Screening your photos")
PLAN = Stage("plan", "Planning the actions")
WRITE = Stage("write", "Writing the report")

STAGES: tuple[Stage, ...] = (READ, ROSTER, MATCH, ADVISE, SCREEN, PHOTOS, PLAN, WRITE)
"""The stages of a run, in order; ``AuditReport.timings`` has ``ms_<key>`` for each."""


@dataclass(frozen=True)
class AuditOptions:
    thresholds: Thresholds = field(default_factory=Thresholds)
    professional: frozenset[Platform] = frozenset()
    workers: int | None = None
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    book: ReviewBook | None = None
    """Review decisions to apply and the previous audits to compare with (keyed hashes)."""
    photos: PhotoOptions = field(default_factory=PhotoOptions)
    """Whether to screen the exports' photos, and the time budget (seconds)."""


@dataclass(frozen=True)
class AuditReport:
    document: ReportDocument
    out_dir: Path
    files: dict[str, Path]
    timings: dict[str, int] = field(default_factory=dict)
    """Milliseconds per stage, keyed ``ms_<stage>`` (see :data:`STAGES`), for the audit log."""
    digests: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per platform, keyed hashes of this audit's connections, flagged content and actions:
    what the next audit compares itself with (empty without a review book)."""

    @property
    def summary(self) -> Summary:
        return self.document.summary


def _reviewed(
    connections: Sequence[Connection], roster: Roster, book: ReviewBook | None, advance: Advance
) -> tuple[list[Match | None], dict[str, int]]:
    """The roster's candidates for each connection, the clinician's decisions applied.

    An account the clinician rejected a patient for is scored alone: it no longer takes a
    share of that patient from the other accounts of its platform."""
    if book is None or not len(roster):
        return match_stage(connections, roster, advance), {}
    rejecting = {account for (account, _), d in book.decisions.items() if d == REJECTED}
    matches = match_stage(
        connections, roster, advance, lambda c: book.connection_key(c) in rejecting
    )
    return apply_reviews(connections, matches, book, roster.ids)


def _photos(
    inputs: AuditInputs, roster: RosterRead, options: PhotoOptions, runner: StageRunner
) -> PhotoScreening:
    paths, limits = inputs.exports, inputs.settings.exports
    total = count_photos(paths, limits) if options.enabled else 0
    screen = inputs.settings.screen
    patients = roster.roster.patients
    return runner.run(
        PHOTOS, lambda a: photo_stage(paths, limits, patients, screen, options, a), total
    )


def _analyse(
    inputs: AuditInputs, runner: StageRunner, book: ReviewBook | None, photos: PhotoOptions
) -> Analysis:
    paths = inputs.exports
    read = runner.run(READ, lambda a: read_stage(paths, inputs.settings.exports, a), len(paths))
    roster = runner.run(ROSTER, lambda a: roster_stage(inputs.roster))
    connections, patients, count = read.connections, roster.roster, len(read.connections)
    matches, applied = runner.run(MATCH, lambda a: _reviewed(connections, patients, book, a), count)
    decisions = runner.run(ADVISE, lambda a: advise_stage(connections, matches, inputs, a), count)
    screening = runner.run(
        SCREEN, lambda a: screen_stage(read.content, patients, inputs, a), len(read.content)
    )
    screened_photos = _photos(inputs, roster, photos, runner)
    return Analysis(read, roster, decisions, screening, applied, screened_photos)


def run_audit(
    exports: Sequence[str | Path],
    roster: str | Path | None,
    out_dir: str | Path,
    *,
    settings: Settings | None = None,
    policy: Policy | None = None,
    options: AuditOptions | None = None,
    reporter: Reporter | None = None,
) -> AuditReport:
    """Audit downloaded archives against a patient roster and write the report files.

    Without a roster (*roster* None) everything but patient matching runs: the content
    screen, the account-separation check and what each connection kind means; the report
    says that no roster was given. With ``options.book`` the clinician's review decisions are
    applied (a rejected pair stays quiet, a confirmed one is a patient) and the report says
    what is new since the previous audit of each platform (``AuditReport.digests`` is what
    to keep for the next one).

    The work runs as the named :data:`STAGES`, each reported to *reporter* as it starts; the
    report carries each one's duration in milliseconds (``timings``). Raises
    :class:`~armslength.errors.InputError` when no export could be read.
    """
    options = options or AuditOptions()
    inputs = AuditInputs(
        exports=tuple(Path(p) for p in exports), roster=None if roster is None else Path(roster),
        settings=settings or load_settings(), policy=policy or load_policy(),
        thresholds=options.thresholds, professional=options.professional,
        workers=options.workers, started=options.now(),
    )  # fmt: skip
    runner = StageRunner(reporter)
    book = options.book
    analysis = _analyse(inputs, runner, book, options.photos)
    document = runner.run(PLAN, lambda a: plan_stage(inputs, analysis))
    digests = remember(document, book) if book is not None else {}
    out = Path(out_dir)
    thumbnails = analysis.photos.thumbnails
    files = runner.run(WRITE, lambda a: _write.write_all(document, out, thumbnails))
    return AuditReport(document, out, files, runner.timings, digests)
