"""What each connection kind means, in the report's words (``data/kinds.yaml``)."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from importlib import resources

import yaml

from armslength.model import Connection


@cache
def _meanings() -> dict[str, dict[str, str]]:
    text = resources.files("armslength.audit").joinpath("data/kinds.yaml").read_text("utf-8")
    data: dict[str, dict[str, str]] = yaml.safe_load(text)
    return data


def _date(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def meaning(platform: str, kind: str, when: datetime | None) -> str:
    """The sentence for *kind* on *platform* (its own wording if it has one), dated if known."""
    table = _meanings()
    entry = table.get(f"{platform}/{kind}") or table[kind]
    return entry["dated"].format(date=_date(when)) if when else entry["undated"]


def connection_meaning(connection: Connection) -> str:
    return meaning(connection.platform.value, connection.kind.value, connection.timestamp)
