"""Screen rule files are validated by a schema: every error names the file, line and field."""

from __future__ import annotations

import pytest

from armslength._yaml import YamlDocument
from armslength.errors import PolicyError
from armslength.screen.rules import load_rules, parse_rules, rulebook_source_ids

GOOD = """\
rules:
  - id: rel-test
    why: "a test rule"
    sources: [gmc_2024]
    patterns:
      - "\\\\bthanks\\\\b"
"""


def _parse(text: str) -> object:
    return parse_rules(YamlDocument(text, "rules.yaml"))


def test_a_good_file_parses_and_keeps_its_sources() -> None:
    (rule,) = _parse(GOOD)  # type: ignore[misc]
    assert rule.id == "rel-test" and rule.sources == ("gmc_2024",)
    assert rule.patterns[0].search("Many THANKS")


@pytest.mark.parametrize(
    ("broken", "line", "says"),
    [
        (GOOD.replace('    why: "a test rule"\n', ""), 2, "why"),
        (GOOD.replace("[gmc_2024]", "[gmc_2024, no_such_body]"), 4, "no_such_body"),
        (GOOD.replace("[gmc_2024]", "[]"), 4, "sources"),
        (GOOD.replace('"\\\\bthanks\\\\b"', '"(unclosed"'), 6, "regular expression"),
        (GOOD + "    severity: severe\n", 7, "severity"),
        (GOOD + "    colour: red\n", 7, "colour"),
        (GOOD.replace("id: rel-test", "id: Rel Test"), 2, "id"),
        ("rules: [\n", None, "not valid YAML"),
    ],
)
def test_each_mistake_names_file_line_and_field(broken: str, line: int | None, says: str) -> None:
    with pytest.raises(PolicyError) as caught:
        _parse(broken)
    message = str(caught.value)
    assert message.startswith("rules.yaml")
    assert says in message
    if line is not None:
        assert caught.value.line == line, message


def test_shipped_rules_cite_only_rulebook_sources() -> None:
    known = rulebook_source_ids()
    assert "gmc_2024" in known
    for name in ("relationship", "professionalism"):
        rules = load_rules(name)
        assert rules
        for rule in rules:
            assert rule.sources and set(rule.sources) <= known, rule.id
