"""``armslength match``: which roster patients could be behind these names or accounts?"""

from __future__ import annotations

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
from armslength.model import Connection, Match
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


def _export_accounts(paths: list[Path]) -> list[AccountInfo]:
    from armslength.exports import read_exports

    seen: set[tuple[str | None, str | None]] = set()
    accounts: list[AccountInfo] = []
    for result in read_exports(*paths):
        for connection in result.connections:
            account = _from_connection(connection)
            key = (connection.name, connection.handle)
            if account is not None and key not in seen:
                seen.add(key)
                accounts.append(account)
    return accounts


def _from_connection(connection: Connection) -> AccountInfo | None:
    name = connection.name or connection.handle
    return AccountInfo(name=name, handle=connection.handle) if name else None


def _inputs(
    names: list[str] | None, names_file: Path | None, export: list[Path] | None
) -> list[str | AccountInfo]:
    given = [bool(names), names_file is not None, bool(export)]
    if sum(given) != 1:
        raise InputError("give names, --names-file FILE or --export EXPORT (exactly one of them)")
    if names:
        return list(names)
    if names_file is not None:
        return list(_read_names_file(names_file))
    return list(_export_accounts(export or []))


def _render(results: list[Match], roster: Roster) -> None:
    table = Table(title=f"Roster matches ({len(roster)} patients)", show_lines=True)
    table.add_column("Name shown")
    table.add_column("Patient")
    table.add_column("Score", justify="right")
    table.add_column("Evidence")
    for result in results:
        if not result.candidates:
            table.add_row(escape(result.name[:80]), "[dim]none[/]", "", "")
        for rank, cand in enumerate(result.candidates):
            shown = escape(result.name[:80]) if rank == 0 else ""
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
) -> None:
    """Which roster patients could be behind these names? Scored and explained."""
    core = core_from(config)
    items = _inputs(names, names_file, export)
    with columns_in_effect(roster_columns):
        loaded = load_roster(roster)
    if loaded.skipped:
        err_console.print(
            f"armslength: {len(loaded.skipped)} roster rows skipped (first at line {loaded.skipped[0].line}: {loaded.skipped[0].reason})"
        )
    results = core.match(items, loaded, top=top, min_score=min_score)
    if json_output:
        print_json([r.model_dump(mode="json") for r in results])
    else:
        _render(results, loaded)
