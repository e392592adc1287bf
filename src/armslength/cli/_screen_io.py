"""What ``armslength screen`` reads and writes for text, without Typer.

The command (:mod:`armslength.cli.screen`) and its fast path (:mod:`armslength.cli._fast`)
share these: reading the input, the JSON output, the JSONL batch and the exit code.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armslength._io import read_bytes
from armslength.cli import _common
from armslength.cli._common import print_warning
from armslength.errors import InputError
from armslength.model import ContentKind, Finding, ScreenResult, Severity
from armslength.screen._json import finding_json

if TYPE_CHECKING:
    from armslength.roster import Roster
    from armslength.service import Core, Recorded


class FailOn(StrEnum):
    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


def _read(path: str) -> bytes:
    if path != "-" and not Path(path).exists() and _looks_like_text(path):
        raise InputError(
            "the argument is not a file; to screen text, pass it with --text TEXT or on "
            "standard input (-)",
            field="PATH",
        )
    return read_bytes(path, what="text or JSONL file")


def _looks_like_text(argument: str) -> bool:
    """A sentence (or a bare word: a name?) typed where a path belongs: never echoed, as it
    may be about a patient. A missing path (with a folder or an extension) is named."""
    if len(argument) > 200 or any(ch.isspace() for ch in argument.strip()):
        return True
    return not ("/" in argument or "\\" in argument or Path(argument).suffix)


def _fails(risk: str, fail_on: FailOn) -> bool:
    return fail_on is not FailOn.NONE and Severity(risk).rank >= Severity(fail_on.value).rank


def _write_json(result: ScreenResult, *, with_redacted: bool) -> None:
    """The result JSON, written finding by finding (a long text can have many)."""
    items = (json.dumps(finding_json(f), ensure_ascii=False) for f in result.findings)
    redacted = result.redacted if with_redacted else None
    _write_json_items(result.id, result.risk, items, redacted, with_redacted=with_redacted)


def _write_json_items(
    id: str | None,
    risk: Severity,
    items: Iterable[str],
    redacted: str | None,
    *,
    with_redacted: bool = False,
) -> None:
    out = sys.stdout
    out.write(f'{{\n  "id": {json.dumps(id)},\n  "risk": "{risk.value}",\n')
    out.write('  "findings": [')
    count = 0
    for item in items:
        out.write(("," if count else "") + "\n    " + item)
        count += 1
    out.write("\n  ]" if count else "]")
    if with_redacted:
        out.write(f',\n  "redacted": {json.dumps(redacted, ensure_ascii=False)}')
    out.write("\n}\n")


def _warn(outcome: Recorded[Any]) -> None:
    print_warning(outcome.warning)


def _batch(
    core: Core, data: bytes, path: str, kind: ContentKind, fail_on: FailOn, **options: Any
) -> int:
    def emit(out: Any) -> None:
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        if "error" in out:
            message = f"armslength: {path}:{out['line']}: {out['error']}"
            _common.err_console.print(message, markup=False, highlight=False)

    outcome = core.screen_lines(data.split(b"\n"), kind, emit, **options)
    _warn(outcome)
    tally = outcome.value
    if tally.screened == 0:
        _common.err_console.print(
            f"armslength: error: {path}: no line could be screened", markup=False
        )
        return 2
    return 1 if any(_fails(risk.value, fail_on) for risk in tally.risks) else 0


def _stream_json(core: Core, text: str, kind: ContentKind, roster: Roster | None) -> Severity:
    """``--json`` without ``--redact``: findings are kept as JSON lines, not objects, so a
    10 MB text with 200,000 findings stays within a few hundred megabytes."""
    items: list[str] = []

    def keep(finding: Finding) -> None:
        items.append(json.dumps(finding_json(finding), ensure_ascii=False))

    outcome = core.screen_findings(text, kind, keep, roster=roster)
    _warn(outcome)
    _write_json_items(None, outcome.value, items, None)
    return outcome.value
