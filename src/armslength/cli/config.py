"""``armslength init`` and ``armslength config``: the clinician's profile."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.markup import escape

from armslength.cli._app import app
from armslength.cli._common import ConfigOption, console, print_json
from armslength.config import (
    Profile,
    Settings,
    load_settings,
    resolve_config_path,
    settings_from_dict,
    write_settings,
)
from armslength.errors import ConfigError
from armslength.model import Jurisdiction, Role, Tone

config_app = typer.Typer(help="Show where the settings live and what they say.")
app.add_typer(config_app, name="config")

_CHANNEL_PROMPTS = {
    "website": "Practice website (https://…)",
    "portal": "Patient-portal URL (https://…)",
    "email": "Practice e-mail",
    "phone": "Practice phone",
    "professional_page": "Your professional page (https://…)",
}


def _ask(label: str, current: str | None) -> str | None:
    answer: str = typer.prompt(label, default=current or "", show_default=bool(current))
    return answer.strip() or None


def _interactive(profile: Profile) -> Profile:
    data = profile.model_dump(mode="json")
    data["role"] = typer.prompt("Role", default=profile.role.value)
    data["jurisdiction"] = typer.prompt("Jurisdiction", default=profile.jurisdiction.value)
    data["practice_name"] = _ask("Practice name", profile.practice_name)
    for key, label in _CHANNEL_PROMPTS.items():
        data["channels"][key] = _ask(label, getattr(profile.channels, key))
    return settings_from_dict({"profile": data}, source="<answers>").profile


@app.command()
def init(
    role: Annotated[Role | None, typer.Option(help="Your role.")] = None,
    jurisdiction: Annotated[
        Jurisdiction | None, typer.Option(help="Whose guidance applies.")
    ] = None,
    practice_name: Annotated[str | None, typer.Option(help="Practice or hospital name.")] = None,
    website: Annotated[str | None, typer.Option(help="Practice website URL.")] = None,
    portal: Annotated[str | None, typer.Option(help="Patient-portal URL.")] = None,
    email: Annotated[str | None, typer.Option(help="Practice e-mail address.")] = None,
    phone: Annotated[str | None, typer.Option(help="Practice phone number.")] = None,
    professional_page: Annotated[
        str | None, typer.Option(help="Your professional page URL.")
    ] = None,
    tone: Annotated[Tone | None, typer.Option(help="Tone of suggested replies.")] = None,
    interactive: Annotated[
        bool | None,
        typer.Option(
            "--interactive/--no-interactive", help="Ask for each value (default: on a terminal)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    config: ConfigOption = None,
) -> None:
    """Write your profile (role, jurisdiction, practice, professional channels) to a TOML file."""
    path, _ = resolve_config_path(config)
    if path.exists() and not force:
        raise ConfigError("config file exists (use --force to overwrite)", path=path)
    given = {
        "website": website,
        "portal": portal,
        "email": email,
        "phone": phone,
        "professional_page": professional_page,
    }
    data = Profile().model_dump(mode="json")
    data["channels"].update({k: v for k, v in given.items() if v is not None})
    for key, value in (("role", role), ("jurisdiction", jurisdiction), ("tone", tone)):
        if value is not None:
            data[key] = value.value
    data["practice_name"] = practice_name
    profile = settings_from_dict({"profile": data}, source="<options>").profile
    if interactive if interactive is not None else sys.stdin.isatty():
        profile = _interactive(profile)
    written = write_settings(Settings(profile=profile), path)
    console.print(f"[green]Wrote[/] {escape(str(written))}")
    if not profile.channels.any():
        console.print(
            "[yellow]No professional channels set: replies will point to the practice's "
            "usual contact details.[/]"
        )


@config_app.command("path")
def config_path(config: ConfigOption = None) -> None:
    """Print the settings file in use."""
    path, _ = resolve_config_path(config)
    typer.echo(str(path))


@config_app.command("show")
def config_show(config: ConfigOption = None) -> None:
    """Print the settings in effect (defaults filled in) as JSON."""
    settings = load_settings(config)
    print_json(settings.model_dump(mode="json"))
