"""``armslength inspect``: what a downloaded social-media export holds."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from armslength.cli._app import app
from armslength.cli._common import ConfigOption, JsonOption, console, print_json, settings_from
from armslength.exports import ExportResult, read_exports

ExportArgument = Annotated[
    list[Path],
    typer.Argument(
        help="Export zip, tar.gz, folder or single file; several for a split export.",
        show_default=False,
    ),
]
JsonlOption = Annotated[
    bool, typer.Option("--jsonl", help="Print every normalised record, one JSON per line.")
]


@app.command()
def inspect(
    exports: ExportArgument,
    json_: JsonOption = False,
    jsonl: JsonlOption = False,
    config: ConfigOption = None,
) -> None:
    """Show which platform, layout and records an export holds, and what was skipped."""
    if json_ and jsonl:
        raise typer.BadParameter("choose one of --json and --jsonl")
    settings = settings_from(config)
    results = read_exports(*exports, limits=settings.exports, keep_records=jsonl)
    if jsonl:
        _print_records(results)
    elif json_:
        summaries = [r.summary() for r in results]
        print_json(summaries[0] if len(summaries) == 1 else summaries)
    else:
        for result in results:
            _print_summary(result)


def _print_records(results: list[ExportResult]) -> None:
    for result in results:
        for record in result.records():
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        for skipped in result.skipped:
            typer.echo(f"armslength: skipped {skipped.path}: {skipped.reason}", err=True)


def _print_summary(result: ExportResult) -> None:
    counts = result.counts()
    table = Table(title=f"{result.platform.value} export, layout {result.layout}")
    table.add_column("records")
    table.add_column("kind")
    table.add_column("count", justify="right")
    for group, kinds in counts.items():
        for kind, n in kinds.items():
            if n:
                table.add_row(group, kind, str(n))
    console.print(table)
    for skipped in result.skipped:
        console.print(f"[yellow]skipped[/yellow] {skipped.path}: {skipped.reason}", markup=True)
    for note in result.limitations:
        console.print(f"[dim]note:[/dim] {note}")
