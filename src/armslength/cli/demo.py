"""``armslength demo``: the main job on bundled sample data."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from armslength.advise import advise
from armslength.cli._app import app
from armslength.cli._common import JsonOption, console, print_json
from armslength.cli._render import print_advice
from armslength.config import Profile
from armslength.model import Interaction


def sample_requests() -> tuple[Profile, list[tuple[str, Interaction]]]:
    text = resources.files("armslength.samples").joinpath("requests.yaml").read_text()
    data: dict[str, Any] = yaml.safe_load(text)
    profile = Profile.model_validate(data["profile"])
    requests = [
        (item["title"], Interaction.model_validate(item["interaction"]))
        for item in data["requests"]
    ]
    return profile, requests


@app.command()
def demo(json_output: JsonOption = False) -> None:
    """Advise on a few sample requests (bundled, synthetic) to show what Armslength does."""
    profile, requests = sample_requests()
    results = [(title, advise(interaction, profile=profile)) for title, interaction in requests]
    if json_output:
        print_json([{"title": title, "advice": a.to_json_dict()} for title, a in results])
        return
    console.rule("[bold]Armslength demo[/]: advice on sample requests (synthetic profile)")
    for title, result in results:
        print_advice(console, result, title=title)
