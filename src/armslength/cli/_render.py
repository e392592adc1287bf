"""Readable Rich rendering of advice (the CLI's default output).

The short form leads with what to do: the headline, the one sentence to act on, the points to
weigh and the reply. Rule ids, strength codes, sources and their verification are shown only
with ``--details``.
"""

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
STATUS_WORDS = {
    "confirmed": "",
    "confirmed_secondary": "confirmed from secondary reports only",
    "partially_confirmed": "partly confirmed",
    "unverified": "not verified",
}
MORE = "For the reasons, sources and alternatives: add --details."


def source_line(ref: SourceRef) -> str:
    status = STATUS_WORDS[ref.verification]
    flag = f" [dim]({status})[/]" if status else ""
    line = f"{escape(ref.body)} {escape(str(ref.year))}: {escape(ref.title)}{flag} [dim]{escape(ref.url)}[/]"
    for old in ref.history:
        line += f"\n      [dim]replaces {escape(old.body)} {escape(str(old.year))}: {escape(old.title)}[/]"
    return line


def reason_block(reason: Reason) -> Group:
    lines: list[Text | str] = [
        Text(reason.summary),
        Text.from_markup(f"  [dim]rule {escape(reason.rule)}, strength {reason.strength.value}[/]"),
    ]
    lines += [Text.from_markup(f"  • {source_line(ref)}") for ref in reason.sources]
    if reason.disagreement:
        lines.append(Text.from_markup(f"  [italic]{escape(reason.disagreement)}[/]"))
    return Group(*lines)


def _short(advice: Advice) -> list[Group | Text]:
    parts: list[Group | Text] = [Text(advice.action)]
    if advice.weigh and advice.verdict == Verdict.REVIEW:  # the points the call turns on
        parts += [Text(f"  • {item}") for item in advice.weigh[:3]]
    if advice.reply:
        parts += [Text(""), Text(advice.reply, style="cyan")]
    parts += [Text(""), Text(MORE, style="dim")]
    return parts


def _details(advice: Advice) -> list[Group | Text]:
    parts: list[Group | Text] = []
    if advice.weigh:
        parts.append(Text("\nWhat to weigh:", style="bold"))
        parts += [Text(f"  • {item}") for item in advice.weigh]
    if advice.reply:
        parts.append(Text("\nReply to send:", style="bold"))
        parts.append(Text(advice.reply, style="cyan"))
    parts.append(Text("\nWhy:", style="bold"))
    parts += [reason_block(reason) for reason in advice.reasons]
    if advice.alternatives:
        parts.append(Text("\nAlternatives:", style="bold"))
        parts += [Text(f"  • {item}") for item in advice.alternatives]
    parts += [Text(f"\nNote: {note}", style="dim") for note in advice.notes]
    parts.append(Text(f"\nRulebook {advice.policy_version}", style="dim"))
    return parts


def print_advice(
    console: Console, advice: Advice, title: str | None = None, *, details: bool = False
) -> None:
    style = VERDICT_STYLE[advice.verdict]
    parts: list[Group | Text] = [Text(advice.headline, style=style)]
    parts += [Text(advice.action), *_details(advice)] if details else _short(advice)
    console.print(Panel(Group(*parts), title=title, border_style=style.split()[-1]))
