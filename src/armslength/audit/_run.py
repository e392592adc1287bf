"""The audit run: exports + roster → matches, advice, screening, actions, report files."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import yaml

from armslength._hashing import file_hash
from armslength._version import __version__
from armslength.config import Settings, load_settings
from armslength.errors import ArmslengthError, InputError
from armslength.exports import ExportResult, read_exports
from armslength.model import Account, Connection, Content, Match, Platform, ScreenResult, Severity
from armslength.policy import Policy, load_policy
from armslength.roster import Roster, load_roster
from armslength.roster.match import iter_matches

from . import _actions, _connections, _content, _write
from ._connections import INTERACTION_KIND, ConnectionDecision, Thresholds
from ._messages import own_content
from ._model import (
    Action,
    FindingCounts,
    InputRef,
    PlatformLimit,
    PlatformStats,
    ReportDocument,
    RosterStats,
    SeparationFinding,
    SkippedInput,
    Summary,
)
from ._separation import check_separation


class Reporter(Protocol):
    """Progress of a run, stage by stage (the CLI shows a bar per stage)."""

    def start(self, stage: str, total: int | None) -> None: ...
    def advance(self, amount: int = 1) -> None: ...


class _Silent:
    def start(self, stage: str, total: int | None) -> None:
        return None

    def advance(self, amount: int = 1) -> None:
        return None


@dataclass(frozen=True)
class AuditOptions:
    thresholds: Thresholds = field(default_factory=Thresholds)
    professional: frozenset[Platform] = frozenset()
    workers: int | None = None
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class AuditReport:
    document: ReportDocument
    out_dir: Path
    files: dict[str, Path]
    timings: dict[str, int] = field(default_factory=dict)
    """Milliseconds per stage, keyed ``ms_<stage>`` (for the audit log)."""

    @property
    def summary(self) -> Summary:
        return self.document.summary


@cache
def _hints() -> dict[str, str]:
    text = resources.files("armslength.audit").joinpath("data/limitations.yaml").read_text()
    hints: dict[str, str] = yaml.safe_load(text)
    return hints


def _read(
    paths: Sequence[Path], settings: Settings, advance: Callable[[int], None]
) -> tuple[list[ExportResult], list[SkippedInput]]:
    results: list[ExportResult] = []
    skipped: list[SkippedInput] = []
    for path in paths:
        try:
            results.extend(read_exports(path, limits=settings.exports))
        except ArmslengthError as exc:
            skipped.append(SkippedInput(path=str(path), reason=exc.detail))
        advance(1)
    for result in results:
        skipped += [SkippedInput(path=s.path, reason=s.reason) for s in result.skipped]
    return results, skipped


def _connection_key(c: Connection) -> tuple[str, ...]:
    return (c.platform.value, c.kind.value, c.name or "", c.handle or "", c.url or "")


def _content_key(c: Content) -> tuple[str, ...]:
    stamp = c.timestamp.isoformat() if c.timestamp else ""
    return (c.platform.value, stamp, c.kind.value, c.text)


def _match(
    connections: list[Connection], roster: Roster, advance: Callable[[int], None]
) -> list[Match | None]:
    decidable = [
        c for c in connections if INTERACTION_KIND[c.kind] is not None and (c.name or c.handle)
    ]
    found: dict[int, Match] = {}
    for connection, match in zip(decidable, iter_matches(decidable, roster, top=3), strict=True):
        found[id(connection)] = match
        advance(1)
    advance(len(connections) - len(decidable))
    return [found.get(id(c)) for c in connections]


def _platform_stats(
    decisions: list[ConnectionDecision],
    content: list[Content],
    screened: list[ScreenResult | None],
    results: list[ExportResult],
    thresholds: Thresholds,
) -> dict[str, PlatformStats]:
    stats: dict[str, PlatformStats] = defaultdict(PlatformStats)
    for result in results:
        stats[result.platform.value].layout = result.layout
    for d in decisions:
        entry = stats[d.connection.platform.value]
        entry.connections += 1
        best = d.match.candidates[0].score if d.match and d.match.candidates else 0.0
        entry.patients += best >= thresholds.patient
        entry.possible_patients += thresholds.review <= best < thresholds.patient
    for item, outcome in zip(content, screened, strict=True):
        entry = stats[item.platform.value]
        entry.content += 1
        entry.flagged += outcome is not None and outcome.risk != Severity.NONE
    return {k: stats[k] for k in sorted(stats)}


def _findings_summary(screened: list[ScreenResult | None]) -> FindingCounts:
    by_category: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    for result in screened:
        for finding in result.findings if result else []:
            by_category[str(finding.category)] += 1
            by_severity[str(finding.severity)] += 1
    return FindingCounts(
        by_category=dict(sorted(by_category.items())),
        by_severity=dict(sorted(by_severity.items())),
    )


def _guidance(policy: Policy, cited: set[str]) -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "body": s.body,
            "title": s.title,
            "year": s.year,
            "url": s.url,
            "verification": s.verification.value,
        }
        for s in sorted(policy.sources.values(), key=lambda s: s.id)
        if s.id in cited
    ]


def _limitations(results: list[ExportResult]) -> list[PlatformLimit]:
    limits = []
    for result in sorted(results, key=lambda r: r.platform.value):
        hint = _hints().get(result.platform.value)
        for text in result.limitations:
            limits.append(
                PlatformLimit(
                    platform=result.platform.value, limitation=f"{text} {hint}" if hint else text
                )
            )
    return limits


@dataclass
class _Run:
    """What the stages pass on: the inputs, then each stage's result."""

    paths: list[Path]
    roster_path: Path
    settings: Settings
    policy: Policy
    options: AuditOptions
    started: datetime
    results: list[ExportResult] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)
    patients: Roster | None = None
    connections: list[Connection] = field(default_factory=list)
    content: list[Content] = field(default_factory=list)
    received: int = 0
    matches: list[Match | None] = field(default_factory=list)
    decisions: list[ConnectionDecision] = field(default_factory=list)
    screened: list[ScreenResult | None] = field(default_factory=list)
    separation: list[SeparationFinding] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    document: ReportDocument | None = None

    @property
    def roster(self) -> Roster:
        assert self.patients is not None, "the roster stage runs first"
        return self.patients

    @cached_property
    def accounts(self) -> dict[str, Account]:
        """Which of the clinician's accounts each platform's export is."""
        pro = self.options.professional
        return {p.value: Account.PROFESSIONAL if p in pro else Account.PERSONAL for p in Platform}

    def account_of(self, connection: Connection) -> Account:
        return self.accounts[connection.platform.value]


