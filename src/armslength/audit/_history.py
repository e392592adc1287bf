"""What the audit remembers between runs, as keyed hashes only.

A :class:`ReviewBook` carries the installation's :class:`~armslength.store.keys.Keyring`, the
clinician's review decisions (account key, patient key → decision) and the summary kept of
the previous audit of each platform. The audit applies the decisions to its matches (a
rejected pair stays quiet, a confirmed one is a patient) and compares itself with the previous
summary (new connections, new flagged content, resolved actions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from armslength.errors import InputError
from armslength.model import Candidate, Connection, Match
from armslength.store.keys import Keyring, account_identity

from ._model import ConnectionResult, ReportDocument, SinceLast

CONFIRMED, REJECTED = "confirmed", "rejected"
CONFIRMED_EVIDENCE = "you confirmed this match in a review"
_SHORT = 32


@dataclass(frozen=True)
class ReviewBook:
    """The keyring, the decisions and the previous audits' summaries (platform → digest)."""

    keyring: Keyring
    decisions: Mapping[tuple[str, str], str] = field(default_factory=dict)
    previous: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def account_key(self, platform: str, name: str | None, handle: str | None,
                    url: str | None) -> str | None:  # fmt: skip
        identity = account_identity(platform, name, handle, url)
        return None if identity is None else self.keyring.account(identity)

    def connection_key(self, connection: Connection) -> str | None:
        c = connection
        return self.account_key(c.platform.value, c.name, c.handle, c.url)

    def decision(self, account_key: str | None, patient_id: str) -> str | None:
        if account_key is None:
            return None
        return self.decisions.get((account_key, self.keyring.patient(patient_id)))

    def review_id(self, account_key: str | None, patient_id: str) -> str | None:
        if account_key is None:
            return None
        return self.keyring.review_id(account_key, self.keyring.patient(patient_id))

    @cached_property
    def _confirmed(self) -> dict[str, set[str]]:
        by_account: dict[str, set[str]] = {}
        for (account, patient), decision in self.decisions.items():
            if decision == CONFIRMED:
                by_account.setdefault(account, set()).add(patient)
        return by_account

    def confirmed_patients(self, account_key: str | None) -> set[str]:
        """Patient keys this account was confirmed as."""
        return self._confirmed.get(account_key or "", set())


def _apply(match: Match, book: ReviewBook, account: str | None,
           patients: Mapping[str, str]) -> Match | None:  # fmt: skip
    kept: list[Candidate] = []
    for candidate in match.candidates:
        decision = book.decision(account, candidate.patient_id)
        if decision == REJECTED:
            continue
        if decision == CONFIRMED:
            candidate = Candidate(
                patient_id=candidate.patient_id, score=1.0,
                evidence=[*candidate.evidence, CONFIRMED_EVIDENCE],
            )  # fmt: skip
        kept.append(candidate)
    known = {c.patient_id for c in kept}
    for key in book.confirmed_patients(account):
        pid = patients.get(key)
        if pid is not None and pid not in known:
            kept.append(Candidate(patient_id=pid, score=1.0, evidence=[CONFIRMED_EVIDENCE]))
    kept.sort(key=lambda c: -c.score)
    return Match(name=match.name, candidates=kept) if kept else None


def _applied(before: Match | None, after: Match | None) -> str | None:
    """Which decision changed this connection's matches (for the summary's counts)."""
    was = {c.patient_id for c in before.candidates} if before else set()
    now = {c.patient_id: c for c in after.candidates} if after else {}
    if any(CONFIRMED_EVIDENCE in c.evidence for c in now.values()):
        return CONFIRMED
    return REJECTED if was - set(now) else None


def apply_reviews(
    connections: Iterable[Connection],
    matches: Iterable[Match | None],
    book: ReviewBook,
    patient_ids: Iterable[str],
) -> tuple[list[Match | None], dict[str, int]]:
    """The matches with the decisions applied (rejected candidates dropped, confirmed at 1.0)
    and how many connections each kind of decision changed."""
    if not book.decisions:
        return list(matches), {}
    confirmed = {p for (_, p), d in book.decisions.items() if d == CONFIRMED}
    patients = {k: pid for pid in patient_ids if (k := book.keyring.patient(pid)) in confirmed}
    out: list[Match | None] = []
    counts: Counter[str] = Counter()
    for connection, match in zip(connections, matches, strict=True):
        account = book.connection_key(connection)
        base = match or Match(name=connection.name or connection.handle or "", candidates=[])
        applied = _apply(base, book, account, patients)
        counts.update([x] if (x := _applied(match, applied)) else [])
        out.append(applied)
    return out, dict(sorted(counts.items()))


def _short(value: str) -> str:
    return value[:_SHORT]


