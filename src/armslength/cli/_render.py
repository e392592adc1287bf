"""Readable Rich rendering of advice and rules (the CLI's default output)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from armslength.model import Advice, Reason, SourceRef, Verdict

VERDICT_STYLE = {
    Verdict.DECLINE: "bold red",
    Verdict.REVIEW: "bold yellow",
    Verdict.ACCEPT: "bold green",
}
VERDICT_WORDS = {
    Verdict.DECLINE: "DECLINE: do not accept or engage on this channel",
    Verdict.REVIEW: "REVIEW: needs your judgement",
    Verdict.ACCEPT: "ACCEPT: no patient-boundary concern",
}


def source_line(ref: SourceRef) -> str:
    flag = (
        ""
        if ref.verification == "confirmed"
        else f" [dim]({ref.verification.replace('_', ' ')})[/]"
    )
    return f"{escape(ref.body)} {escape(str(ref.year))}: {escape(ref.title)}{flag} [dim]{escape(ref.url)}[/]"


def reason_block(reason: Reason) -> Group:
    lines: list[Text | str] = [
        Text.from_markup(f"[bold]{escape(reason.rule)}[/] [dim]({reason.strength.value})[/]"),
        Text(reason.summary),
    ]
    lines += [Text.from_markup(f"  • {source_line(ref)}") for ref in reason.sources]
    if reason.disagreement:
        lines.append(Text.from_markup(f"  [italic]{escape(reason.disagreement)}[/]"))
    return Group(*lines)


def print_advice(console: Console, advice: Advice, title: str | None = None) -> None:
    style = VERDICT_STYLE[advice.verdict]
    parts: list[Group | Text] = [Text(VERDICT_WORDS[advice.verdict], style=style), Text("")]
    parts += [reason_block(reason) for reason in advice.reasons]
    if advice.weigh:
        parts.append(Text("\nWhat to weigh:", style="bold"))
        parts += [Text(f"  • {item}") for item in advice.weigh]
    if advice.reply:
        parts.append(Text("\nSuggested reply:", style="bold"))
        parts.append(Text(advice.reply, style="cyan"))
    if advice.alternatives:
        parts.append(Text("\nAlternatives:", style="bold"))
        parts += [Text(f"  • {item}") for item in advice.alternatives]
    parts += [Text(f"\nNote: {note}", style="dim") for note in advice.notes]
    console.print(Panel(Group(*parts), title=title, border_style=style.split()[-1]))