Advance = Callable[[int], None]


def _stage_read(run: _Run, advance: Advance) -> None:
    run.results, run.skipped = _read(run.paths, run.settings, advance)
    if not run.results:
        raise InputError(
            "nothing could be audited: " + "; ".join(f"{s.path}: {s.reason}" for s in run.skipped)
        )
    run.connections = sorted((c for r in run.results for c in r.connections), key=_connection_key)
    own = sorted((c for r in run.results for c in r.content), key=_content_key)
    run.content, run.received = own_content(own)


def _stage_roster(run: _Run, advance: Advance) -> None:
    run.patients = load_roster(run.roster_path)
    run.skipped += [
        SkippedInput(path=f"{run.roster_path}:{s.line}", reason=s.reason)
        for s in run.patients.skipped
    ]


def _stage_match(run: _Run, advance: Advance) -> None:
    run.matches = _match(run.connections, run.roster, advance)


def _stage_advise(run: _Run, advance: Advance) -> None:
    run.decisions = _connections.decide_all(
        run.connections, run.matches, run.account_of, profile=run.settings.profile,
        policy=run.policy, thresholds=run.options.thresholds,
    )  # fmt: skip
    advance(len(run.connections))


def _stage_screen(run: _Run, advance: Advance) -> None:
    screen = run.settings.screen
    run.screened, problems = _content.screen_all(
        run.content, run.roster.patients, screen.allow_terms, advance, run.options.workers,
        disable=screen.disable,
    )  # fmt: skip
    run.skipped += [SkippedInput(path="(content)", reason=p) for p in problems]
    run.separation = check_separation(
        run.content, run.accounts, run.settings.profile.practice_name
    )


def _stage_plan(run: _Run, advance: Advance) -> None:
    run.actions = _actions.ordered(
        [_actions.connection_action(d) for d in run.decisions]
        + [_actions.content_action(c, r) for c, r in zip(run.content, run.screened, strict=True)]
        + [_actions.separation_action(f) for f in run.separation]
    )
    run.document = ReportDocument(
        summary=_summary(run),
        connections=[_connections.to_result(d) for d in run.decisions],
        content=[
            _content.to_result(c, r)
            for c, r in zip(run.content, run.screened, strict=True)
            if r is not None
        ],
        actions=run.actions,
        separation=run.separation,
        limitations=_limitations(run.results),
        skipped=run.skipped,
        guidance=_guidance(run.policy, _cited(run)),
    )


