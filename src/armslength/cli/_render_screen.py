"""Readable Rich rendering of a screen result (the CLI's default output).

The short form leads with one sentence to act on and a table of what was found, in plain words;
rule ids, the full reasons and their sources are shown only with ``--details``.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from armslength._plain import NONE, lead, short_why, what
from armslength.model import ScreenResult, Severity

STYLE = {
    Severity.HIGH: "bold white on red",
    Severity.MEDIUM: "black on yellow",
    Severity.LOW: "underline",
}
MORE = "For the rule ids, full reasons and sources: add --details."


def _table(result: ScreenResult, details: bool) -> Table:
    table = Table(title=f"Risk: {result.risk.value}", show_lines=False)
    columns = (
        ("text", "label", "severity", "rule", "why")
        if details
        else ("text", "what", "severity", "why")
    )
    for column in columns:
        table.add_column(column, overflow="fold")
    for f in result.findings:
        if details:
            label = f.label or f.category.value.upper()
            why = f"{f.why} (sources: {', '.join(f.sources)})" if f.sources else f.why
            cells: tuple[str, ...] = (f.text, label, f.severity.value, f.rule, why)
        else:
            cells = (f.text, what(f), f.severity.value, short_why(f.why))
        table.add_row(*(Text(cell) for cell in cells))
    return table


def print_result(console: Console, result: ScreenResult, text: str, *, details: bool) -> None:
    styled = Text(text)
    for finding in result.findings:
        styled.stylize(STYLE[finding.severity], finding.start, finding.end)
    console.print(styled)
    if not result.findings:
        console.print(f"[green]{NONE}[/green]")
        return
    console.print(Text(lead(result), style="bold"))
    console.print(_table(result, details))
    if result.redacted is not None:
        console.print(Text("Redacted: ", style="bold") + Text(result.redacted))
    if not details:
        console.print(Text(MORE, style="dim"))
