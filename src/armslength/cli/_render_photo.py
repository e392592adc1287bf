"""Readable Rich rendering of a photo's screen result (the CLI's default output)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from armslength._plain import NONE, short_why, what

if TYPE_CHECKING:
    from armslength.photos import PhotoResult

LEAD = "Don't post this photo as it is: it can identify a patient — see what was found."


def _where(box: list[int] | None, field: str | None) -> str:
    if box is not None:
        return "at x={}, y={}, {}x{}".format(*box)
    return field or ""


def print_photo(console: Console, result: PhotoResult, *, details: bool) -> None:
    info = result.photo
    console.print(
        f"{info.type.upper()} {info.width}x{info.height}: {info.faces} face(s), "
        f"{info.text_chars} characters of text read"
    )
    if not result.findings:
        console.print(f"[green]{NONE}[/green]")
    else:
        console.print(Text(LEAD, style="bold"))
        table = Table(title=f"Risk: {result.risk.value}")
        for column in ("from", "what", "text", "where", "severity", "why"):
            table.add_column(column, overflow="fold")
        for f in result.findings:
            why = f"{f.why} ({f.rule})" if details else short_why(f.why)
            cells = (f.source.value, what(f), f.text, _where(f.box, f.field), f.severity.value, why)
            table.add_row(*(Text(str(cell)) for cell in cells))
        console.print(table)
    if result.redacted is not None:
        console.print(Text("Copy written: ", style="bold") + Text(result.redacted))
