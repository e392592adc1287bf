"""``armslength policy``: read and check the rulebook."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from armslength.cli._app import app
from armslength.cli._common import JsonOption, console, print_json
from armslength.policy import Rule, Source, load_policy

policy_app = typer.Typer(help="Read the rulebook, its sources, and check override files.")
app.add_typer(policy_app, name="policy")

PolicyOption = Annotated[
    Path | None, typer.Option("--policy", help="Organisation override file (YAML).", dir_okay=False)
]


def _when(rule: Rule) -> str:
    data = rule.when.model_dump(exclude_none=True)
    return (
        "; ".join(
            f"{key}={','.join(sorted(str(v) for v in value)) if isinstance(value, frozenset) else value}"
            for key, value in data.items()
        )
        or "any"
    )


@policy_app.command("list")
def list_rules(policy: PolicyOption = None, json_output: JsonOption = False) -> None:
    """List every rule: the situation, verdict and cited sources."""
    book = load_policy(policy)
    if json_output:
        print_json(
            {"version": book.version, "rules": [r.model_dump(mode="json") for r in book.rules]}
        )
        return
    console.print(f"[bold]Armslength rulebook {escape(book.version)}[/]: {len(book.rules)} rules")
    for rule in book.rules:
        verdict = rule.verdict.value if rule.verdict else "(reason only)"
        console.print(f"\n[bold]{rule.id}[/]  {verdict}  [dim]{rule.strength.value}[/]")
        console.print(f"    when: {escape(_when(rule))}")
        console.print(f"    sources: {', '.join(c.id for c in rule.sources)}")


@policy_app.command("show")
def show_rule(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id from `policy list`.")],
    policy: PolicyOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show one rule in full, with its sources and who disagrees."""
    book = load_policy(policy)
    rule = book.rule(rule_id)
    if json_output:
        print_json(rule.model_dump(mode="json"))
        return
    console.print(
        f"[bold]{rule.id}[/]  verdict: {rule.verdict or '(reason only)'}  "
        f"strength: {rule.strength.value}  priority: {rule.priority}"
    )
    console.print(f"when: {escape(_when(rule))}")
    console.print(rule.summary)
    for citation in rule.sources:
        source = book.sources[citation.id]
        status = citation.verification or source.verification
        current, history = book.current(citation.id)
        via = f" → cited as {current}" if history else ""
        console.print(
            f"  • {escape(source.body)} {source.year}: {escape(source.title)} "
            f"[dim]({status}){via}[/]"
        )
    for dissent in rule.dissent:
        console.print(
            f"  [italic]disagrees: {escape(book.sources[dissent.source].body)} — "
            f"{escape(dissent.summary)}[/]"
        )


StaleOption = Annotated[
    bool,
    typer.Option(
        "--stale", help="Only the sources last reviewed over a year ago (or never reviewed)."
    ),
]
AsOfOption = Annotated[
    datetime | None,
    typer.Option(
        "--as-of", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help="Date to judge --stale by."
    ),
]


def is_stale(source: Source, today: date) -> bool:
    """Last checked over a year before *today*, or never."""
    if source.reviewed is None:
        return True
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return source.reviewed < year_ago


@policy_app.command("sources")
def list_sources(
    policy: PolicyOption = None,
    stale: StaleOption = False,
    as_of: AsOfOption = None,
    json_output: JsonOption = False,
) -> None:
    """List the professional bodies' documents the rules cite, with verification status."""
    book = load_policy(policy)
    today = as_of.date() if as_of else date.today()
    sources = sorted(book.sources.values(), key=lambda s: s.id)
    if stale:
        sources = [s for s in sources if is_stale(s, today)]
    if json_output:
        print_json([s.model_dump(mode="json") for s in sources])
        return
    if stale and not sources:
        console.print(f"No source was last reviewed over a year before {today.isoformat()}.")
    for s in sources:
        status = s.verification.value
        flag = "[green]confirmed[/]" if status == "confirmed" else f"[yellow]{status}[/]"
        console.print(f"[bold]{s.id}[/]  {escape(s.body)} {escape(str(s.year))}  {flag}")
        console.print(f"    {escape(s.title)}")
        console.print(f"    where: {', '.join(s.jurisdiction)}  who: {', '.join(s.audience)}")
        reviewed = s.reviewed.isoformat() if s.reviewed else "never"
        console.print(f"    reviewed: {reviewed}")
        if s.superseded_by:
            console.print(f"    superseded by: {s.superseded_by} (cited in its place)")
        console.print(f"    [dim]{escape(s.url)}[/]")


@policy_app.command("check")
def check_file(
    file: Annotated[Path, typer.Argument(help="Override file to validate.", dir_okay=False)],
) -> None:
    """Validate an organisation override file; exit 2 naming the line and rule on error."""
    book = load_policy(file)
    console.print(
        f"[green]OK[/] {escape(str(file))}: {len(book.rules)} rules, version {book.version}"
    )
