"""``armslength db``: migrate, inspect, verify and purge the audit log."""

from __future__ import annotations

from typing import Annotated

import typer

from armslength.cli._app import app
from armslength.cli._common import ConfigOption, JsonOption, console, print_json, settings_from
from armslength.cli._store_common import DbOption, cli_actor, store_from
from armslength.errors import InputError

db_app = typer.Typer(
    help="The audit log database: upgrade, status, verify, purge.", no_args_is_help=True
)
app.add_typer(db_app, name="db")


@db_app.command()
def upgrade(db: DbOption = None, config: ConfigOption = None) -> None:
    """Create the audit log or migrate it to the newest schema."""
    store = store_from(db, config, upgrade=False)
    store.upgrade()
    console.print(f"Audit log at {store.status().url} is up to date.")


@db_app.command()
def status(
    db: DbOption = None, config: ConfigOption = None, json_output: JsonOption = False
) -> None:
    """Where the audit log is, its schema revision, event count and chain head."""
    info = store_from(db, config, upgrade=False).status()
    if json_output:
        print_json(info.model_dump(mode="json"))
        return
    for key, value in info.model_dump(mode="json").items():
        console.print(f"{key:>14}: {value}", highlight=False)


@db_app.command()
def verify(
    db: DbOption = None, config: ConfigOption = None, json_output: JsonOption = False
) -> None:
    """Check the hash chain: exit 0 when intact, 1 when an event was edited or removed."""
    ok, first_bad = store_from(db, config).verify()
    if json_output:
        print_json({"ok": ok, "first_bad_id": first_bad})
    elif ok:
        console.print("Audit log chain intact.")
    else:
        console.print(f"Audit log chain BROKEN at event {first_bad}.", style="bold red")
    if not ok:
        raise typer.Exit(1)


@db_app.command()
def purge(
    older_than_days: Annotated[
        int | None,
        typer.Option(
            "--older-than-days",
            min=0,
            help="Delete events older than this (default: retention_days).",
        ),
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
) -> None:
    """Delete events older than the retention period; the purge itself is logged."""
    days = older_than_days if older_than_days is not None else settings_from(config).retention_days
    if days is None:
        raise InputError(
            "give --older-than-days or set retention_days in the settings", field="older_than_days"
        )
    event = store_from(db, config).purge(days, actor=cli_actor())
    if json_output:
        print_json(event.model_dump(mode="json"))
    else:
        console.print(f"Purged {event.deleted} event(s) older than {days} day(s).")
