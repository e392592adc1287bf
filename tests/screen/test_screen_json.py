"""The plain JSON forms of findings and results are exactly Pydantic's ``model_dump``."""

from __future__ import annotations

import pytest

from armslength.model import Category, Finding, ScreenResult, Severity
from armslength.screen import screen
from armslength.screen._json import finding_json, result_json

TEXTS = [
    "Saw Mrs Patel (72) from Millbrook in bay 4 this morning, MRN 48213377, call 07700 900123.",
    "Lovely to see you at your appointment yesterday, hope the new inhaler helps!",
    "Nothing here at all.",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("redact", [False, True])
def test_a_result_dumps_as_pydantic_does(text: str, redact: bool) -> None:
    result = screen(text, "reply", redact=redact, id="x")
    assert result_json(result) == result.model_dump(mode="json")
    assert list(result_json(result)) == list(result.model_dump(mode="json"))
    for finding in result.findings:
        assert list(finding_json(finding).items()) == list(finding.model_dump(mode="json").items())


def test_every_field_kind_is_covered() -> None:
    finding = Finding(
        start=0, end=1, text="a", label=None, category=Category.PHI, severity=Severity.LOW,
        score=0.5, rule="r", why="w", sources=["s"],
    )  # fmt: skip
    result = ScreenResult(id=None, risk=Severity.NONE, findings=[finding], redacted=None)
    assert finding_json(finding) == finding.model_dump(mode="json")
    assert result_json(result) == result.model_dump(mode="json")
    assert type(result_json(result)["risk"]) is str
