"""Screen rule files are validated by a schema: every error names the file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from armslength.errors import ArmslengthError, PolicyError
from armslength.policy import builtin_sources
from armslength.screen import screen, story
from armslength.screen.rules import load_rule_file, load_rules, rulebook_source_ids

GOOD = """\
rules:
  - id: rel-test
    why: "a test rule"
    sources: [gmc_2024]
    patterns:
      - "\\\\bthanks\\\\b"
"""

SECOND = """\
  - id: rel-other
    why: "another rule"
    sources: [bma_2011]
    patterns: ["\\\\bhello\\\\b"]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_loads_and_keeps_its_sources(tmp_path: Path) -> None:
    first, second = load_rule_file(_write(tmp_path, GOOD + SECOND))
    assert (first.id, first.sources, second.sources) == ("rel-test", ("gmc_2024",), ("bma_2011",))
    assert first.patterns[0].search("Many THANKS") and first.severity is None


@pytest.mark.parametrize(
    ("broken", "line", "field", "says"),
    [
        (GOOD.replace('    why: "a test rule"\n', ""), 2, "rules.0.why", "Field required"),
        (GOOD.replace("patterns:\n      -", "pattern:"), 2, "rules.0.patterns", "Field required"),
        (GOOD.replace("[gmc_2024]", "[gmc_2024, no_such_body]"), 4, "rules.0.sources", "no_such"),
        (GOOD + SECOND.replace("bma_2011", "nobody_1999"), 9, "rules.1.sources", "nobody_1999"),
        (GOOD.replace("[gmc_2024]", "[]"), 4, "rules.0.sources", "at least 1"),
        (GOOD.replace('"\\\\bthanks\\\\b"', '"(unclosed"'), 6, "rules.0.patterns", "regular exp"),
        (GOOD + '    unless: "[a-"\n', 7, "rules.0.unless", "regular expression"),
        (GOOD + "    severity: severe\n", 7, "rules.0.severity", "'high'"),
        (GOOD + "    colour: red\n", 7, "rules.0.colour", "Extra inputs"),
        (GOOD.replace("id: rel-test", "id: Rel Test"), 2, "rules.0.id", "pattern"),
        (GOOD + SECOND.replace("rel-other", "rel-test"), 7, "rules.1.id", "defined twice"),
        ("rules: []\n", 1, "rules", "at least 1"),
        ("rule: []\n", 1, "rules", "Field required"),
        ("rules: [\n", 2, None, "not valid YAML"),
    ],
)
def test_each_mistake_names_file_line_and_field(
    tmp_path: Path, broken: str, line: int | None, field: str | None, says: str
) -> None:
    path = _write(tmp_path, broken)
    with pytest.raises(PolicyError) as caught:
        load_rule_file(path)
    error, message = caught.value, str(caught.value)
    assert message.startswith(str(path)) and says in message, message
    assert (error.line, error.field) == (line, field), message
    if field is not None and field.startswith("rules.0."):
        assert "(rule 'rel-test')" in message or field == "rules.0.id", message


def test_a_missing_or_undecodable_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="screen rule file"):
        load_rule_file(tmp_path / "absent.yaml")
    path = tmp_path / "latin1.yaml"
    path.write_bytes(GOOD.replace("a test rule", "caf\xe9").encode("latin-1"))
    with pytest.raises(ArmslengthError, match=r"latin1\.yaml"):
        load_rule_file(path)


def test_known_ids_are_the_rulebooks() -> None:
    assert rulebook_source_ids() == frozenset(builtin_sources())


def test_shipped_rules_cite_only_rulebook_sources() -> None:
    known = rulebook_source_ids()
    for name in ("relationship", "professionalism"):
        rules = load_rules(name)
        assert rules
        for rule in rules:
            assert rule.sources and set(rule.sources) <= known, rule.id
            assert "[source" not in rule.why and not any(s in rule.why for s in rule.sources)


def test_the_indian_regulator_is_in_the_rulebook_with_its_status() -> None:
    source = builtin_sources()["nmc_india_2023"]
    assert source.year == 2023 and source.verification.value == "confirmed_secondary"
    assert "abeyance" in source.title
    (promotion,) = [
        r for r in load_rules("professionalism") if r.id == "prof-undisclosed-promotion"
    ]
    assert "nmc_india_2023" in promotion.sources


def test_a_patient_story_cites_its_sources_outside_the_why() -> None:
    assert set(story.SOURCES) <= rulebook_source_ids()
    text = "Long night on call: a 94 year old from Millbrook came in with sepsis last Tuesday."
    findings = screen(text).findings
    assert findings and all("patient story" in f.why for f in findings)
    for finding in findings:
        assert set(story.SOURCES) <= set(finding.sources), finding.rule
        assert len(finding.sources) == len(set(finding.sources))
        assert "[source" not in finding.why and "gmc_2024" not in finding.why
