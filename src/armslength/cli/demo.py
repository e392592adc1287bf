"""``armslength demo``: the main job on bundled synthetic sample data."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.markup import escape

from armslength.advise import advise
from armslength.cli._app import app
from armslength.cli._common import (
    ConfigOption,
    JsonOption,
    console,
    print_json,
    print_warning,
    settings_from,
)
from armslength.cli._render import print_advice
from armslength.config import Profile
from armslength.model import Interaction

SAMPLE_EXPORTS = ("facebook.zip", "instagram.zip", "linkedin")


def sample_requests() -> tuple[Profile, list[tuple[str, Interaction]]]:
    text = resources.files("armslength.samples").joinpath("requests.yaml").read_text()
    data: dict[str, Any] = yaml.safe_load(text)
    profile = Profile.model_validate(data["profile"])
    requests = [
        (item["title"], Interaction.model_validate(item["interaction"]))
        for item in data["requests"]
    ]
    return profile, requests


def sample_inputs() -> tuple[list[Path], Path]:
    """The bundled synthetic exports and roster (files inside the installed package)."""
    folder = Path(str(resources.files("armslength.samples").joinpath("data")))
    return [folder / name for name in SAMPLE_EXPORTS], folder / "roster.csv"


def copy_inputs(target: Path) -> tuple[list[Path], Path]:
    """Copy the bundled inputs to *target* so the user can try other commands on them."""
    exports, roster = sample_inputs()
    target.mkdir(parents=True, exist_ok=True)
    for source in [*exports, roster]:
        if source.is_dir():
            shutil.copytree(source, target / source.name, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, target / source.name)
    return [target / p.name for p in exports], target / roster.name


@app.command()
def demo(
    out: Annotated[
        Path, typer.Option(help="Folder for the demo audit report.", file_okay=False)
    ] = Path("armslength-demo"),
    json_output: JsonOption = False,
    config: ConfigOption = None,
) -> None:
    """Run an audit and a few pieces of advice on bundled synthetic data (no real people).

    The audit is logged like any other (the embedded SQLite log by default), so
    ``armslength review`` works on the demo's report."""
    profile, requests = sample_requests()
    exports, roster = copy_inputs(out / "inputs")
    from armslength.service import Core

    settings = settings_from(config).model_copy(update={"profile": profile})
    core = Core.for_cli(settings)
    outcome = core.audit(exports, roster, out)
    report = outcome.value
    print_warning(outcome.warning)
    advice = [(title, advise(interaction, profile=profile)) for title, interaction in requests]
    if json_output:
        print_json(
            {
                "audit": {
                    "summary": report.summary.model_dump(mode="json"),
                    "files": {k: str(v) for k, v in report.files.items()},
                },
                "advice": [{"title": title, "advice": a.to_json_dict()} for title, a in advice],
            }
        )
        return
    console.rule("[bold]Armslength demo[/]: synthetic clinician, synthetic patients")
    console.print("[bold]Advice on sample requests[/]")
    for title, result in advice:
        print_advice(console, result, title=title)
    s = report.summary
    console.rule(
        "[bold]Audit of sample exports[/] (Facebook, Instagram, LinkedIn) against a sample roster"
    )
    console.print(
        f"{s.connections} connections and requests checked against {s.roster.patients if s.roster else 0} patients: "
        f"[bold red]{s.patients_among_connections}[/] are patients. {s.content} posts and comments screened: "
        f"[bold red]{s.flagged_content}[/] flagged. [bold]{s.actions}[/] actions."
    )
    for action in report.document.actions[:5]:
        console.print(
            f"  {action.rank}. [bold]{action.action.value}[/] {action.platform}: {escape(action.target)}"
        )
    console.print(f"\nThe report is at [bold]{escape(str(report.files['html'].resolve()))}[/]")
    console.print(
        f"(also {escape(str(report.files['json']))} and {escape(str(report.files['csv']))})"
    )
