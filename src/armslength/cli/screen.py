"""``armslength screen``: check a draft (or a JSONL batch) before it is published."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from armslength._io import decode_text
from armslength.cli import _common
from armslength.cli._app import app
from armslength.cli._common import (
    ConfigOption,
    JsonOption,
    core_from,
    print_json,
    print_warning,
)
from armslength.cli._screen_io import (
    FailOn,
    _batch,
    _fails,
    _read,
    _stream_json,
    _warn,
    _write_json,
)
from armslength.errors import InputError
from armslength.model import ContentKind, ScreenResult
from armslength.screen.redact import RedactStyle

if TYPE_CHECKING:
    from armslength.photos import PhotoResult
    from armslength.roster import Roster
    from armslength.service import Core


def _print_rules(json_out: bool) -> None:
    from armslength.screen.recognizers import screen_rules

    rules = screen_rules()
    if json_out:
        print_json([dataclasses.asdict(rule) for rule in rules])
        return
    from rich.table import Table  # human output only: --json never loads Rich's tables
    from rich.text import Text

    table = Table(title="Screen rules (turn one off with --disable RULE)")
    for column in ("rule", "finds", "what"):
        table.add_column(column, overflow="fold")
    for rule in rules:
        table.add_row(rule.rule, rule.label or rule.category, Text(rule.description))
    _common.console.print(table)


def _load_roster(roster: Path | None) -> Roster | None:
    if roster is None:
        return None
    from armslength.roster import load_roster

    return load_roster(roster)


def _render(result: ScreenResult, text: str, details: bool) -> None:
    from armslength.cli._render_screen import print_result  # Rich, for human output only

    print_result(_common.console, result, text, details=details)


@app.command("screen")
def screen_command(
    path: Annotated[
        str, typer.Argument(help="Text file to screen, or - for standard input.")
    ] = "-",
    kind: Annotated[
        ContentKind, typer.Option("--kind", help="What the text is.")
    ] = ContentKind.POST,
    roster: Annotated[
        Path | None,
        typer.Option("--roster", help="Patient roster (CSV or FHIR): their names are high risk."),
    ] = None,
    json_out: JsonOption = False,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl",
            help='Input is JSONL ({"id", "text", "kind"?} per line); output one result per line.',
        ),
    ] = False,
    redact: Annotated[
        bool, typer.Option("--redact", help="Also print the text with findings replaced.")
    ] = False,
    redact_style: Annotated[
        RedactStyle,
        typer.Option(
            "--redact-style", help="tag ([NAME]), mask (███) or fake (consistent surrogates)."
        ),
    ] = RedactStyle.TAG,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 when the risk is at or above this level.")
    ] = FailOn.MEDIUM,
    allow: Annotated[
        list[str] | None,
        typer.Option("--allow", help="A term that is never a finding (repeatable)."),
    ] = None,
    disable: Annotated[
        list[str] | None,
        typer.Option("--disable", help="A rule id to turn off (repeatable; see --list-rules)."),
    ] = None,
    text_arg: Annotated[
        str | None,
        typer.Option("--text", help="The text to screen, given here instead of a file."),
    ] = None,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="List the rule ids the screen reports, and exit.")
    ] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes for --jsonl.")] = 1,
    details: Annotated[
        bool,
        typer.Option("--details", help="Also show each finding's rule, full reason and sources."),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Photos: where --redact/--strip-metadata write the copy."),
    ] = None,
    strip_metadata: Annotated[
        bool,
        typer.Option("--strip-metadata", help="Photos: write a copy without its metadata."),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Screen text (or a photo: JPEG, PNG, WebP, HEIC, GIF) for patient information, replies that
    confirm a patient, and professionalism risks."""
    if list_rules:
        _print_rules(json_out)
        raise typer.Exit(0)
    core = core_from(config, allow=allow or (), disable=disable or ())
    patients = _load_roster(roster)
    style: RedactStyle | bool = redact_style if redact else False
    data = text_arg.encode("utf-8") if text_arg is not None else _read(path)
    if text_arg is None and not jsonl and _is_photo(data):
        photo_options = {"redact": redact, "strip_metadata": strip_metadata, "out": out}
        result = _screen_photo(core, data, path, kind, patients, **photo_options)
        _print_photo(result, json_out, details)
        raise typer.Exit(1 if _fails(result.risk.value, fail_on) else 0)
    if strip_metadata or out is not None:
        raise InputError("--out and --strip-metadata are for photos", field="--out")
    if jsonl:
        options = {"redact": style, "roster": patients, "workers": workers}
        raise typer.Exit(_batch(core, data, path, kind, fail_on, **options))
    text = decode_text(data, path, what="text file")
    if json_out and not redact:
        risk = _stream_json(core, text, kind, patients)
        raise typer.Exit(1 if _fails(risk.value, fail_on) else 0)
    outcome = core.screen(text, kind, redact=style, roster=patients)
    _warn(outcome)
    if json_out:
        _write_json(outcome.value, with_redacted=redact)
    else:
        _render(outcome.value, text, details)
    raise typer.Exit(1 if _fails(outcome.value.risk.value, fail_on) else 0)


def _is_photo(data: bytes) -> bool:
    from armslength.photos import sniff

    return sniff(data) is not None


def _screen_photo(
    core: Core, data: bytes, path: str, kind: ContentKind, roster: Roster | None, **options: Any
) -> PhotoResult:
    outcome = core.screen_photo(data, path, kind, roster=roster, **options)
    print_warning(outcome.warning)
    return outcome.value


def _print_photo(result: PhotoResult, json_out: bool, details: bool) -> None:
    if json_out:
        print_json(result.model_dump(mode="json", exclude={"text"}, exclude_none=False))
        return
    from armslength.cli._render_photo import print_photo

    print_photo(_common.console, result, details=details)