def digests(document: ReportDocument, book: ReviewBook) -> dict[str, dict[str, Any]]:
    """Per platform: keyed hashes of its connections, flagged content and actions."""
    ring = book.keyring
    out = {p: _empty(document) for p in document.summary.platforms}
    for c in document.connections:
        out.setdefault(c.platform, _empty(document))["connections"].add(_connection_digest(c, book))
    for item in document.content:
        if item.risk != "none":
            text = item.text or item.redacted or (item.photo.member if item.photo else "")
            key = ring.digest("content", item.platform, item.kind, item.timestamp or "", text)
            out.setdefault(item.platform, _empty(document))["flagged"].add(_short(key))
    for action in document.actions:
        key = ring.digest("action", action.action.value, action.platform, action.target)
        out.setdefault(action.platform, _empty(document))["actions"].add(_short(key))
    return {p: {k: sorted(v) if isinstance(v, set) else v for k, v in d.items()}
            for p, d in out.items()}  # fmt: skip


def _empty(document: ReportDocument) -> dict[str, Any]:
    return {"generated_at": document.summary.generated_at, "connections": set(),
            "flagged": set(), "actions": set()}  # fmt: skip


def since_last(current: Mapping[str, Mapping[str, Any]],
               previous: Mapping[str, Mapping[str, Any]]) -> dict[str, SinceLast]:  # fmt: skip
    """What is new on each platform audited before: connections, flagged content, resolved."""
    out: dict[str, SinceLast] = {}
    for platform, now in sorted(current.items()):
        before = previous.get(platform)
        if before is None:
            continue
        out[platform] = SinceLast(
            previous_audit=str(before.get("generated_at", "")),
            new_connections=len(set(now["connections"]) - set(before.get("connections", []))),
            new_flagged_content=len(set(now["flagged"]) - set(before.get("flagged", []))),
            resolved_actions=len(set(before.get("actions", [])) - set(now["actions"])),
        )
    return out


def _connection_digest(c: ConnectionResult, book: ReviewBook) -> str:
    account = book.account_key(c.platform, c.name, c.handle, c.url) or ""
    return _short(book.keyring.digest("connection", c.kind, account))


def mark_reviews(document: ReportDocument, book: ReviewBook) -> None:
    """Give each matched connection its review id, and ``review`` where a decision exists."""
    for c in document.connections:
        if c.match is None:
            continue
        account = book.account_key(c.platform, c.name, c.handle, c.url)
        c.match.review_id = book.review_id(account, c.match.patient_id)
        c.match.review = book.decision(account, c.match.patient_id)


def remember(document: ReportDocument, book: ReviewBook) -> dict[str, dict[str, Any]]:
    """Mark reviews and what is new since the last audit of each platform; the digests to keep
    for the next audit."""
    mark_reviews(document, book)
    mark_new(document, book)
    current = digests(document, book)
    document.summary.since_last = since_last(current, book.previous)
    return current


def mark_new(document: ReportDocument, book: ReviewBook) -> None:
    """Set each connection's ``new``: not in the previous audit of its platform (None: none)."""
    before = {p: set(d.get("connections", [])) for p, d in book.previous.items()}
    for c in document.connections:
        seen = before.get(c.platform)
        if seen is not None:
            c.new = _connection_digest(c, book) not in seen


@dataclass(frozen=True)
class Reviewable:
    """A possible patient of a report, as a reviewer sees it."""

    review_id: str | None
    """None when the audit ran without the installation's key (no review possible)."""
    platform: str
    kind: str
    account: str
    patient_id: str
    score: float
    meaning: str | None
    decision: str | None


def reviewable(document: ReportDocument) -> list[Reviewable]:
    """The report's matched connections at or above its review threshold, best first."""
    floor = document.summary.thresholds.get("review", 0.0)
    found: dict[object, Reviewable] = {}
    for c in document.connections:
        m = c.match
        key = m.review_id or id(c) if m else None
        if m is None or m.score < floor or key in found:
            continue
        found[key] = Reviewable(
            review_id=m.review_id, platform=c.platform, kind=c.kind,
            account=c.name or c.handle or c.url or "(unnamed account)", patient_id=m.patient_id,
            score=m.score, meaning=c.meaning, decision=m.review,
        )  # fmt: skip
    return sorted(found.values(), key=lambda r: (-r.score, r.platform, r.account, r.patient_id))


@dataclass(frozen=True)
class ReviewPair:
    """One account–patient pair of a report, as keyed hashes (what a decision is kept as)."""

    review_id: str
    account_key: str
    patient_key: str
    score: float


def find_pair(document: ReportDocument, keyring: Keyring, review_id: str) -> ReviewPair:
    """The pair a report's review id stands for; :class:`InputError` when there is none (or
    the report was made with another installation's key)."""
    book = ReviewBook(keyring)
    wanted = review_id.strip().lower()
    for c in document.connections:
        if c.match is None or c.match.review_id != wanted:
            continue
        account = book.account_key(c.platform, c.name, c.handle, c.url)
        if account is None or book.review_id(account, c.match.patient_id) != wanted:
            break
        patient = keyring.patient(c.match.patient_id)
        return ReviewPair(wanted, account, patient, c.match.score)
    raise InputError(
        f"no possible patient with review id '{review_id}' in this report "
        "(or it was made on another installation)",
        field="review_id",
    )
