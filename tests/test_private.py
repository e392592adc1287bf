"""Private by construction: no network, and no message text in output or errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from armslength.cli import app


@pytest.mark.parametrize(
    "args",
    [
        ["demo", "--out", "{tmp}"],
        [
            "advise",
            "--relationship",
            "current-patient",
            "--kind",
            "message",
            "--message",
            "my rash",
            "--json",
        ],
        ["policy", "list"],
        ["policy", "sources", "--json"],
    ],
)
def test_commands_make_no_network_calls(
    no_network: list[Any], args: list[str], tmp_path: Path
) -> None:
    result = CliRunner().invoke(app, [a.format(tmp=tmp_path / "demo") for a in args])
    assert result.exit_code == 0, result.output
    assert no_network == []


def test_message_text_is_never_in_output() -> None:
    secret = "Zebulon-Quartermaine-rash-on-thigh"
    result = CliRunner().invoke(
        app,
        ["advise", "--relationship", "current-patient", "--kind", "message", "--message", secret],
    )
    assert result.exit_code == 0
    assert secret not in result.output
