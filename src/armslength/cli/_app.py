"""The Typer application object and the error boundary of the CLI."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from armslength._version import __version__
from armslength.errors import ArmslengthError


class _Group(TyperGroup):
    """Turns library errors into one line on stderr and exit code 2; help fit for 80 columns."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from armslength.cli._help import readable

        readable(self)
        super().format_help(ctx, formatter)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        from armslength.cli._help import readable

        command = super().get_command(ctx, cmd_name)
        return None if command is None else readable(command)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ArmslengthError as exc:
            typer.echo(f"armslength: error: {exc}", err=True)
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=_Group,
    name="armslength",
    help=(
        "Keep your social media at arm's length from your patients: advise on requests "
        "and messages, screen drafts for patient information, audit your downloaded archives."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"armslength {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Armslength command line."""
