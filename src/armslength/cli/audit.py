"""``armslength audit``: downloaded archives + a patient roster → action list and report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from armslength.audit import DEFAULT_BUDGET, AuditOptions, AuditReport, PhotoOptions, Thresholds
from armslength.cli._app import app
from armslength.cli._common import (
    ConfigOption,
    JsonOption,
    console,
    core_from,
    err_console,
    print_warning,
)
from armslength.cli._roster_columns import RosterColumnsOption, columns_in_effect
from armslength.model import Platform

SKIPS_SHOWN = 20
NO_ROSTER = (
    "No roster was given: connections were not matched against your patients. "
    "Add --roster to find patients among them."
)


def print_skipped(report: AuditReport, strict: bool) -> None:
    """Name every file (or row) that was skipped or only partly read, and what was lost."""
    skipped = report.document.skipped
    for item in skipped[:SKIPS_SHOWN]:
        err_console.print(
            f"[yellow]warning:[/] {escape(item.path)}: {escape(item.reason)}", soft_wrap=True
        )
    if len(skipped) > SKIPS_SHOWN:
        err_console.print(
            f"[yellow]warning:[/] and {len(skipped) - SKIPS_SHOWN} more; "
            "the report's Skipped section lists them all"
        )
    if skipped:
        then = "--strict: exit 2." if strict else "Use --strict to make this an error (exit 2)."
        err_console.print(
            f"{len(skipped)} input(s) skipped or partly read: the report leaves out what they "
            f"held. {then}"
        )


class _Bars:
    """One progress bar per stage, on stderr."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def start(self, stage: str, total: int | None) -> None:
        if self.task is not None:
            done = self.progress.tasks[-1].total or 1
            self.progress.update(self.task, total=done, completed=done)
        self.task = self.progress.add_task(stage, total=total)

    def advance(self, amount: int = 1) -> None:
        if self.task is not None:
            self.progress.advance(self.task, amount)


def _print_summary(report: AuditReport) -> None:
    s = report.summary
    table = Table(title="Armslength audit", show_header=True)
    for column in ("platform", "connections", "patients", "possible", "content", "flagged"):
        table.add_column(column, justify="left" if column == "platform" else "right")
    for name, p in s.platforms.items():
        table.add_row(
            name,
            str(p.connections),
            str(p.patients),
            str(p.possible_patients),
            str(p.content),
            str(p.flagged),
        )
    console.print(table)
    if not s.roster_given:
        console.print(NO_ROSTER)
    console.print(
        f"[bold]{s.actions}[/] actions ({', '.join(f'{k} {v}' for k, v in s.actions_by_type.items()) or 'none'})"
    )
    for action in report.document.actions[:5]:
        console.print(
            f"  {action.rank}. [bold]{action.action.value}[/] {action.platform}: {escape(action.target)}"
        )
    console.print(
        f"Report: [link=file://{report.files['html'].resolve()}]{escape(str(report.files['html']))}[/]"
    )
    console.print(f"Also: {escape(str(report.files['json']))}, {escape(str(report.files['csv']))}")


@app.command()
def audit(
    exports: Annotated[
        list[Path], typer.Argument(help="Exports: zip, tar.gz, folder or file (several allowed).")
    ],
    out: Annotated[
        Path,
        typer.Option(help="Folder for report.html, report.json and actions.csv.", file_okay=False),
    ],
    roster: Annotated[
        Path | None,
        typer.Option(
            help="Patient roster (CSV or FHIR) exported from the EHR. Without one, everything "
            "but patient matching runs.",
            dir_okay=False,
        ),
    ] = None,
    professional: Annotated[
        list[Platform] | None,
        typer.Option(
            "--professional", help="A platform whose export is a professional account (repeatable)."
        ),
    ] = None,
    patient_threshold: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Match score that counts as a patient.")
    ] = 0.8,
    review_threshold: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Match score worth a review.")
    ] = 0.5,
    policy: Annotated[
        Path | None, typer.Option("--policy", help="Organisation override file.", dir_okay=False)
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bars or summary.")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit 2 when any input was skipped or only partly read."),
    ] = False,
    no_photos: Annotated[
        bool, typer.Option("--no-photos", help="Do not open the photos of your posts.")
    ] = False,
    photo_budget: Annotated[
        float,
        typer.Option(
            min=0.0,
            help="Seconds to spend screening photos; the rest are listed as not screened.",
        ),
    ] = DEFAULT_BUDGET,
    json_output: JsonOption = False,
    config: ConfigOption = None,
    roster_columns: RosterColumnsOption = None,
) -> None:
    """Audit your downloaded archives against your patient roster; write the report and action list."""
    core = core_from(config, policy=policy)
    options = AuditOptions(
        thresholds=Thresholds(
            patient=patient_threshold, review=min(review_threshold, patient_threshold)
        ),
        professional=frozenset(professional or ()),
        photos=PhotoOptions(enabled=not no_photos, budget=photo_budget),
    )
    show = not (quiet or json_output)
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with (
        columns_in_effect(roster_columns),
        Progress(*columns, console=err_console, disable=not show, transient=False) as progress,
    ):
        outcome = core.audit(exports, roster, out, options=options, reporter=_Bars(progress))
    report = outcome.value
    print_warning(outcome.warning)
    if json_output:
        typer.echo(
            json.dumps(
                {
                    "summary": report.summary.model_dump(mode="json"),
                    "files": {k: str(v) for k, v in report.files.items()},
                },
                indent=2,
            )
        )
    elif not quiet:
        _print_summary(report)
    print_skipped(report, strict)
    if strict and report.document.skipped:
        raise typer.Exit(2)
