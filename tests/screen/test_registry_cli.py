"""The recognizer registry and its CLI: --list-rules, --disable RULE, --text; no text echoed."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from armslength import InputError, Screener, screen
from armslength.cli import app
from armslength.screen.recognizers import REGISTRY, Recognizer, screen_rules
from armslength.screen.recognizers.email import EmailRecognizer

STORY = "Saw Mrs Patel in clinic today, email her at jo.patel@example.org"


@pytest.fixture(autouse=True)
def _log(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ARMSLENGTH_DATABASE_URL", f"sqlite:///{tmp_path / 'log.db'}")


def _rules(result: object) -> set[str]:
    return {f.rule for f in result.findings}  # type: ignore[attr-defined]


def test_every_rule_is_listed_once_with_a_description() -> None:
    rules = screen_rules()
    ids = [r.rule for r in rules]
    assert len(ids) == len(set(ids))
    assert {"phi-email", "phi-name", "phi-known-patient"} <= set(ids)
    assert all(r.description for r in rules)
    assert any(r.recognizer == "RelationshipRecognizer" and r.rule != "relationship" for r in rules)


@pytest.mark.parametrize(
    ("disable", "gone", "kept"),
    [
        (["phi-email"], "phi-email", "phi-name"),
        (["phi-name"], "phi-name", "phi-email"),
    ],
)
def test_disable_turns_one_rule_off(disable: list[str], gone: str, kept: str) -> None:
    assert {gone, kept} <= _rules(screen(STORY))
    rules = _rules(screen(STORY, disable=disable))
    assert gone not in rules and kept in rules


def test_a_rule_file_rule_can_be_disabled_alone() -> None:
    text = "As your doctor I remember your visit last week"
    rel = {r.rule for r in screen_rules() if r.recognizer == "RelationshipRecognizer"}
    found = _rules(screen(text, "reply")) & rel
    assert len(found) >= 2, found
    first, *rest = sorted(found)
    left = _rules(Screener(disable=[first]).screen(text, "reply"))
    assert first not in left and set(rest) <= left


def test_unknown_rule_id_is_an_input_error_naming_it() -> None:
    with pytest.raises(InputError, match="no-such-rule"):
        Screener(disable=["no-such-rule"])


def test_registry_refuses_a_second_recognizer_with_the_same_rule() -> None:
    class Copy(EmailRecognizer):
        pass

    with pytest.raises(InputError, match="phi-email"):
        REGISTRY.add(Copy)

    class Unnamed(Recognizer):
        def find(self, doc):  # type: ignore[no-untyped-def]
            return iter(())

    with pytest.raises(InputError):
        REGISTRY.add(Unnamed)


def test_cli_list_rules_json_and_disable() -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["screen", "--list-rules", "--json"])
    assert listed.exit_code == 0
    assert "phi-email" in {row["rule"] for row in json.loads(listed.stdout)}
    on = runner.invoke(app, ["screen", "--text", STORY, "--json"])
    off = runner.invoke(app, ["screen", "--text", STORY, "--json", "--disable", "phi-email"])
    assert "phi-email" in {f["rule"] for f in json.loads(on.stdout)["findings"]}
    assert "phi-email" not in {f["rule"] for f in json.loads(off.stdout)["findings"]}
    bad = runner.invoke(app, ["screen", "--text", STORY, "--disable", "nope"])
    assert bad.exit_code == 2 and "nope" in bad.stderr


def test_text_given_as_a_path_is_explained_and_never_echoed() -> None:
    result = CliRunner().invoke(app, ["screen", "Saw Mrs Patel in clinic today"])
    assert result.exit_code == 2
    assert "--text" in result.stderr and "Patel" not in result.output + result.stderr
    missing = CliRunner().invoke(app, ["screen", "draft.txt"])
    assert missing.exit_code == 2 and "draft.txt" in missing.stderr


def test_first_use_from_many_threads_registers_once() -> None:
    import subprocess
    import sys

    code = (
        "from concurrent.futures import ThreadPoolExecutor\n"
        "from armslength.screen import Screener\n"
        "from armslength.screen.recognizers import REGISTRY, default_recognizers\n"
        "with ThreadPoolExecutor(16) as pool:\n"
        "    sizes = set(pool.map(lambda _: len(default_recognizers()), range(64)))\n"
        "print(len(sizes), sizes.pop() == len(REGISTRY) - 1)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "True"]
