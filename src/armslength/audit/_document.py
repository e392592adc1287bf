"""Stage ``plan``: the ordered actions and the report document, from the analysis stages."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from importlib import resources

import yaml

from armslength._hashing import file_hash
from armslength._version import __version__
from armslength.advise import advise
from armslength.exports import ExportResult
from armslength.model import Interaction, Kind, Relationship, ScreenResult, Severity
from armslength.policy import Policy, Source

from . import _actions, _connections, _content
from ._model import (
    Action,
    ActionVerb,
    FindingCounts,
    GuidanceSource,
    InputRef,
    PlatformLimit,
    PlatformStats,
    ReportDocument,
    RosterStats,
    SkippedInput,
    Summary,
)
from ._photos import photo_actions
from ._stages import Analysis, AuditInputs


@cache
def _hints() -> dict[str, str]:
    text = resources.files("armslength.audit").joinpath("data/limitations.yaml").read_text()
    hints: dict[str, str] = yaml.safe_load(text)
    return hints


def patient_reply(decision: _connections.ConnectionDecision, inputs: AuditInputs) -> str | None:
    """For a possible patient to review: the reply to send if the account is your patient."""
    if decision.action != ActionVerb.REVIEW:
        return None
    profile = inputs.settings.profile
    interaction = Interaction(
        relationship=Relationship.CURRENT_PATIENT,
        kind=_connections.INTERACTION_KIND[decision.connection.kind] or Kind.FRIEND,
        account=decision.account,
        platform=decision.connection.platform,
        role=profile.role,
        jurisdiction=profile.jurisdiction,
    )
    return advise(interaction, policy=inputs.policy, profile=profile).reply


def plan_actions(analysis: Analysis, inputs: AuditInputs) -> list[Action]:
    """Every action the analysis calls for, most urgent first."""
    content, screening = analysis.exports.content, analysis.screening
    profile = inputs.settings.profile
    citing = _actions.Citing(inputs.policy, profile.jurisdiction, profile.role)
    cites = _actions.sources_by_category(inputs.policy, profile.jurisdiction, profile.role)
    return _actions.ordered(
        [_actions.connection_action(d, patient_reply(d, inputs)) for d in analysis.decisions]
        + [
            _actions.content_action(c, r, cites)
            for c, r in zip(content, screening.screened, strict=True)
        ]
        + [_actions.separation_action(f, citing) for f in screening.separation]
        + list[Action | None](photo_actions(analysis.photos.photos, cites))
    )


def platform_stats(analysis: Analysis, inputs: AuditInputs) -> dict[str, PlatformStats]:
    """Connections, (possible) patients, content and flagged content per platform."""
    thresholds = inputs.thresholds
    stats: dict[str, PlatformStats] = defaultdict(PlatformStats)
    for result in analysis.exports.results:
        stats[result.platform.value].layout = result.layout
    for d in analysis.decisions:
        entry = stats[d.connection.platform.value]
        entry.connections += 1
        best = d.match.candidates[0].score if d.match and d.match.candidates else 0.0
        entry.patients += best >= thresholds.patient
        entry.possible_patients += thresholds.review <= best < thresholds.patient
    for item, outcome in zip(analysis.exports.content, analysis.screening.screened, strict=True):
        entry = stats[item.platform.value]
        entry.content += 1
        entry.flagged += outcome is not None and outcome.risk != Severity.NONE
    return {k: stats[k] for k in sorted(stats)}


def finding_counts(screened: list[ScreenResult | None]) -> FindingCounts:
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


def _cited(analysis: Analysis, actions: list[Action]) -> set[str]:
    advised = {
        ref.id
        for d in analysis.decisions
        if d.advice
        for reason in d.advice.reasons
        for ref in reason.sources
    }
    return {s for a in actions for s in a.sources} | advised


def _source(source: Source) -> GuidanceSource:
    return GuidanceSource(
        id=source.id,
        body=source.body,
        title=source.title,
        year=source.year,
        url=source.url,
        verification=source.verification.value,
    )


def guidance(policy: Policy, cited: set[str]) -> list[GuidanceSource]:
    """The policy's sources that the report cites, by id."""
    ordered = sorted(policy.sources.values(), key=lambda s: s.id)
    return [_source(s) for s in ordered if s.id in cited]


def limitations(results: list[ExportResult]) -> list[PlatformLimit]:
    """What each platform's export cannot show, each once, then where else to look (once)."""
    limits: list[PlatformLimit] = []
    for result in sorted(results, key=lambda r: r.platform.value):
        platform = result.platform.value
        texts = list(dict.fromkeys(result.limitations))
        hint = _hints().get(platform)
        if hint and texts:
            texts.append(hint)
        seen = {(limit.platform, limit.limitation) for limit in limits}
        limits += [
            PlatformLimit(platform=platform, limitation=text)
            for text in texts
            if (platform, text) not in seen
        ]
    return limits


def summary(inputs: AuditInputs, analysis: Analysis, actions: list[Action]) -> Summary:
    """Counts and provenance of the run: never a name or a text."""
    stats = platform_stats(analysis, inputs)
    exports, roster, profile = analysis.exports, analysis.roster.roster, inputs.settings.profile
    return Summary(
        generated_at=inputs.started.isoformat().replace("+00:00", "Z"),
        armslength_version=__version__,
        policy_version=inputs.policy.version,
        profile={"role": profile.role.value, "jurisdiction": profile.jurisdiction.value},
        inputs=[InputRef(name=p.name, sha256=file_hash(p)) for p in inputs.exports],
        roster=None
        if inputs.roster is None
        else RosterStats(
            patients=len(roster), skipped_rows=len(roster.skipped), sha256=file_hash(inputs.roster)
        ),
        roster_given=inputs.roster is not None,
        platforms=stats,
        connections=len(exports.connections),
        patients_among_connections=sum(s.patients for s in stats.values()),
        possible_patients=sum(s.possible_patients for s in stats.values()),
        content=len(exports.content),
        received_messages_not_screened=exports.received,
        flagged_content=sum(s.flagged for s in stats.values()),
        findings=finding_counts(analysis.screening.screened),
        actions=len(actions),
        actions_by_type=dict(sorted(Counter(a.action.value for a in actions).items())),
        skipped=len(skipped(analysis)),
        thresholds={"patient": inputs.thresholds.patient, "review": inputs.thresholds.review},
        reviews_applied=analysis.reviews_applied,
        photos=analysis.photos.stats,
    )


def skipped(analysis: Analysis) -> list[SkippedInput]:
    """What could not be read or screened: exports, roster rows, content items, photos."""
    screening, photos = analysis.screening, analysis.photos
    return analysis.exports.skipped + analysis.roster.skipped + screening.skipped + photos.skipped


def plan_stage(inputs: AuditInputs, analysis: Analysis) -> ReportDocument:
    """The whole report: summary, results, ordered actions, limitations, guidance cited."""
    actions = plan_actions(analysis, inputs)
    content, screened = analysis.exports.content, analysis.screening.screened
    return ReportDocument(
        summary=summary(inputs, analysis, actions),
        connections=[_connections.to_result(d) for d in analysis.decisions],
        content=[
            _content.to_result(c, r)
            for c, r in zip(content, screened, strict=True)
            if r is not None
        ]
        + [p.content for p in analysis.photos.photos],
        actions=actions,
        separation=analysis.screening.separation,
        limitations=limitations(analysis.exports.results),
        skipped=skipped(analysis),
        guidance=guidance(inputs.policy, _cited(analysis, actions)),
    )
