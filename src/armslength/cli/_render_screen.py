"""Readable Rich rendering of a screen result (the CLI's default output).

The short form leads with one sentence to act on and a table of what was found, in plain words;
rule ids, the full reasons and their sources are shown only with ``--details``.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from armslength._plain import short_why
from armslength.model import Category, Finding, ScreenResult, Severity

STYLE = {
    Severity.HIGH: "bold white on red",
    Severity.MEDIUM: "black on yellow",
    Severity.LOW: "underline",
}
# The one sentence a result leads with: by risk, then by the category of its worst finding.
LEAD: dict[Severity, dict[Category, str]] = {
    level: {
        Category.PHI: "Don't post this as written: it can identify a patient — change or remove "
        "the highlighted parts.",
        Category.RELATIONSHIP: "Don't post this as written: it confirms that someone is your "
        "patient.",
        Category.PROFESSIONALISM: "Think again before posting: the highlighted parts could harm "
        "trust in you or your profession.",
    }
    for level in (Severity.HIGH, Severity.MEDIUM)
}
LOW = "Probably fine, but check the highlighted parts before you post."
NONE = "No findings. Risk: none"
WHAT = {
    "NAME": "a name",
    "LOCATION": "a place",
    "DATE": "a date",
    "AGE": "an age",
    "CONTACT": "contact details",
    "ID": "an ID number",
    Category.RELATIONSHIP.value: "confirms a patient",
    Category.PROFESSIONALISM.value: "professionalism",
}
MORE = "For the rule ids, full reasons and sources: add --details."


def lead(result: ScreenResult) -> str:
    if not result.findings:
        return NONE
    if result.risk not in LEAD:
        return LOW
    worst = max(result.findings, key=lambda f: (Severity(f.severity).rank, f.score))
    return LEAD[Severity(result.risk)][Category(worst.category)]


def what(finding: Finding) -> str:
    return WHAT.get(finding.label or finding.category.value, finding.label or finding.category)


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
            label = f.label or f.category.value
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
