"""The audit's analysis stages, each a function from typed inputs to a typed result.

read exports → load roster → match connections → advise → screen content; the report document
is built from their results (:mod:`._document`) and written (:mod:`._write`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from armslength.config import ExportLimits, Settings
from armslength.errors import ArmslengthError, InputError
from armslength.exports import ExportResult, read_exports
from armslength.model import Account, Connection, Content, Match, Platform, ScreenResult
from armslength.policy import Policy
from armslength.roster import Roster, load_roster
from armslength.roster.match import match as match_accounts

from . import _connections, _content
from ._accounts import distinct_accounts
from ._connections import ConnectionDecision, Thresholds
from ._messages import own_content
from ._model import SeparationFinding, SkippedInput
from ._photos import PhotoScreening
from ._runner import Advance
from ._separation import check_separation


@dataclass(frozen=True)
class AuditInputs:
    """What one run works on, defaults filled in."""

    exports: tuple[Path, ...]
    roster: Path | None
    """None: no roster was given (everything but patient matching runs)."""
    settings: Settings
    policy: Policy
    thresholds: Thresholds
    professional: frozenset[Platform]
    workers: int | None
    started: datetime

    def accounts(self) -> dict[str, Account]:
        """Which of the clinician's accounts each platform's export is."""
        pro = self.professional
        return {p.value: Account.PROFESSIONAL if p in pro else Account.PERSONAL for p in Platform}


@dataclass(frozen=True)
class ExportsRead:
    """Stage ``read``: the readable exports, their connections and the holder's own content."""

    results: list[ExportResult]
    connections: list[Connection]
    content: list[Content]
    received: int
    """Messages the holder received: counted, never screened."""
    skipped: list[SkippedInput]


@dataclass(frozen=True)
class RosterRead:
    """Stage ``roster``: the patients, and the roster rows that could not be read."""

    roster: Roster
    skipped: list[SkippedInput]


@dataclass(frozen=True)
class Screening:
    """Stage ``screen``: one result per content item (``None``: it could not be screened)."""

    screened: list[ScreenResult | None]
    separation: list[SeparationFinding]
    skipped: list[SkippedInput]


@dataclass(frozen=True)
class Analysis:
    """Everything the report is built from."""

    exports: ExportsRead
    roster: RosterRead
    decisions: list[ConnectionDecision]
    screening: Screening
    reviews_applied: dict[str, int] = field(default_factory=dict)
    """How many connections the clinician's review decisions changed, by decision."""
    photos: PhotoScreening = field(default_factory=PhotoScreening)
    """Stage ``photos``: the exports' own photos, screened (empty with ``--no-photos``)."""


def _connection_key(c: Connection) -> tuple[str, ...]:
    return (c.platform.value, c.kind.value, c.name or "", c.handle or "", c.url or "")


def _content_key(c: Content) -> tuple[str, ...]:
    stamp = c.timestamp.isoformat() if c.timestamp else ""
    return (c.platform.value, stamp, c.kind.value, c.text)


def _read_each(
    paths: Sequence[Path], limits: ExportLimits, advance: Advance
) -> tuple[list[ExportResult], list[SkippedInput]]:
    results: list[ExportResult] = []
    skipped: list[SkippedInput] = []
    for path in paths:
        try:
            results.extend(read_exports(path, limits=limits))
        except ArmslengthError as exc:
            skipped.append(SkippedInput(path=str(path), reason=exc.detail))
        advance(1)
    for result in results:
        skipped += [SkippedInput(path=s.path, reason=s.reason) for s in result.skipped]
    return results, skipped


def read_stage(paths: Sequence[Path], limits: ExportLimits, advance: Advance) -> ExportsRead:
    """Read every export; :class:`InputError` when none could be read."""
    results, skipped = _read_each(paths, limits, advance)
    if not results:
        raise InputError(
            "nothing could be audited: " + "; ".join(f"{s.path}: {s.reason}" for s in skipped)
        )
    connections = sorted((c for r in results for c in r.connections), key=_connection_key)
    own = sorted((c for r in results for c in r.content), key=_content_key)
    content, received = own_content(own)
    return ExportsRead(results, connections, content, received, skipped)


def roster_stage(path: Path | None) -> RosterRead:
    """The roster's patients; none without a roster."""
    if path is None:
        return RosterRead(Roster(), [])
    roster = load_roster(path)
    skipped = [SkippedInput(path=f"{path}:{s.line}", reason=s.reason) for s in roster.skipped]
    return RosterRead(roster, skipped)


def match_stage(
    connections: Sequence[Connection],
    roster: Roster,
    advance: Advance,
    alone: Callable[[Connection], bool] = lambda c: False,
) -> list[Match | None]:
    """The best roster candidates of each connection that has a name or handle, of every
    kind: past connections (removed friends, declined requests) too.

    Each platform's distinct accounts are scored together, under the rule that a patient
    has at most one of them (``match(..., one_account_each=True)``): two accounts that both
    look like one patient share that patient's probability. An account filling several rows
    (friend and follower) is scored once and each row gets its result; accounts of different
    platforms are never weighed against each other (a patient may have one on each).
    Accounts with a row for which *alone* is true are scored alone and claim no patient
    from the others (the clinician rejected a patient for them)."""
    decidable = [c for c in connections if c.name or c.handle] if len(roster) else []
    found: dict[int, Match] = {}
    for accounts in distinct_accounts(decidable).values():
        apart = [any(alone(row) for row in a.rows) for a in accounts]
        for joint in (True, False):
            batch = [a for a, by_itself in zip(accounts, apart, strict=True) if by_itself != joint]
            infos = [a.info() for a in batch]
            results = match_accounts(infos, roster, top=3, one_account_each=joint)
            for account, result in zip(batch, results, strict=True):
                found.update((id(row), _named(result, row)) for row in account.rows)
                advance(len(account.rows))
    advance(len(connections) - len(found))
    return [found.get(id(c)) for c in connections]


def _named(result: Match, row: Connection) -> Match:
    """The account's result under the name this row shows."""
    name = row.name or row.handle or ""
    return result if result.name == name else result.model_copy(update={"name": name})


def advise_stage(
    connections: Sequence[Connection],
    matches: Sequence[Match | None],
    inputs: AuditInputs,
    advance: Advance,
) -> list[ConnectionDecision]:
    """The advice on each connection, given its match."""
    accounts = inputs.accounts()
    profile, policy, thresholds = inputs.settings.profile, inputs.policy, inputs.thresholds
    decisions = []
    for connection, match in zip(connections, matches, strict=True):
        account = accounts[connection.platform.value]
        decisions.append(
            _connections.decide(
                connection,
                match,
                account,
                profile=profile,
                policy=policy,
                thresholds=thresholds,
                roster_given=inputs.roster is not None,
            )
        )
        advance(1)
    return decisions


def screen_stage(
    content: Sequence[Content], roster: Roster, inputs: AuditInputs, advance: Advance
) -> Screening:
    """Screen the holder's content (roster names as known names), check account separation."""
    screen = inputs.settings.screen
    screened, problems = _content.screen_all(
        content, roster.patients, screen.allow_terms, advance, inputs.workers,
        disable=screen.disable,
    )  # fmt: skip
    separation = check_separation(content, inputs.accounts(), inputs.settings.profile.practice_name)
    skipped = [SkippedInput(path="(content)", reason=p) for p in problems]
    return Screening(screened, separation, skipped)
