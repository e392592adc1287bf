"""``armslength screen`` in its plain forms, run without Typer.

Typer builds its parser and a Pydantic ``TypeAdapter`` for each of the command's parameters at
every start: about 0.1 s of CPU of a one-post screening's 0.4. The forms batches and scripts
use, a file path with ``--json`` or ``--jsonl`` and at most ``--kind`` and ``--fail-on``
(each option once, values as Typer accepts them), run here with the same functions as
:mod:`armslength.cli.screen`: the same output, audit events, messages and exit codes. Every
other form (other options, standard input, a photo, help, a value Typer would refuse, shell
completion) goes to Typer as before.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from dataclasses import dataclass
from typing import TextIO, cast

_KINDS = ("post", "comment", "message", "reply")
_LEVELS = ("none", "low", "medium", "high")
_FLAGS = ("--json", "--jsonl")
_VALUED = ("--kind", "--fail-on")


@dataclass(frozen=True)
class _Form:
    path: str
    jsonl: bool
    kind: str = "post"
    fail_on: str = "medium"


def parse(argv: list[str]) -> _Form | None:
    """The form of ``screen`` *argv* (after the command name) when this path runs it."""
    seen: set[str] = set()
    values: dict[str, str] = {}
    paths: list[str] = []
    args = iter(argv)
    for arg in args:
        name, equals, value = arg.partition("=")
        if arg in _FLAGS:
            name = arg
        elif name in _VALUED:
            if not equals:
                value = next(args, "")
            if not value or value.startswith("-"):
                return None
            values[name] = value
        elif not arg.startswith("-"):
            paths.append(arg)
            continue
        else:
            return None
        if name in seen:
            return None
        seen.add(name)
    if len(paths) != 1 or not (seen & set(_FLAGS)):
        return None
    kind, fail_on = values.get("--kind", "post"), values.get("--fail-on", "medium")
    if kind not in _KINDS or fail_on not in _LEVELS:
        return None
    return _Form(paths[0], "--jsonl" in seen, kind, fail_on)


def _complete_requested() -> bool:
    """Shell completion (Click's ``_ARMSLENGTH_COMPLETE``) is Typer's to answer."""
    return bool(os.environ.get("_ARMSLENGTH_COMPLETE"))


def run(argv: list[str]) -> None:
    """Run ``screen`` *argv* and exit, or return (having done nothing) for Typer to run it."""
    form = parse(argv)
    if form is None or _complete_requested():
        return
    # The exceptions are handled as Typer's main loop handles them (typer.core._main).
    try:
        code = _screen(form)
    except EOFError:
        _echo_stderr("")
        _echo_stderr("Aborted!")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        from typer._click.utils import PacifyFlushWrapper

        sys.stdout = cast(TextIO, PacifyFlushWrapper(sys.stdout))
        sys.stderr = cast(TextIO, PacifyFlushWrapper(sys.stderr))
        sys.exit(1)
    if code is not None:
        sys.exit(code)


def _echo_stderr(message: str) -> None:
    import typer

    typer.echo(message, err=True)


def _screen(form: _Form) -> int | None:
    from armslength.errors import ArmslengthError

    try:
        return _screen_text(form)
    except ArmslengthError as exc:  # as the CLI's error boundary (armslength.cli._app)
        _echo_stderr(f"armslength: error: {exc}")
        return 2


def _screen_text(form: _Form) -> int | None:
    """``screen_command`` for the form: None when the file is a photo (Typer screens it)."""
    from armslength._io import decode_text
    from armslength.cli._screen_io import FailOn, _batch, _fails, _read, _stream_json
    from armslength.config import load_settings
    from armslength.model import ContentKind
    from armslength.service import Core

    gc.freeze()  # as main() does before Typer runs a command
    core = Core.for_cli(load_settings(None))
    kind, fail_on = ContentKind(form.kind), FailOn(form.fail_on)
    data = _read(form.path)
    if form.jsonl:
        return _batch(core, data, form.path, kind, fail_on, redact=False, roster=None, workers=1)
    if _is_photo(data):
        return None
    text = decode_text(data, form.path, what="text file")
    risk = _stream_json(core, text, kind, None)
    return 1 if _fails(risk.value, fail_on) else 0


def _is_photo(data: bytes) -> bool:
    from armslength.photos import sniff

    return sniff(data) is not None
