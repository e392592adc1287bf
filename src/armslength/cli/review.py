"""``armslength review REPORT_DIR``: confirm or reject the possible patients of a report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from armslength.audit import ReportDocument, Reviewable, reviewable
from armslength.cli._app import app
from armslength.cli._common import ConfigOption, JsonOption, core_from
from armslength.errors import InputError
from armslength.service import ReviewDecision, ReviewOutcome, ReviewRequest

MAX_LINE_DIGITS = 4
ANSWERS = {"c": ReviewDecision.CONFIRMED, "r": ReviewDecision.REJECTED}
IdsOption = Annotated[list[str] | None, typer.Option(metavar="ID")]


def load_report(where: Path) -> ReportDocument:
    """``report.json`` of a report folder (or the file itself)."""
    path = where / "report.json" if where.is_dir() else where
    try:
        return ReportDocument.model_validate_json(path.read_bytes())
    except OSError:
        raise InputError("cannot read the report", path=path) from None
    except ValueError:
        raise InputError("not an Armslength report.json", path=path) from None


def _line(number: int, item: Reviewable) -> str:
    decided = f" [{item.decision}]" if item.decision else ""
    return (
        f"{number:>3}  {item.review_id}  {item.platform} {item.kind}: {item.account} ~ patient "
        f"{item.patient_id} (score {item.score:.2f}){decided}"
    )


def _ask(items: list[Reviewable]) -> list[ReviewRequest]:
    """One question per possible patient: confirm, reject or skip."""
    chosen: list[ReviewRequest] = []
    for number, item in enumerate(items, start=1):
        typer.echo(_line(number, item))
        if item.meaning:
            typer.echo(f"    {item.meaning}")
        answer = typer.prompt("    [c]onfirm, [r]eject or [s]kip", default="s").strip().lower()
        decision = ANSWERS.get(answer[:1])
        if decision is not None and item.review_id is not None:
            chosen.append(ReviewRequest(item.review_id, decision))
    return chosen


def _review_id(value: str, items: list[Reviewable]) -> str:
    """A review id as given, or the one on line *value* of ``--list`` (a short number)."""
    if not (value.isdigit() and len(value) <= MAX_LINE_DIGITS):
        return value
    number = int(value)
    if not 1 <= number <= len(items) or items[number - 1].review_id is None:
        raise InputError(f"no line {value} in the list of possible patients", field="ID")
    return str(items[number - 1].review_id)


def _requests(
    confirm: list[str], reject: list[str], items: list[Reviewable]
) -> list[ReviewRequest]:
    given = [(i, ReviewDecision.CONFIRMED) for i in confirm]
    given += [(i, ReviewDecision.REJECTED) for i in reject]
    return [ReviewRequest(_review_id(i, items), decision) for i, decision in given]


def _print(outcomes: list[ReviewOutcome], as_json: bool) -> None:
    if as_json:
        rows = [{"review_id": o.review_id, "decision": o.decision.value} for o in outcomes]
        typer.echo(json.dumps({"reviews": rows}, indent=2))
        return
    for outcome in outcomes:
        typer.echo(f"{outcome.review_id}: {outcome.decision.value}")
    typer.echo(f"{len(outcomes)} decision(s) kept; the next audit applies them.")


@app.command()
def review(
    report: Annotated[
        Path, typer.Argument(help="An audit's report folder (or its report.json).", exists=True)
    ],
    confirm: IdsOption = None,
    reject: IdsOption = None,
    list_only: Annotated[
        bool, typer.Option("--list", help="List the possible patients and their review ids.")
    ] = False,
    json_output: JsonOption = False,
    config: ConfigOption = None,
) -> None:
    """Confirm or reject possible patients of an audit; the next audit remembers.

    Without --confirm/--reject it lists each possible patient with its review id and asks.
    ID is a review id, or the number of its line in --list.
    Decisions are kept as keyed hashes (never a name or an id) and logged as match.reviewed.
    """
    document = load_report(report)
    possible = reviewable(document)
    items = [i for i in possible if i.review_id is not None]
    if len(items) < len(possible):
        raise InputError(
            "this report has possible patients without review ids (its audit could not read "
            "the review key or the audit log); run the audit again",
            path=report,
        )
    if list_only:
        for number, item in enumerate(items, start=1):
            typer.echo(_line(number, item))
        return
    requests = _requests(confirm or [], reject or [], items)
    if not requests:
        if not items:
            typer.echo("No possible patients to review in this report.")
            return
        requests = _ask(items)
    outcomes = core_from(config).review(document, requests) if requests else []
    _print(outcomes, json_output)
