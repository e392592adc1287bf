"""The work behind every face: call the library, record the event, return typed results."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from armslength.config import Settings
from armslength.model import Advice, ContentKind, Finding, Match, ScreenResult, Severity
from armslength.service._log import Caller, EventLog, OneShotLog, StoreLog
from armslength.service._requests import AdviseRequest
from armslength.service._reviews import ReviewOutcome, ReviewRequest

if TYPE_CHECKING:
    from armslength.audit import AuditOptions, AuditReport, ReportDocument, Reporter, ReviewBook
    from armslength.photos import PhotoResult
    from armslength.policy import Policy
    from armslength.roster import Roster
    from armslength.roster.match import AccountInfo
    from armslength.screen.engine import Screener
    from armslength.screen.redact import RedactStyle
    from armslength.store import Event, Store, StoredEvent

T = TypeVar("T")


@dataclass(frozen=True)
class Recorded(Generic[T]):
    """A result and, when its event could not be recorded, the one-line warning why."""

    value: T
    warning: str | None = None

    @property
    def recorded(self) -> bool:
        return self.warning is None


@dataclass(frozen=True)
class ScreenItem:
    """One text of a batch: its id, text and kind (None = the batch's kind)."""

    text: str
    id: str | None = None
    kind: ContentKind | None = None


@dataclass
class LineTally:
    """What a JSONL batch came to: lines screened, lines that failed, the highest risk each."""

    screened: int = 0
    failed: int = 0
    risks: list[Severity] = field(default_factory=list)


@dataclass(frozen=True)
class EventQuery:
    """Which events to list: type, time window, actor, page, size."""

    type: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    actor: str | None = None
    before_id: int | None = None
    limit: int = 100


@dataclass(frozen=True)
class Core:
    """One application core: settings (with the organisation policy), a log, a caller."""

    settings: Settings
    caller: Caller
    log: EventLog
    store: Store | None = None

    @classmethod
    def for_cli(cls, settings: Settings) -> Core:
        """The command line's core: the OS user, a log opened per command."""
        return cls(settings, Caller.cli(), OneShotLog(settings_url=settings.database_url))

    @classmethod
    def for_server(cls, settings: Settings, store: Store) -> Core:
        """The server's core: one open store; each request sets its caller."""
        return cls(settings, Caller("server", "api"), StoreLog(store), store)

    def as_caller(self, actor: str, source: str) -> Core:
        """This core acting for *actor* through the face *source* (``api``, ``web``)."""
        return replace(self, caller=Caller(actor, source))

    # -- advise -----------------------------------------------------------------------------

    @cached_property
    def policy(self) -> Policy:
        """The rulebook with the organisation's override file from the settings, if any."""
        from armslength.policy import load_policy

        return load_policy(self.settings.policy)

    def advise(self, request: AdviseRequest) -> Recorded[Advice]:
        from armslength.advise import advise
        from armslength.store.adapters import advice_event

        interaction = request.interaction(self.settings.profile)
        advice = advise(
            interaction, policy=self.policy, profile=request.profile(self.settings.profile)
        )
        event = advice_event(
            interaction, advice, actor=self.caller.actor, source=self.caller.source
        )
        return Recorded(advice, self._record([event]))

    # -- screen -----------------------------------------------------------------------------

    def screener(self, roster: Roster | None = None) -> Screener:
        """A screener with the settings' allow terms and disabled rules (and a roster)."""
        from armslength.screen.engine import Screener, default_screener

        screen = self.settings.screen
        if roster is None and not screen.allow_terms and not screen.disable:
            return default_screener()
        return Screener(roster=roster, allow_terms=screen.allow_terms, disable=screen.disable)

    def screen(
        self,
        text: str,
        kind: ContentKind = ContentKind.POST,
        *,
        redact: bool | RedactStyle = False,
        id: str | None = None,
        roster: Roster | None = None,
    ) -> Recorded[ScreenResult]:
        result = self.screener(roster).screen(text, kind, redact=redact, id=id)
        return Recorded(result, self._record([self._screened(text, kind, result, redact)]))

    def screen_many(
        self,
        items: Sequence[ScreenItem],
        kind: ContentKind = ContentKind.POST,
        *,
        redact: bool = False,
    ) -> Recorded[list[ScreenResult]]:
        """Several texts, one event each, recorded together."""
        screener = self.screener()
        results = [
            screener.screen(item.text, item.kind or kind, redact=redact, id=item.id)
            for item in items
        ]
        events = [
            self._screened(item.text, item.kind or kind, result, redact)
            for item, result in zip(items, results, strict=True)
        ]
        return Recorded(results, self._record(events))

    def screen_findings(
        self,
        text: str,
        kind: ContentKind,
        on_finding: Callable[[Finding], None],
        *,
        roster: Roster | None = None,
    ) -> Recorded[Severity]:
        """Findings handed over one by one (a long text's are never held as one list)."""
        from armslength.store.adapters import ScreenTally

        tally = ScreenTally()
        for finding in self.screener(roster).iter_detect(text, kind):
            tally.add(finding)
            on_finding(finding)
        event = tally.event(text, kind, actor=self.caller.actor, source=self.caller.source)
        return Recorded(tally.risk, self._record([event]))

    def screen_lines(
        self,
        lines: Sequence[bytes],
        kind: ContentKind,
        on_result: Callable[[Mapping[str, Any]], None],
        *,
        redact: bool | RedactStyle = False,
        roster: Roster | None = None,
        workers: int = 1,
    ) -> Recorded[LineTally]:
        """A JSONL batch: each line's result (or error) handed over in order, then one event
        per screened line."""
        from armslength.screen.batch import BatchOptions, screen_jsonl
        from armslength.store.adapters import line_event

        rows = tuple(roster.patients) if roster is not None else None
        options = BatchOptions(
            kind=kind, redact=redact, roster=rows, allow_terms=tuple(self.settings.screen.allow_terms),
            disable=tuple(self.settings.screen.disable),
        )  # fmt: skip
        tally, events = LineTally(), []
        nonblank = (raw for raw in lines if raw.strip())
        for raw, out in zip(nonblank, screen_jsonl(lines, options, workers=workers), strict=True):
            on_result(out)
            if "error" in out:
                tally.failed += 1
                continue
            tally.screened += 1
            tally.risks.append(Severity(out["risk"]))
            events.append(line_event(raw, out, kind, **self._who(), redacted=bool(redact)))
        return Recorded(tally, self._record(events))

    def screen_photo(
        self,
        data: bytes,
        source: str,
        kind: ContentKind = ContentKind.POST,
        *,
        redact: bool = False,
        strip_metadata: bool = False,
        out: Path | None = None,
        preview: int | None = None,
        roster: Roster | None = None,
    ) -> Recorded[PhotoResult]:
        """Screen the photo in *data* (named *source* in errors): metadata, text read by OCR,
        faces (see :func:`armslength.photos.screen_photo`), and log a ``photo.screened`` event
        (counts, rule ids, the image's hash: never the text read from it)."""
        from armslength.photos import screen_photo
        from armslength.store.adapters import photo_event

        result = screen_photo(
            data, source, self.screener(roster), kind, redact=redact,
            strip_metadata=strip_metadata, out=out, preview=preview,
        )  # fmt: skip
        written = result.redacted is not None or bool(preview)
        event = photo_event(data, kind.value, result, **self._who(), redacted=written)
        return Recorded(result, self._record([event]))

    # -- audit ------------------------------------------------------------------------------

    def audit(
        self,
        exports: Sequence[Path],
        roster: Path | None,
        out: Path,
        *,
        options: AuditOptions | None = None,
        reporter: Reporter | None = None,
        audit_id: str | None = None,
    ) -> Recorded[AuditReport]:
        """Run an audit (no roster: no patient matching) with the review decisions applied,
        keep its keyed-hash digests for the next one, and record it (a failed run is
        recorded as failed, then re-raised)."""
        from armslength.audit import AuditOptions, run_audit
        from armslength.errors import ArmslengthError

        book, unread = self._review_book()
        options = replace(options or AuditOptions(), book=book)
        try:
            report = run_audit(
                exports, roster, out, settings=self.settings, policy=self.policy,
                options=options, reporter=reporter,
            )  # fmt: skip
        except ArmslengthError:
            self._record([self._failed_audit(exports, roster, audit_id)])
            raise
        unsaved = self._keep_digests(report) if book is not None else None
        warning = self._record([self._audited(report, audit_id)]) or unread or unsaved
        return Recorded(report, warning)

    # -- reviews ----------------------------------------------------------------------------

    def review(
        self, report: ReportDocument | Mapping[str, Any], requests: Sequence[ReviewRequest]
    ) -> list[ReviewOutcome]:
        """Keep each decision on a possible patient of *report* (its review id) as keyed
        hashes and log a ``match.reviewed`` event for it, both in one transaction. The next
        audit applies them. Raises :class:`~armslength.errors.InputError` for a review id the
        report does not have (nothing is kept then), :class:`StoreError` if the log fails."""
        from armslength.audit import ReportDocument, find_pair
        from armslength.store.adapters import review_event
        from armslength.store.keys import Keyring

        document = report if isinstance(report, ReportDocument) else (
            ReportDocument.model_validate(report)
        )  # fmt: skip
        keyring = Keyring.load()
        pairs = [(r, find_pair(document, keyring, r.review_id)) for r in requests]
        outcomes = []
        with self._review_store() as store:
            for request, pair in pairs:
                event = review_event(
                    request.decision.value, account_key=pair.account_key,
                    patient_key=pair.patient_key, score=pair.score, **self._who(),
                )  # fmt: skip
                stored = store.save_review(event)
                outcomes.append(ReviewOutcome(pair.review_id, request.decision, stored.id))
        return outcomes

    def _review_book(self) -> tuple[ReviewBook | None, str | None]:
        """The decisions and previous digests (None and a warning when they cannot be read)."""
        from armslength.audit import ReviewBook
        from armslength.errors import ArmslengthError
        from armslength.store.keys import Keyring

        try:
            keyring = Keyring.load()
            with self._review_store() as store:
                return ReviewBook(keyring, store.reviews(), store.digests()), None
        except ArmslengthError as exc:
            return None, f"armslength: warning: review decisions not applied: {exc}"

    def _keep_digests(self, report: AuditReport) -> str | None:
        from armslength.errors import ArmslengthError

        try:
            with self._review_store() as store:
                store.save_digests(report.digests)
        except ArmslengthError as exc:
            return f"armslength: warning: this audit is not kept for the next one: {exc}"
        return None

    @contextmanager
    def _review_store(self) -> Iterator[Store]:
        """The open store (server), or the settings' one opened for this call (CLI)."""
        if self.store is not None:
            yield self.store
            return
        from armslength.store import open_store

        store = open_store(settings_url=self.settings.database_url)
        try:
            yield store
        finally:
            store.close()

    def _audited(self, report: AuditReport, audit_id: str | None) -> Event:
        from armslength.store.adapters import audit_event

        summary = report.summary
        return audit_event(
            summary.model_dump(mode="json"), export_hashes=[i.sha256 for i in summary.inputs],
            roster_hash=summary.roster.sha256 if summary.roster else None, audit_id=audit_id, timings=report.timings,
            actor=self.caller.actor, source=self.caller.source,
        )  # fmt: skip

    def _failed_audit(
        self, exports: Sequence[Path], roster: Path | None, audit_id: str | None
    ) -> Event:
        from armslength._hashing import file_hash
        from armslength.store.adapters import audit_event

        hashes = [file_hash(path) for path in exports if path.is_file()]
        roster_hash = file_hash(roster) if roster is not None and roster.is_file() else None
        return audit_event(
            {}, export_hashes=hashes, roster_hash=roster_hash, audit_id=audit_id,
            status="failed", actor=self.caller.actor, source=self.caller.source,
        )  # fmt: skip

    # -- match ------------------------------------------------------------------------------

    def match(
        self,
        items: Iterable[str | AccountInfo],
        roster: Roster,
        *,
        top: int = 3,
        min_score: float = 0.01,
        one_account_each: bool = False,
    ) -> list[Match]:
        """Candidates for each name or account (nothing is recorded: it decides nothing).

        ``one_account_each``: the items are the distinct accounts of one platform, scored
        together (a patient has at most one of them)."""
        from armslength.roster.match import match

        return match(
            list(items), roster, top=top, min_score=min_score, one_account_each=one_account_each
        )

    # -- the log ----------------------------------------------------------------------------

    def events(self, query: EventQuery) -> list[StoredEvent]:
        """Events of the audit log, newest first."""
        q = query
        return self._open_store().events(
            q.type, q.since, q.limit, until=q.until, actor=q.actor, before_id=q.before_id
        )

    def verify_log(self) -> tuple[bool, int | None]:
        """(True, None) when the event chain is intact, else the first bad event's id."""
        return self._open_store().verify()

    def _open_store(self) -> Store:
        from armslength.errors import StoreError

        if self.store is None:
            raise StoreError("this core has no open audit log to read")
        return self.store

    def _record(self, events: Sequence[Event]) -> str | None:
        return self.log.record(events)

    def _who(self) -> dict[str, str]:
        return {"actor": self.caller.actor, "source": self.caller.source}

    def _screened(
        self, text: str, kind: ContentKind, result: ScreenResult, redact: bool | RedactStyle
    ) -> Event:
        from armslength.store.adapters import screen_event

        return screen_event(text, kind.value, result, **self._who(), redacted=bool(redact))
