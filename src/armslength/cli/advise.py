"""``armslength advise``: should I accept this request / answer this message?"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from armslength.cli import _common
from armslength.cli._app import app
from armslength.cli._common import (
    ConfigOption,
    JsonOption,
    core_from,
    print_json,
    print_warning,
)
from armslength.model import Account, Jurisdiction, Kind, Platform, Relationship, Role, Tone
from armslength.service import AdviseRequest


@app.command()
def advise(
    relationship: Annotated[
        Relationship, typer.Option(help="Who the other person is to you.")
    ] = Relationship.UNKNOWN,
    kind: Annotated[
        Kind,
        typer.Option(help="friend = mutual connection, follow = one-way, or message/tag/review."),
    ] = Kind.FRIEND,
    account: Annotated[Account, typer.Option(help="Which of your accounts it concerns.")] = (
        Account.PERSONAL
    ),
    platform: Annotated[Platform, typer.Option(help="Where it happened.")] = Platform.OTHER,
    role: Annotated[
        Role | None, typer.Option(help="Your role (default: from your profile).")
    ] = None,
    jurisdiction: Annotated[
        Jurisdiction | None,
        typer.Option(help="Whose guidance applies (default: from your profile; intl = strictest)."),
    ] = None,
    preexisting: Annotated[
        bool, typer.Option("--preexisting", help="A personal relationship that predates the care.")
    ] = False,
    message: Annotated[
        str | None,
        typer.Option(
            help="The message they sent (used to tell its topic; never echoed or stored)."
        ),
    ] = None,
    tone: Annotated[Tone | None, typer.Option(help="Tone of the suggested reply.")] = None,
    policy: Annotated[
        Path | None,
        typer.Option("--policy", help="Organisation override file (YAML).", dir_okay=False),
    ] = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
) -> None:
    """Advise on a request, follow, message, tag or review: verdict, reasons, a reply."""
    core = core_from(config, policy=policy)
    request = AdviseRequest(
        relationship=relationship, kind=kind, account=account, platform=platform, role=role,
        jurisdiction=jurisdiction, preexisting=preexisting, message=message, tone=tone,
    )  # fmt: skip
    outcome = core.advise(request)
    if json_output:
        print_json(outcome.value.to_json_dict())
    else:
        from armslength.cli._render import print_advice  # Rich, for human output only

        print_advice(_common.console, outcome.value)
    print_warning(outcome.warning)
