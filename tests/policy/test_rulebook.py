"""The built-in rulebook loads, is complete, and every load-time check can fail."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from armslength.errors import PolicyError
from armslength.model import Jurisdiction, Role, Verdict, Verification
from armslength.policy import builtin_policy, load_policy, situations
from armslength.policy._policy import matches


def write(tmp_path: Path, text: str, name: str = "override.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_builtin_policy_loads_with_version_and_sources() -> None:
    policy = builtin_policy()
    assert policy.version
    assert {
        "bma_2011",
        "gmc_2024",
        "ama_2_3_2",
        "acp_fsmb_2013",
        "nmc_uk",
        "ncsbn",
        "cno_2018",
    } <= set(policy.sources)
    assert len(policy.rules) >= 15


def test_every_rule_cites_known_sources() -> None:
    policy = builtin_policy()
    for rule in policy.rules:
        assert rule.sources, rule.id
        for citation in rule.sources:
            assert citation.id in policy.sources, (rule.id, citation.id)
        for dissent in rule.dissent:
            assert dissent.source in policy.sources, (rule.id, dissent.source)


def test_unverified_positions_are_recorded() -> None:
    policy = builtin_policy()
    statuses = {s.verification for s in policy.sources.values()}
    assert Verification.UNVERIFIED in statuses
    citations = {c.verification for r in policy.rules for c in r.sources}
    assert Verification.UNVERIFIED in citations


def test_every_situation_has_exactly_one_deciding_verdict() -> None:
    policy = builtin_policy()
    verdict_rules = [r for r in policy.rules if r.verdict is not None]
    for situation in situations():
        if situation.role != Role.DOCTOR:
            continue
        hits = [r for r in verdict_rules if matches(r, situation)]
        assert hits, situation
        top = max(r.priority for r in hits)
        assert len({r.verdict for r in hits if r.priority == top}) == 1, situation


def test_every_jurisdiction_has_bodies_for_doctors() -> None:
    policy = builtin_policy()
    for jurisdiction in Jurisdiction:
        assert policy.active_sources(jurisdiction, Role.DOCTOR), jurisdiction


@pytest.mark.parametrize(
    ("jurisdiction", "role", "expected"),
    [
        (Jurisdiction.UK, Role.NURSE, {"nmc_uk"}),
        (Jurisdiction.US, Role.NURSE, {"ncsbn"}),
        (Jurisdiction.CA, Role.NURSE, {"cno_2018"}),
        (Jurisdiction.US, Role.PSYCHOLOGIST, {"apa_psychology"}),
        (Jurisdiction.US, Role.PSYCHIATRIST, {"apa_psychiatry", "ama_2_3_2"}),
        (Jurisdiction.UK, Role.DOCTOR, {"bma_2011", "gmc_2024"}),
        (Jurisdiction.AU, Role.DENTIST, {"ahpra_2019"}),
    ],
)
def test_roles_select_their_bodies(
    jurisdiction: Jurisdiction, role: Role, expected: set[str]
) -> None:
    active = builtin_policy().active_sources(jurisdiction, role)
    assert expected <= active
    if role == Role.NURSE:
        assert "gmc_2024" not in active and "ama_2_3_2" not in active


def test_override_adds_replaces_disables_and_sets_channels(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        version: trust-2026
        channels: {website: "https://trust.example"}
        rules:
          disable: [student-placement]
          replace:
            - id: public-connection-personal
              when: {relationship: [public], kind: [friend, follow], account: [personal]}
              verdict: review
              strength: case_by_case
              summary: Our trust asks staff to review every new connection.
              sources: [wma_2011_2022]
          add:
            - id: trust-no-tiktok
              when: {relationship: [colleague], kind: [tag]}
              strength: discouraged
              summary: The trust asks staff not to tag colleagues in videos.
              sources: [gmc_2024]
        """,
    )
    policy = load_policy(path)
    ids = {r.id for r in policy.rules}
    assert "student-placement" not in ids and "trust-no-tiktok" in ids
    assert policy.rule("public-connection-personal").verdict == Verdict.REVIEW
    assert policy.version.endswith("+trust-2026")
    assert policy.channels is not None and policy.channels.website == "https://trust.example"


@pytest.mark.parametrize(
    ("body", "message", "line"),
    [
        (
            """\
            rules:
              add:
                - id: no-sources
                  strength: must
                  summary: A rule that cites nothing at all.
                  sources: []
            """,
            "at least one source (rule 'no-sources')",
            6,
        ),
        (
            """\
            rules:
              add:
                - id: ghost-source
                  strength: must
                  summary: A rule that cites a source nobody defined.
                  sources: [nobody_2099]
            """,
            "rule 'ghost-source' cites unknown source 'nobody_2099'",
            None,
        ),
        (
            """\
            rules:
              add:
                - id: clash
                  when: {relationship: [current-patient], kind: [friend], account: [personal], preexisting: false}
                  verdict: accept
                  strength: permitted
                  summary: This contradicts the built-in decline rule.
                  sources: [ama_2_3_2]
            """,
            "'current-patient-connection-personal' and 'clash'",
            None,
        ),
        (
            """\
            rules:
              disable: [review-no-confirmation]
            """,
            "no rule gives a verdict",
            None,
        ),
        (
            """\
            rules:
              disable: [no-such-rule]
            """,
            "cannot disable unknown rule 'no-such-rule'",
            2,
        ),
        (
            """\
            rules:
              add:
                - id: bad-kind
                  when: {kind: [poke]}
                  strength: must
                  summary: Pokes are not a kind Armslength knows.
                  sources: [gmc_2024]
            """,
            "rule 'bad-kind'",
            4,
        ),
        (
            """\
            rules:
              add:
                - id: duplicate
                  strength: must
                  summary: First definition of this rule id.
                  sources: [gmc_2024]
                - id: duplicate
                  strength: must
                  summary: Second definition of the same id.
                  sources: [gmc_2024]
            """,
            "already exists",
            7,
        ),
        (
            """\
            rules:
              add:
                - id: unknown-template
                  strength: must
                  summary: Points to a reply template that does not exist.
                  sources: [gmc_2024]
                  reply: carrier-pigeon
            """,
            "unknown reply template 'carrier-pigeon'",
            None,
        ),
        ("rules: [unclosed\n", "not valid YAML", 2),
    ],
)
def test_bad_override_names_file_line_and_rule(
    tmp_path: Path, body: str, message: str, line: int | None
) -> None:
    path = write(tmp_path, body)
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    text = str(caught.value)
    assert message in text
    assert str(path) in text
    if line is not None:
        assert caught.value.line == line


def test_missing_and_non_utf8_override(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="not found"):
        load_policy(tmp_path / "absent.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("version: caf\xe9\n".encode("latin-1"))
    with pytest.raises(PolicyError, match="not UTF-8"):
        load_policy(latin)


def test_unknown_rule_id_lookup() -> None:
    with pytest.raises(PolicyError, match="no rule with id 'nope'"):
        builtin_policy().rule("nope")


def test_builtin_policy_passes_the_exhaustive_checks_it_skips_at_run_time() -> None:
    from armslength.policy._policy import check

    policy = builtin_policy()
    check(policy, "<builtin>/rules.yaml")  # conflicts and completeness too
