"""The audit run: exports + roster → matches, advice, screening, actions, report files."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
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
    PlatformLimit,
    PlatformStats,
    ReportDocument,
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

    @property
    def summary(self) -> Summary:
        return self.document.summary


@cache
def _hints() -> dict[str, str]:
    text = resources.files("armslength.audit").joinpath("data/limitations.yaml").read_text()
    hints: dict[str, str] = yaml.safe_load(text)
    return hints


def _read(
    paths: Sequence[Path], settings: Settings, reporter: Reporter
) -> tuple[list[ExportResult], list[SkippedInput]]:
    reporter.start("Reading exports", len(paths))
    results: list[ExportResult] = []
    skipped: list[SkippedInput] = []
    for path in paths:
        try:
            results.extend(read_exports(path, limits=settings.exports))
        except ArmslengthError as exc:
            skipped.append(SkippedInput(path=str(path), reason=exc.detail))
        reporter.advance()
    for result in results:
        skipped += [SkippedInput(path=s.path, reason=s.reason) for s in result.skipped]
    return results, skipped


def _connection_key(c: Connection) -> tuple[str, ...]:
    return (c.platform.value, c.kind.value, c.name or "", c.handle or "", c.url or "")


def _content_key(c: Content) -> tuple[str, ...]:
    stamp = c.timestamp.isoformat() if c.timestamp else ""
    return (c.platform.value, stamp, c.kind.value, c.text)


def _match(connections: list[Connection], roster: Roster, reporter: Reporter) -> list[Match | None]:
    reporter.start("Matching connections", len(connections))
    decidable = [
        c for c in connections if INTERACTION_KIND[c.kind] is not None and (c.name or c.handle)
    ]
    found: dict[int, Match] = {}
    for connection, match in zip(decidable, iter_matches(decidable, roster, top=3), strict=True):
        found[id(connection)] = match
        reporter.advance()
    reporter.advance(len(connections) - len(decidable))
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


def _findings_summary(screened: list[ScreenResult | None]) -> dict[str, dict[str, int]]:
    by_category: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    for result in screened:
        for finding in result.findings if result else []:
            by_category[str(finding.category)] += 1
            by_severity[str(finding.severity)] += 1
    return {
        "by_category": dict(sorted(by_category.items())),
        "by_severity": dict(sorted(by_severity.items())),
    }


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

    Raises :class:`InputError` when nothing could be audited (no export readable).
    """
    settings = settings or load_settings()
    policy = policy or load_policy()
    options = options or AuditOptions()
    reporter = reporter or _Silent()
    paths = [Path(p) for p in exports]
    started = options.now()
    results, skipped = _read(paths, settings, reporter)
    if not results:
        raise InputError(
            "nothing could be audited: " + "; ".join(f"{s.path}: {s.reason}" for s in skipped)
        )
    reporter.start("Loading roster", None)
    patients = load_roster(roster)
    skipped += [SkippedInput(path=f"{roster}:{s.line}", reason=s.reason) for s in patients.skipped]
    account_of = {
        p.value: Account.PROFESSIONAL if p in options.professional else Account.PERSONAL
        for p in Platform
    }
    connections = sorted((c for r in results for c in r.connections), key=_connection_key)
    content, received = own_content(
        sorted((c for r in results for c in r.content), key=_content_key)
    )
    matches = _match(connections, patients, reporter)
    reporter.start("Advising", len(connections))
    decisions = _connections.decide_all(
        connections,
        matches,
        lambda c: account_of[c.platform.value],
        profile=settings.profile,
        policy=policy,
        thresholds=options.thresholds,
    )
    reporter.advance(len(connections))
    reporter.start("Screening your content", len(content))
    screened, problems = _content.screen_all(
        content, patients.patients, settings.screen.allow_terms, reporter.advance, options.workers
    )
    skipped += [SkippedInput(path="(content)", reason=p) for p in problems]
    separation: list[SeparationFinding] = check_separation(
        content, account_of, settings.profile.practice_name
    )
    actions = _actions.ordered(
        [_actions.connection_action(d) for d in decisions]
        + [_actions.content_action(c, r) for c, r in zip(content, screened, strict=True)]
        + [_actions.separation_action(f) for f in separation]
    )
    cited = {s for a in actions for s in a.sources} | {
        ref.id for d in decisions if d.advice for r in d.advice.reasons for ref in r.sources
    }
    stats = _platform_stats(decisions, content, screened, results, options.thresholds)
    summary: dict[str, Any] = {
        "generated_at": started.isoformat().replace("+00:00", "Z"),
        "armslength_version": __version__,
        "policy_version": policy.version,
        "profile": {
            "role": settings.profile.role.value,
            "jurisdiction": settings.profile.jurisdiction.value,
        },
        "inputs": [{"name": p.name, "sha256": file_hash(p)} for p in paths],
        "roster": {
            "patients": len(patients),
            "skipped_rows": len(patients.skipped),
            "sha256": file_hash(Path(roster)),
        },
        "platforms": stats,
        "connections": len(connections),
        "patients_among_connections": sum(s.patients for s in stats.values()),
        "possible_patients": sum(s.possible_patients for s in stats.values()),
        "content": len(content),
        "received_messages_not_screened": received,
        "flagged_content": sum(s.flagged for s in stats.values()),
        "findings": _findings_summary(screened),
        "actions": len(actions),
        "actions_by_type": dict(sorted(Counter(a.action.value for a in actions).items())),
        "skipped": len(skipped),
        "thresholds": {"patient": options.thresholds.patient, "review": options.thresholds.review},
    }
    document = ReportDocument(
        summary=Summary.model_validate(summary),
        connections=[_connections.to_result(d) for d in decisions],
        content=[
            _content.to_result(c, r)
            for c, r in zip(content, screened, strict=True)
            if r is not None
        ],
        actions=actions,
        separation=separation,
        limitations=_limitations(results),
        skipped=skipped,
        guidance=_guidance(policy, cited),
    )
    reporter.start("Writing the report", None)
    files = _write.write_all(document, Path(out_dir))
    return AuditReport(document=document, out_dir=Path(out_dir), files=files)
