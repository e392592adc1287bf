"""The audit's named stages: what each returns, and what the runner reports and times."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from armslength.audit import STAGES, AuditOptions, Stage, Thresholds, run_audit
from armslength.audit._document import plan_stage
from armslength.audit._runner import StageRunner
from armslength.audit._stages import (
    Analysis,
    AuditInputs,
    advise_stage,
    match_stage,
    read_stage,
    roster_stage,
    screen_stage,
)
from armslength.config import Channels, ExportLimits, Profile, Settings
from armslength.errors import InputError
from armslength.model import ConnectionKind
from armslength.policy import load_policy

SETTINGS = Settings(
    profile=Profile(
        practice_name="Riverside Surgery", channels=Channels(portal="https://portal.example")
    )
)
STARTED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


class Recorder:
    """A reporter that keeps what it is told: (stage, total, items advanced) per stage."""

    def __init__(self) -> None:
        self.stages: list[tuple[str, int | None, int]] = []

    def start(self, stage: str, total: int | None) -> None:
        self.stages.append((stage, total, 0))

    def advance(self, amount: int = 1) -> None:
        stage, total, done = self.stages[-1]
        self.stages[-1] = (stage, total, done + amount)


def exports(sample: dict[str, Path]) -> tuple[Path, ...]:
    return (sample["facebook"], sample["instagram"], sample["linkedin"])


@pytest.fixture(scope="module")
def inputs(sample: dict[str, Path]) -> AuditInputs:
    return AuditInputs(
        exports=exports(sample), roster=sample["roster"], settings=SETTINGS,
        policy=load_policy(), thresholds=Thresholds(), professional=frozenset(), workers=1,
        started=STARTED,
    )  # fmt: skip


@pytest.fixture(scope="module")
def analysis(inputs: AuditInputs) -> Analysis:
    read = read_stage(inputs.exports, ExportLimits(), lambda n: None)
    roster = roster_stage(inputs.roster)
    matches = match_stage(read.connections, roster.roster, lambda n: None)
    decisions = advise_stage(read.connections, matches, inputs, lambda n: None)
    screening = screen_stage(read.content, roster.roster, inputs, lambda n: None)
    return Analysis(read, roster, decisions, screening)


def test_runner_reports_the_stage_returns_its_result_and_times_it() -> None:
    recorder = Recorder()
    runner = StageRunner(recorder)

    def work(advance: object) -> str:
        assert callable(advance)
        advance(2)
        advance(1)
        return "done"

    assert runner.run(Stage("count", "Counting"), work, total=3) == "done"
    assert recorder.stages == [("Counting", 3, 3)]
    assert list(runner.timings) == ["ms_count"]
    assert isinstance(runner.timings["ms_count"], int)
    assert runner.timings["ms_count"] >= 0


def test_a_failing_stage_raises_and_records_no_timing() -> None:
    runner = StageRunner()

    def fail(advance: object) -> None:
        raise InputError("no good")

    runner.run(Stage("first", "First"), lambda advance: None)
    with pytest.raises(InputError, match="no good"):
        runner.run(Stage("second", "Second"), fail)
    assert list(runner.timings) == ["ms_first"]


def test_run_audit_reports_every_stage_in_order_and_times_each(
    sample: dict[str, Path], tmp_path: Path
) -> None:
    recorder = Recorder()
    report = run_audit(
        exports(sample), sample["roster"], tmp_path, settings=SETTINGS, reporter=recorder
    )
    assert [title for title, _, _ in recorder.stages] == [s.title for s in STAGES]
    assert list(report.timings) == [f"ms_{s.key}" for s in STAGES]
    assert all(isinstance(ms, int) and ms >= 0 for ms in report.timings.values())
    summary = report.summary
    counted = {"Reading exports": 3, "Matching connections": summary.connections}
    counted |= {"Advising": summary.connections, "Screening your content": summary.content}
    for title, total, done in recorder.stages:
        if title in counted:
            assert total == done == counted[title], title


def test_stage_keys_are_unique_and_name_the_timings() -> None:
    keys = [s.key for s in STAGES]
    assert keys == ["read", "roster", "match", "advise", "screen", "photos", "plan", "write"]
    assert [s.timing_key for s in STAGES] == [f"ms_{k}" for k in keys]


def test_read_stage_counts_progress_per_export_and_refuses_nothing_readable(
    sample: dict[str, Path], tmp_path: Path
) -> None:
    advanced: list[int] = []
    read = read_stage((sample["linkedin"],), ExportLimits(), advanced.append)
    assert advanced == [1]
    assert read.connections
    assert read.connections == sorted(
        read.connections, key=lambda c: (c.platform.value, c.kind.value, c.name or "")
    )
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip at all")
    with pytest.raises(InputError, match="nothing could be audited"):
        read_stage((broken,), ExportLimits(), lambda n: None)


def test_roster_stage_names_bad_rows_by_file_and_line(
    sample: dict[str, Path], tmp_path: Path
) -> None:
    roster = tmp_path / "roster.csv"
    text = sample["roster"].read_text(encoding="utf-8")
    roster.write_text(text + "P9999999,Zebedee,,not-a-date,Nowhere\n", encoding="utf-8")
    read = roster_stage(roster)
    assert len(read.roster) == len(roster_stage(sample["roster"]).roster)
    assert [s.path for s in read.skipped] == [f"{roster}:{len(text.splitlines()) + 1}"]
    assert "Zebedee" not in read.skipped[0].reason


def test_match_and_advise_give_one_result_per_connection(analysis: Analysis) -> None:
    connections = analysis.exports.connections
    assert len(analysis.decisions) == len(connections)
    for connection, decision in zip(connections, analysis.decisions, strict=True):
        assert decision.connection is connection
        if connection.kind in (ConnectionKind.REQUEST_REJECTED, ConnectionKind.REMOVED):
            assert decision.match is None
            assert decision.advice is None
    assert any(d.advice is not None for d in analysis.decisions)


def test_screen_stage_screens_every_own_item(analysis: Analysis) -> None:
    screened = analysis.screening.screened
    assert len(screened) == len(analysis.exports.content)
    assert all(result is not None for result in screened)
    assert any(result.risk != "none" for result in screened if result)
    assert analysis.screening.separation


def test_plan_stage_builds_a_summary_that_agrees_with_the_document(
    inputs: AuditInputs, analysis: Analysis
) -> None:
    document = plan_stage(inputs, analysis)
    summary = document.summary
    assert summary.generated_at == "2026-01-02T03:04:05Z"
    assert summary.connections == len(document.connections)
    assert summary.actions == len(document.actions) == sum(summary.actions_by_type.values())
    assert summary.skipped == len(document.skipped)
    flagged = [c for c in document.content if c.risk != "none"]
    assert summary.flagged_content == len(flagged)
    assert summary.patients_among_connections == sum(p.patients for p in summary.platforms.values())
    assert summary.findings.by_severity
    cited = {s for a in document.actions for s in a.sources}
    assert cited <= {g.id for g in document.guidance}


def test_thresholds_of_the_options_decide_who_counts_as_a_patient(
    sample: dict[str, Path], tmp_path: Path
) -> None:
    strict = AuditOptions(thresholds=Thresholds(patient=0.999, review=0.998), now=lambda: STARTED)
    loose = run_audit(exports(sample), sample["roster"], tmp_path / "a", settings=SETTINGS)
    tight = run_audit(
        exports(sample), sample["roster"], tmp_path / "b", settings=SETTINGS, options=strict
    )
    assert loose.summary.patients_among_connections > tight.summary.patients_among_connections
    assert tight.summary.thresholds == {"patient": 0.999, "review": 0.998}
