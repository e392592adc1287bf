"""Build typed events from the library's results: the only place that decides what is kept.

Adapters (CLI, API, web) call these and then :meth:`Store.append` or :func:`record`, so every
front end logs the same fields, and none logs text: a message becomes ``has_message``, a
screened text its SHA-256 and length, a finding its label and rule id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from armslength.model import Advice, Finding, Interaction, ScreenResult, Severity
from armslength.store.events import (
    AdviceGiven,
    AuditRun,
    MatchReviewed,
    PhotoScreened,
    TextScreened,
    content_hash,
)

if TYPE_CHECKING:
    from armslength.photos import PhotoResult


def advice_event(
    interaction: Interaction, advice: Advice, *, actor: str = "local", source: str = "cli"
) -> AdviceGiven:
    """An :class:`AdviceGiven` for *advice* on *interaction* (the message is never kept)."""
    return AdviceGiven(
        actor=actor,
        source=source,
        verdict=advice.verdict.value,
        rules=[reason.rule for reason in advice.reasons],
        policy_version=advice.policy_version,
        relationship=interaction.relationship.value,
        kind=interaction.kind.value,
        account=interaction.account.value,
        platform=interaction.platform.value,
        role=interaction.role.value,
        jurisdiction=interaction.jurisdiction.value,
        preexisting=interaction.preexisting,
        has_message=bool(interaction.message),
    )


@dataclass
class ScreenTally:
    """What the log keeps of a screening, gathered finding by finding, so a long text's
    findings never have to be held as one list."""

    risk: Severity = Severity.NONE
    labels: Counter[str] = field(default_factory=Counter)
    rules: set[str] = field(default_factory=set)

    def add(self, finding: Finding) -> None:
        self.labels[finding.label or finding.category.value] += 1
        self.rules.add(finding.rule)
        if finding.severity.rank > self.risk.rank:
            self.risk = finding.severity

    def event(
        self,
        text: str | bytes,
        kind: str,
        *,
        actor: str = "local",
        source: str = "cli",
        redacted: bool = False,
    ) -> TextScreened:
        return TextScreened(
            actor=actor,
            source=source,
            kind=str(kind),
            risk=self.risk.value,
            findings=sum(self.labels.values()),
            labels=dict(self.labels),
            rules=sorted(self.rules),
            text_sha256=content_hash(text),
            length=len(text),
            redacted=redacted,
        )


def line_event(
    raw: bytes,
    result: Mapping[str, Any],
    kind: str,
    *,
    actor: str = "local",
    source: str = "cli",
    redacted: bool = False,
) -> TextScreened:
    """A :class:`TextScreened` for one screened JSONL line, from its result JSON (``risk``,
    ``findings``) and the raw line, which is reduced to its hash and length."""
    tally = ScreenTally()
    for finding in result["findings"]:
        tally.labels[finding["label"] or finding["category"]] += 1
        tally.rules.add(finding["rule"])
    tally.risk = Severity(result["risk"])
    return tally.event(raw, kind, actor=actor, source=source, redacted=redacted)


def screen_event(
    text: str,
    kind: str,
    result: ScreenResult,
    *,
    actor: str = "local",
    source: str = "cli",
    redacted: bool = False,
) -> TextScreened:
    """A :class:`TextScreened` for *result*: counts per label, rule ids, the text's hash."""
    tally = ScreenTally()
    for finding in result.findings:
        tally.add(finding)
    tally.risk = result.risk
    return tally.event(text, kind, actor=actor, source=source, redacted=redacted)


def photo_event(
    data: bytes,
    kind: str,
    result: PhotoResult,
    *,
    actor: str = "local",
    source: str = "cli",
    redacted: bool = False,
) -> PhotoScreened:
    """A :class:`PhotoScreened` for *result*: counts per label, rule ids, faces, size and the
    image's hash; the OCR text and the findings' texts are never kept."""
    tally = ScreenTally()
    for finding in result.findings:
        tally.add(finding)
    info = result.photo
    return PhotoScreened(
        actor=actor, source=source, kind=str(kind), risk=result.risk.value,
        findings=sum(tally.labels.values()), labels=dict(tally.labels), rules=sorted(tally.rules),
        faces=info.faces, image_type=info.type, width=info.width, height=info.height,
        image_sha256=content_hash(data), bytes=len(data), redacted=redacted,
    )  # fmt: skip


def _int_counts(summary: Mapping[str, object], prefix: str = "") -> dict[str, int]:
    """The integer leaves of a (nested) summary, keyed ``a.b``: counts only, never names."""
    counts: dict[str, int] = {}
    for key, value in summary.items():
        name = f"{prefix}{key}"
        if isinstance(value, bool):
            continue
        if isinstance(value, int):
            counts[name] = value
        elif isinstance(value, Mapping):
            counts.update(_int_counts(value, f"{name}."))
    return counts


def audit_event(
    summary: Mapping[str, object],
    *,
    export_hashes: list[str],
    roster_hash: str | None,
    actor: str = "local",
    source: str = "cli",
    audit_id: str | None = None,
    status: str = "done",
    timings: Mapping[str, int] | None = None,
) -> AuditRun:
    """An :class:`AuditRun` from an audit's summary (its integer counts, versions) and input
    hashes, plus stage timings in milliseconds when the caller measured them."""
    return AuditRun(
        actor=actor,
        source=source,
        audit_id=audit_id,
        status=status,
        exports=len(export_hashes),
        export_sha256=export_hashes,
        roster_sha256=roster_hash,
        counts={**_int_counts(summary), **(timings or {})},
        policy_version=str(summary.get("policy_version", "")),
        armslength_version=str(summary.get("armslength_version", "")),
    )


def review_event(
    decision: str,
    *,
    account_key: str,
    patient_key: str,
    score: float | None = None,
    actor: str = "local",
    source: str = "cli",
) -> MatchReviewed:
    """A :class:`MatchReviewed` for one decision: the account and the patient as keyed hashes
    (:class:`~armslength.store.keys.Keyring`), never a name or an id."""
    return MatchReviewed(
        actor=actor,
        source=source,
        decision=decision,
        account_sha256=account_key,
        patient_sha256=patient_key,
        score=None if score is None else round(score, 4),
    )
