"""Screen findings as a clinician reads them first: one sentence to act on, plain labels and the
recognizer's explanation without its technical notes (those stay for --details and the JSON)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from armslength._plain import short_why
from armslength.cli import app

runner = CliRunner()
ENV = {"COLUMNS": "100", "NO_COLOR": "1"}


@pytest.mark.parametrize(
    ("why", "short"),
    [
        (
            "a town or village (GeoNames gazetteer; finer than a state); raised one level: care "
            "context ('clinic')",
            "a town or village",
        ),
        ("a name after a title such as Dr, Mr or Mrs; raised one level: care context ('ward')",
         "a name after a title such as Dr, Mr or Mrs"),
        ("an age of 94: ages over 89 are identifiers under HIPAA Safe Harbor",
         "an age of 94: ages over 89 are identifiers under HIPAA Safe Harbor"),
        ("(only an aside)", "(only an aside)"),
    ],
)  # fmt: skip
def test_short_why(why: str, short: str) -> None:
    assert short_why(why) == short


@pytest.mark.parametrize(
    ("text", "kind", "lead", "what"),
    [
        ("Saw Mrs Patel in clinic today", "post", "it can identify a patient", "a name"),
        ("Thanks Jo! Glad your crown is holding up, and sorry your insurance didn't cover it.",
         "reply", "it confirms that someone is your patient", "confirms a patient"),
        ("hello there", "post", "No findings. Risk: none", None),
    ],
)  # fmt: skip
def test_screen_leads_with_one_sentence(text: str, kind: str, lead: str, what: str | None) -> None:
    result = runner.invoke(
        app, ["screen", "--text", text, "--kind", kind, "--fail-on", "none"], env=ENV
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == text and lead in lines[1]
    if what:
        assert what in result.stdout and "phi-" not in result.stdout and "rel-" not in result.stdout
        assert "GeoNames" not in result.stdout and "raised one level" not in result.stdout
        assert "--details" in lines[-1]
        detailed = runner.invoke(
            app,
            ["screen", "--text", text, "--kind", kind, "--fail-on", "none", "--details"],
            env=ENV,
        )
        assert "rule" in detailed.stdout and (
            "phi-" in detailed.stdout or "rel-" in detailed.stdout
        )
