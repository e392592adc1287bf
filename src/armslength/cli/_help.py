"""``--help`` that reads well at 80 columns.

Typer's rich help shows each option's type in a column of its own: ``<bool>`` on flags that take
no value, and choice lists such as ``<current-patient|former-patient|…>`` that wrap mid-word and
squeeze the option names. Here each option gets a short placeholder instead (``TEXT``, ``FILE``,
``N``, the option's name for a choice), flags get none, and the choices move into the help text,
where they wrap between words. (Typer carries its own copy of Click, so parameters are read by
their attributes, not their classes.)
"""

from __future__ import annotations

from typing import Any

PLACEHOLDERS = {"int": "N", "float": "NUMBER"}
PATHS = {"file": "FILE", "directory": "FOLDER"}


def _choices(param: Any) -> list[str] | None:
    descriptor = param.type_descriptor
    if not descriptor.is_choice:
        return None
    return [str(getattr(choice, "value", choice)) for choice in descriptor.choices or ()]


def _placeholder(param: Any) -> str:
    descriptor = param.type_descriptor
    if descriptor.is_choice:
        return str(param.name or "value").upper().replace("_", "-")
    if descriptor.is_path:
        return PATHS.get(str(descriptor.path_type), "PATH")
    element = param.bare_type().removeprefix("list[").removesuffix("]")
    return PLACEHOLDERS.get(element, "TEXT")


def _option(param: Any) -> None:
    if param.is_flag or param.count:
        param.metavar = ""
        return
    param.metavar = _placeholder(param)
    choices = _choices(param)
    if choices:
        listed = "One of: " + ", ".join(choices) + "."
        param.help = f"{param.help} {listed}" if param.help else listed


def _plain_help_option(command: Any) -> None:
    """``--help`` is made on demand; give it no placeholder either."""
    make = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = make(ctx)
        if option is not None:
            option.metavar = ""
        return option

    command.get_help_option = get_help_option


def readable(command: Any) -> Any:
    """*command* (and its subcommands) with placeholders fit for 80 columns. Idempotent."""
    if getattr(command, "_readable_help", False):
        return command
    _plain_help_option(command)
    for param in command.params:
        if param.param_type_name == "option" and param.metavar is None:
            _option(param)
        elif param.param_type_name == "argument":  # its name says what it is; no <str> beside it
            param.display_type_rich = lambda ctx: None
    for sub in getattr(command, "commands", {}).values():
        readable(sub)
    command._readable_help = True
    return command
