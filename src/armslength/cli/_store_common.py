"""Options and helpers shared by the commands that use the audit log."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from armslength.cli._common import settings_from
from armslength.service import Caller
from armslength.store import Store, open_store

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///FILE or postgresql://…). Default: "
        "$ARMSLENGTH_DATABASE_URL, then database_url in the settings, then the user data dir.",
    ),
]


def store_from(db: str | None, config: Path | None, *, upgrade: bool = True) -> Store:
    return open_store(db, settings_url=settings_from(config).database_url, upgrade=upgrade)


def cli_actor() -> str:
    """Who is acting at the command line (the OS user name; never patient data)."""
    return Caller.cli().actor
