"""Options and helpers shared by several commands."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from armslength.config import Settings, load_settings

if TYPE_CHECKING:
    from rich.console import Console

    from armslength.service import Core

    console: Console
    err_console: Console
    ConfigOption = Path | None  # at run time: Annotated with its typer.Option (see _options)
    JsonOption = bool


def _options() -> dict[str, Any]:
    import typer

    return {
        "ConfigOption": Annotated[
            Path | None,
            typer.Option(
                "--config",
                help="Settings file (TOML). Default: $ARMSLENGTH_CONFIG, then the user config dir.",
                dir_okay=False,
            ),
        ],
        "JsonOption": Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")],
    }


def __getattr__(name: str) -> Any:
    """``console`` and ``err_console``, made on first use: a ``--json`` run never loads Rich;
    ``ConfigOption`` and ``JsonOption`` (Typer options) too: ``screen``'s fast path
    (:mod:`armslength.cli._fast`) never loads Typer."""
    if name in ("ConfigOption", "JsonOption"):
        options = _options()
        globals().update(options)
        return options[name]
    if name in ("console", "err_console"):
        from rich.console import Console

        value = Console(stderr=name == "err_console")
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def settings_from(config: Path | None) -> Settings:
    return load_settings(config)


def core_from(
    config: Path | None,
    *,
    policy: Path | None = None,
    allow: Sequence[str] = (),
    disable: Sequence[str] = (),
) -> Core:
    """The application core for a command: the settings file, with the command's
    ``--policy`` in place of the settings' and its ``--allow``/``--disable`` added to theirs."""
    from armslength.service import Core

    settings = settings_from(config)
    if policy is not None:
        settings = settings.model_copy(update={"policy": str(policy)})
    if allow or disable:
        screen = settings.screen
        section = screen.model_copy(
            update={
                "allow_terms": [*screen.allow_terms, *allow],
                "disable": [*screen.disable, *disable],
            }
        )
        settings = settings.model_copy(update={"screen": section})
    return Core.for_cli(settings)


def print_warning(warning: str | None) -> None:
    """A one-line warning on stderr, never wrapped (scripts grep for it)."""
    if warning:
        sys.stderr.write(warning + "\n")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
