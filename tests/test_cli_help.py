"""Every command's ``--help`` reads at 80 columns: whole option names, choice lists that wrap
between words, and no ``<bool>`` (or any ``<type>``) placeholder on flags and arguments."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from armslength.cli import app

WIDTH = 80
ENV = {"COLUMNS": str(WIDTH), "NO_COLOR": "1", "TERMINAL_WIDTH": str(WIDTH)}
runner = CliRunner()


def command_paths(
    command: Any, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from command_paths(sub, (*path, name))


COMMANDS = list(command_paths(typer.main.get_command(app)))


def help_text(path: tuple[str, ...]) -> str:
    result = runner.invoke(app, [*path, "--help"], env=ENV)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_command_is_covered() -> None:
    names = {path[0] for path, _ in COMMANDS if path}
    assert {"advise", "screen", "audit", "init", "policy", "serve", "match"} <= names
    assert ("policy", "sources") in [path for path, _ in COMMANDS]


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(path) or "root" for path, _ in COMMANDS]
)
def test_help_fits_80_columns(path: tuple[str, ...], command: Any) -> None:
    text = help_text(path)
    lines = text.splitlines()
    assert all(len(line) <= WIDTH for line in lines), max(lines, key=len)
    assert "<bool>" not in text
    assert not re.search(r"<[a-z][\w\[\]|, -]*>", text), "a <type> placeholder is shown"
    cells = " ".join(lines)
    for param in command.params:
        for name in [*param.opts, *param.secondary_opts]:
            if name.startswith("--"):
                assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", cells), name
        choices = getattr(param, "type_descriptor", None)
        if choices is not None and choices.is_choice:
            for choice in choices.choices or ():
                value = str(getattr(choice, "value", choice))
                # each choice whole on one line: not cut mid-word at a column edge
                assert any(
                    re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", line) for line in lines
                ), (name, value)
    # an ellipsis only where the help text itself has one (Rich marks a cut cell with "…")
    written = " ".join(
        [command.help or "", *(getattr(p, "help", None) or "" for p in command.params)]
    )
    assert text.count("…") <= written.count("…")


def test_screen_text_option_and_not_a_path_message() -> None:
    text = help_text(("screen",))
    assert "--text" in text
    secret = "Saw Mrs Patel in clinic today"
    result = runner.invoke(app, ["screen", secret], env=ENV)
    assert result.exit_code == 2
    assert "--text" in result.stderr and "standard input (-)" in result.stderr
    assert "Patel" not in result.output
    given = runner.invoke(app, ["screen", "--text", secret, "--fail-on", "none"], env=ENV)
    assert given.exit_code == 0 and "Patel" in given.stdout