def _cited(run: _Run) -> set[str]:
    advised = {
        ref.id for d in run.decisions if d.advice for r in d.advice.reasons for ref in r.sources
    }
    return {s for a in run.actions for s in a.sources} | advised


def _summary(run: _Run) -> Summary:
    stats = _platform_stats(
        run.decisions, run.content, run.screened, run.results, run.options.thresholds
    )
    thresholds = run.options.thresholds
    return Summary(
        generated_at=run.started.isoformat().replace("+00:00", "Z"),
        armslength_version=__version__,
        policy_version=run.policy.version,
        profile={
            "role": run.settings.profile.role.value,
            "jurisdiction": run.settings.profile.jurisdiction.value,
        },
        inputs=[InputRef(name=p.name, sha256=file_hash(p)) for p in run.paths],
        roster=RosterStats(
            patients=len(run.roster),
            skipped_rows=len(run.roster.skipped),
            sha256=file_hash(run.roster_path),
        ),
        platforms=stats,
        connections=len(run.connections),
        patients_among_connections=sum(s.patients for s in stats.values()),
        possible_patients=sum(s.possible_patients for s in stats.values()),
        content=len(run.content),
        received_messages_not_screened=run.received,
        flagged_content=sum(s.flagged for s in stats.values()),
        findings=_findings_summary(run.screened),
        actions=len(run.actions),
        actions_by_type=dict(sorted(Counter(a.action.value for a in run.actions).items())),
        skipped=len(run.skipped),
        thresholds={"patient": thresholds.patient, "review": thresholds.review},
    )


@dataclass(frozen=True)
class Stage:
    """One named step of an audit: its timing key, the progress title and the work."""

    key: str
    title: str | None
    work: Callable[[_Run, Advance], None]
    total: Callable[[_Run], int | None] = lambda run: None


STAGES: tuple[Stage, ...] = (
    Stage("read", "Reading exports", _stage_read, lambda run: len(run.paths)),
    Stage("roster", "Loading roster", _stage_roster),
    Stage("match", "Matching connections", _stage_match, lambda run: len(run.connections)),
    Stage("advise", "Advising", _stage_advise, lambda run: len(run.connections)),
    Stage("screen", "Screening your content", _stage_screen, lambda run: len(run.content)),
    Stage("plan", None, _stage_plan),
)
"""The stages in order; the report files are written after them (stage ``write``)."""


def _timed(stage: Stage, run: _Run, reporter: Reporter, timings: dict[str, int]) -> None:
    if stage.title is not None:
        reporter.start(stage.title, stage.total(run))
    began = time.perf_counter()
    stage.work(run, reporter.advance)
    timings[f"ms_{stage.key}"] = round((time.perf_counter() - began) * 1000)


def run_audit(
    exports: Sequence[str | Path],
    roster: str | Path,
    out_dir: str | Path,
    *,
    settings: Settings | None = None,
    policy: Policy | None = None,
    options: AuditOptions | None = None,
    reporter: Reporter | None = None,
) -> AuditReport:
    """Audit downloaded archives against a patient roster and write the report files.

    The work runs as the named :data:`STAGES`; the report carries each one's duration in
    milliseconds (``timings``). Raises :class:`InputError` when no export could be read.
    """
    options = options or AuditOptions()
    run = _Run(
        paths=[Path(p) for p in exports], roster_path=Path(roster),
        settings=settings or load_settings(), policy=policy or load_policy(), options=options,
        started=options.now(),
    )  # fmt: skip
    reporter = reporter or _Silent()
    timings: dict[str, int] = {}
    for stage in STAGES:
        _timed(stage, run, reporter, timings)
    assert run.document is not None, "the plan stage builds the document"
    write = Stage("write", "Writing the report", lambda run, advance: None)
    reporter.start(str(write.title), None)
    began = time.perf_counter()
    files = _write.write_all(run.document, Path(out_dir))
    timings["ms_write"] = round((time.perf_counter() - began) * 1000)
    return AuditReport(document=run.document, out_dir=Path(out_dir), files=files, timings=timings)
