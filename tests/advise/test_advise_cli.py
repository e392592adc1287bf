"""``armslength advise`` as a clinician reads it: the short answer first, the rest with
``--details``, and ``--json`` unchanged in shape."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from armslength.cli import app
from armslength.model import Strength
from armslength.policy import builtin_policy

runner = CliRunner()
ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
SOURCE_IDS = sorted(builtin_policy().sources, key=len, reverse=True)
RULE_IDS = [rule.id for rule in builtin_policy().rules]
CODES = [s.value for s in Strength if "_" in s.value] + [
    "confirmed_secondary", "partially_confirmed",
]  # fmt: skip

CASES = [
    (["--relationship", "current-patient", "--kind", "message", "--jurisdiction", "uk"],
     "Don't discuss this here — send this reply", "Do not discuss care through social-media messages."),
    (["--relationship", "public", "--kind", "message", "--message", "is this rash normal?",
      "--jurisdiction", "au"], "Don't discuss this here — send this reply",
     "Do not give individual clinical advice"),
    (["--relationship", "current-patient", "--kind", "friend", "--jurisdiction", "uk"],
     "Don't connect — send this reply", "Do not connect with a current patient on a personal account."),
    (["--relationship", "former-patient", "--kind", "follow", "--jurisdiction", "us"],
     "Don't connect — send this reply", "The advice to decline applies to former patients too"),
    (["--relationship", "current-patient", "--kind", "friend", "--preexisting", "--role",
      "psychologist", "--jurisdiction", "us"], "Your call — weigh it up before you act",
     "A friendship that predates the care"),
    (["--relationship", "public", "--kind", "review", "--jurisdiction", "us"],
     "Reply, if at all, with only this", "Never confirm in a public reply"),
    (["--relationship", "colleague", "--kind", "friend"], "Fine to accept",
     "Connecting with colleagues raises no patient-boundary concern."),
]  # fmt: skip


def run(*args: str) -> str:
    result = runner.invoke(app, ["advise", *args], env=ENV)
    assert result.exit_code == 0, result.output
    return result.stdout


def lines(out: str) -> list[str]:
    """Content lines of the panel (borders and blank lines dropped)."""
    inner = (re.sub(r"[\u2500-\u257f]", "", line).strip() for line in out.splitlines())
    return [line for line in inner if line]


@pytest.mark.parametrize(("args", "headline", "action"), CASES)
def test_short_answer_leads_with_what_to_do(args: list[str], headline: str, action: str) -> None:
    out = run(*args)
    content = lines(out)
    assert content[0] == headline
    assert content[1].startswith(action)
    assert len(out.splitlines()) <= 14  # about 12 lines inside the panel's two borders
    assert "--details" in content[-1]
    for hidden in [*SOURCE_IDS, *RULE_IDS, *CODES, "DECLINE", "http"]:
        assert hidden not in out, hidden


@pytest.mark.parametrize(("args", "headline", "action"), CASES)
def test_details_add_reasons_rules_and_sources(args: list[str], headline: str, action: str) -> None:
    out = run(*args, "--details")
    assert lines(out)[0] == headline
    assert "Why:" in out and "rule " in out and "strength " in out and "https://" in out
    data = json.loads(run(*args, "--json"))
    assert all(f"rule {reason['rule']}" in out for reason in data["reasons"])


def test_message_verdict_does_not_contradict_its_reply() -> None:
    out = run("--relationship", "current-patient", "--kind", "message")
    assert "do not accept or engage" not in out.lower()
    data = json.loads(run("--relationship", "current-patient", "--kind", "message", "--json"))
    assert data["verdict"] == "decline" and data["reply"]
    assert data["headline"] == "Don't discuss this here — send this reply"


def test_json_keeps_the_contract_fields() -> None:
    data = json.loads(run("--relationship", "current-patient", "--jurisdiction", "uk", "--json"))
    assert set(data) >= {"verdict", "reasons", "reply", "alternatives", "policy_version"}
    assert data["verdict"] in ("decline", "accept", "review")
    reason = data["reasons"][0]
    assert set(reason) >= {"rule", "summary", "strength", "sources"}
    assert set(reason["sources"][0]) >= {"id", "title", "year", "url", "body", "verification"}


def test_details_show_superseded_guidance_as_history_only() -> None:
    out = run("--relationship", "colleague", "--jurisdiction", "uk", "--details")
    gmc_2024 = out.index("GMC 2024")
    assert "replaces GMC 2013" in out and out.index("replaces GMC 2013") > gmc_2024
    assert "superseded" not in out
