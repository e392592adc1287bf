"""What the audit remembers between runs, as keyed hashes only.

A :class:`ReviewBook` carries the installation's :class:`~armslength.store.keys.Keyring`, the
clinician's review decisions (account key, patient key → decision) and the summary kept of
the previous audit of each platform. The audit applies the decisions to its matches (a
rejected pair stays quiet, a confirmed one is a patient) and compares itself with the previous
summary (new connections, new flagged content, resolved actions).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from armslength.model import Candidate, Connection, Match
from armslength.store.keys import Keyring, account_identity

from ._model import ReportDocument, SinceLast

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

    def confirmed_patients(self, account_key: str | None) -> set[str]:
        """Patient keys this account was confirmed as."""
        return {p for (a, p), d in self.decisions.items() if a == account_key and d == CONFIRMED}


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


def apply_reviews(
    connections: Iterable[Connection],
    matches: Iterable[Match | None],
    book: ReviewBook,
    patient_ids: Iterable[str],
) -> list[Match | None]:
    """The matches with the decisions applied: rejected candidates dropped, confirmed at 1.0."""
    if not book.decisions:
        return list(matches)
    confirmed = {p for (_, p), d in book.decisions.items() if d == CONFIRMED}
    patients = {k: pid for pid in patient_ids if (k := book.keyring.patient(pid)) in confirmed}
    out: list[Match | None] = []
    for connection, match in zip(connections, matches, strict=True):
        account = book.connection_key(connection)
        base = match or Match(name=connection.name or connection.handle or "", candidates=[])
        out.append(_apply(base, book, account, patients))
    return out


def _short(value: str) -> str:
    return value[:_SHORT]


def digests(document: ReportDocument, book: ReviewBook) -> dict[str, dict[str, Any]]:
    """Per platform: keyed hashes of its connections, flagged content and actions."""
    ring = book.keyring
    out = {p: _empty(document) for p in document.summary.platforms}
    for c in document.connections:
        account = book.account_key(c.platform, c.name, c.handle, c.url) or ""
        out.setdefault(c.platform, _empty(document))["connections"].add(
            _short(ring.digest("connection", c.kind, account))
        )
    for item in document.content:
        if item.risk != "none":
            text = item.text or item.redacted or ""
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


def mark_new(document: ReportDocument, book: ReviewBook) -> None:
    """Set each connection's ``new``: not in the previous audit of its platform (None: none)."""
    before = {p: set(d.get("connections", [])) for p, d in book.previous.items()}
    for c in document.connections:
        seen = before.get(c.platform)
        if seen is None:
            continue
        account = book.account_key(c.platform, c.name, c.handle, c.url) or ""
        c.new = _short(book.keyring.digest("connection", c.kind, account)) not in seen
