"""``armslength match``: which roster patients could be behind these names or accounts?"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from armslength._io import read_bytes
from armslength.cli._app import app
from armslength.cli._common import (
    ConfigOption,
    JsonOption,
    console,
    core_from,
    err_console,
    print_json,
)
from armslength.cli._roster_columns import RosterColumnsOption, columns_in_effect
from armslength.errors import InputError
from armslength.model import Match
from armslength.roster import Roster, load_roster
from armslength.roster.match import AccountInfo

_MAX_NAMES_FILE_LINES = 1_000_000


def _read_names_file(path: Path) -> list[str]:
    raw = read_bytes(path, what="names file", stdin=False)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    lines = [line.strip() for line in text.splitlines()[:_MAX_NAMES_FILE_LINES]]
    return [line for line in lines if line]


@dataclass(frozen=True)
class _Batch:
    """Accounts scored together: the names given, or one platform's accounts in an export."""

    accounts: list[str | AccountInfo]
    platform: str | None = None


def _export_batches(paths: list[Path]) -> list[_Batch]:
    """Each platform's distinct accounts (a friend who also follows is one account)."""
    from armslength.audit import distinct_accounts
    from armslength.exports import read_exports

    connections = [c for r in read_exports(*paths) for c in r.connections if c.name or c.handle]
    return [
        _Batch([a.info() for a in accounts], platform.value)
        for platform, accounts in distinct_accounts(connections).items()
    ]


def _inputs(
    names: list[str] | None, names_file: Path | None, export: list[Path] | None
) -> list[_Batch]:
    given = [bool(names), names_file is not None, bool(export)]
    if sum(given) != 1:
        raise InputError("give names, --names-file FILE or --export EXPORT (exactly one of them)")
    if names:
        return [_Batch(list(names))]
    if names_file is not None:
        return [_Batch(list(_read_names_file(names_file)))]
    return _export_batches(export or [])


def _render(results: list[tuple[Match, str | None]], roster: Roster) -> None:
    table = Table(title=f"Roster matches ({len(roster)} patients)", show_lines=True)
    table.add_column("Name shown")
    table.add_column("Patient")
    table.add_column("Score", justify="right")
    table.add_column("Evidence")
    for result, platform in results:
        name = escape(result.name[:80]) + (f" [dim]({platform})[/]" if platform else "")
        if not result.candidates:
            table.add_row(name, "[dim]none[/]", "", "")
        for rank, cand in enumerate(result.candidates):
            shown = name if rank == 0 else ""
            table.add_row(
                shown,
                escape(cand.patient_id),
                f"{cand.score:.2f}",
                escape("; ".join(cand.evidence)),
            )
    console.print(table)
    console.print(
        "[dim]score = probability that the account is that patient. A common name in a large "
        "roster stays uncertain: confirm with a detail only the patient would share.[/]"
    )


@app.command("match")
def match_command(
    roster: Annotated[
        Path,
        typer.Option(
            "--roster", help="Patient roster: CSV or FHIR (Bundle JSON or NDJSON).", dir_okay=False
        ),
    ],
    names: Annotated[list[str] | None, typer.Argument(help="Display names to look up.")] = None,
    names_file: Annotated[
        Path | None, typer.Option("--names-file", help="One display name per line.", dir_okay=False)
    ] = None,
    export: Annotated[
        list[Path] | None,
        typer.Option("--export", help="Social-media export (zip, folder, file); repeatable."),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Candidates per name, at most.")] = 3,
    min_score: Annotated[
        float,
        typer.Option("--min-score", min=0.0, max=1.0, help="Hide candidates scored below this."),
    ] = 0.01,
    config: ConfigOption = None,
    json_output: JsonOption = False,
    roster_columns: RosterColumnsOption = None,
    independent: Annotated[
        bool,
        typer.Option(
            "--independent",
            help="Score each account alone. By default the accounts (the names given, or each "
            "platform's accounts in an export) are scored together: a patient has at most one "
            "of them, so two that both look like one patient share that patient's probability.",
        ),
    ] = False,
) -> None:
    """Which roster patients could be behind these names? Scored and explained.

    The names (or each platform's accounts in an export) are taken to be distinct
    accounts and scored together: give each account once."""
    core = core_from(config)
    batches = _inputs(names, names_file, export)
    with columns_in_effect(roster_columns):
        loaded = load_roster(roster)
    if loaded.skipped:
        err_console.print(
            f"armslength: {len(loaded.skipped)} roster rows skipped (first at line {loaded.skipped[0].line}: {loaded.skipped[0].reason})"
        )
    several = len(batches) > 1  # name the platform when an export holds several
    results = [
        (result, batch.platform if several else None)
        for batch in batches
        for result in core.match(
            batch.accounts, loaded, top=top, min_score=min_score, one_account_each=not independent
        )
    ]
    if json_output:
        print_json([r.model_dump(mode="json") for r, _ in results])
    else:
        _render(results, loaded)
