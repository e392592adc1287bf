"""Issue 15, points 2 and 3, over every situation the CLI can describe: current guidance first
(superseded documents only as history), one verification status per source per answer, the
role's own bodies, and wording that follows the jurisdiction."""

from __future__ import annotations

import itertools
import json
import re
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest
from typer.testing import CliRunner

from armslength.advise import advise
from armslength.cli import app
from armslength.cli.policy import is_stale
from armslength.errors import PolicyError
from armslength.model import (
    Account,
    Advice,
    Interaction,
    Jurisdiction,
    Kind,
    Relationship,
    Role,
    Verdict,
)
from armslength.policy import builtin_policy, load_policy
from armslength.policy._wording import headline, profiles

POLICY = builtin_policy()
SUPERSEDED = {s.id for s in POLICY.sources.values() if s.superseded_by}
THIRD_PARTY_UPLOADS = ("studylib.net", "scribd.com", "scr.bi", "vdocuments.net", "fdocuments.in")
BRITISH_ONLY = sorted(profiles().spellings["en-US"])


def every_advice() -> Iterator[tuple[Interaction, Advice]]:
    for relationship, kind, account, role, jurisdiction, preexisting in itertools.product(
        Relationship, Kind, Account, Role, Jurisdiction, (False, True)
    ):
        interaction = Interaction(
            relationship=relationship, kind=kind, account=account, role=role,
            jurisdiction=jurisdiction, preexisting=preexisting,
        )  # fmt: skip
        yield interaction, advise(interaction)


ALL = list(every_advice())


def texts(advice: Advice) -> list[str]:
    found = [advice.headline, advice.action, *advice.weigh, *advice.alternatives]
    for reason in advice.reasons:
        found += [reason.summary, reason.disagreement or ""]
    return found


def test_the_superseded_sources_are_the_known_ones() -> None:
    assert {"gmc_2013", "gmc_boundaries_2013", "fsmb_2012"} == SUPERSEDED
    assert {POLICY.current(s)[0] for s in SUPERSEDED} == {"gmc_2024", "fsmb_2019"}


def test_no_answer_cites_a_superseded_document_except_as_history() -> None:
    for interaction, advice in ALL:
        for reason in advice.reasons:
            cited = {ref.id for ref in reason.sources}
            assert not cited & SUPERSEDED, (interaction, reason.rule)
            for ref in reason.sources:
                assert all(POLICY.current(old.id)[0] == ref.id for old in ref.history)


def test_uk_doctor_sees_gmc_2024_first_and_2013_as_history() -> None:
    advice = advise(Interaction(relationship=Relationship.COLLEAGUE, jurisdiction=Jurisdiction.UK))
    gmc = [ref for ref in advice.reasons[0].sources if ref.body == "GMC"]
    assert [ref.id for ref in gmc] == ["gmc_2024"]
    assert [old.id for old in gmc[0].history] == ["gmc_2013"]


def test_one_verification_status_per_source_per_answer() -> None:
    for interaction, advice in ALL:
        status: dict[str, set[str]] = {}
        for reason in advice.reasons:
            for ref in reason.sources:
                status.setdefault(ref.id, set()).add(ref.verification.value)
        assert all(len(found) == 1 for found in status.values()), (interaction, status)


def test_uk_patient_message_gives_gmc_2024_one_status() -> None:
    advice = advise(
        Interaction(
            relationship=Relationship.CURRENT_PATIENT, kind=Kind.MESSAGE,
            jurisdiction=Jurisdiction.UK,
        )
    )  # fmt: skip
    statuses = {
        ref.verification for reason in advice.reasons for ref in reason.sources
        if ref.id == "gmc_2024"
    }  # fmt: skip
    assert len(advice.reasons) >= 2 and statuses == {"unverified"}  # the weaker position wins


def _written_for(role: Role, ref_id: str, history: list[str]) -> bool:
    return any(role in POLICY.sources[i].audience for i in [ref_id, *history])


@pytest.mark.parametrize("role", list(Role))
def test_a_role_is_cited_only_its_own_bodies(role: Role) -> None:
    """Another profession's body is cited only when the rule has none for the role, and then a
    note says the reason cites the strictest common position."""
    for interaction, advice in ALL:
        if interaction.role != role:
            continue
        for reason in advice.reasons:
            own = [
                _written_for(role, ref.id, [old.id for old in ref.history])
                for ref in reason.sources
            ]
            flagged = any(f"Rule '{reason.rule}'" in note for note in advice.notes)
            assert all(own) or (flagged and not any(own)), (interaction, reason.rule)


def test_a_doctor_is_never_cited_a_nursing_body() -> None:
    nursing = {s.id for s in POLICY.sources.values() if s.audience == (Role.NURSE,)}
    for interaction, advice in ALL:
        if interaction.role == Role.DOCTOR:
            cited = {ref.id for reason in advice.reasons for ref in reason.sources}
            assert not cited & nursing, interaction


def test_wording_follows_the_jurisdiction() -> None:
    for interaction, advice in ALL:
        body = " ".join(texts(advice))
        assert not re.search(r"\{\w+\}", body), interaction
        if interaction.jurisdiction == Jurisdiction.US:
            assert "defence organisation" not in body
            for word in BRITISH_ONLY:
                assert not re.search(rf"\b{word}\b", body, re.IGNORECASE), (interaction, word)


@pytest.mark.parametrize(
    ("jurisdiction", "expected"),
    [
        (Jurisdiction.US, "Ask your office manager or your malpractice insurer"),
        (Jurisdiction.UK, "Ask your practice manager or your medical defence organisation"),
        (Jurisdiction.AU, "Ask your practice manager or your medical defence organisation"),
        (Jurisdiction.CA, "Ask your clinic manager or the CMPA"),
    ],
)
def test_review_advice_names_the_local_indemnity_body(
    jurisdiction: Jurisdiction, expected: str
) -> None:
    advice = advise(Interaction(relationship=Relationship.PUBLIC, kind=Kind.REVIEW,
                                jurisdiction=jurisdiction))  # fmt: skip
    assert any(item.startswith(expected) for item in advice.weigh), advice.weigh


def test_us_former_patient_reads_american() -> None:
    advice = advise(Interaction(relationship=Relationship.FORMER_PATIENT,
                                jurisdiction=Jurisdiction.US))  # fmt: skip
    assert "what you learned through it" in advice.reasons[0].summary
    uk = advise(Interaction(relationship=Relationship.FORMER_PATIENT,
                            jurisdiction=Jurisdiction.UK))  # fmt: skip
    assert "what you learnt through it" in uk.reasons[0].summary


def test_every_source_links_to_its_body_or_an_archive() -> None:
    for source in POLICY.sources.values():
        host = urlparse(source.url).hostname or ""
        assert source.url.startswith("https://"), source.id
        assert not host.endswith(THIRD_PARTY_UPLOADS), (source.id, source.url)
    assert urlparse(POLICY.sources["bma_2011"].url).hostname in (
        "www.bma.org.uk",
        "web.archive.org",
    )


def test_every_source_has_a_review_date() -> None:
    assert all(source.reviewed is not None for source in POLICY.sources.values())


# ----------------------------------------------------------------------------- verdict headlines

HEADLINES = [
    (Verdict.DECLINE, Kind.MESSAGE, True, "Don't discuss this here — send this reply"),
    (Verdict.DECLINE, Kind.FRIEND, True, "Don't connect — send this reply"),
    (Verdict.DECLINE, Kind.FOLLOW, False, "Don't connect"),
    (Verdict.REVIEW, Kind.FRIEND, False, "Your call — weigh it up before you act"),
    (Verdict.ACCEPT, Kind.MESSAGE, False, "Fine to answer"),
]


@pytest.mark.parametrize(("verdict", "kind", "has_reply", "expected"), HEADLINES)
def test_headline(verdict: Verdict, kind: Kind, has_reply: bool, expected: str) -> None:
    assert headline(verdict, kind, has_reply) == expected


def test_every_answer_leads_with_a_headline_and_one_sentence() -> None:
    for interaction, advice in ALL:
        assert advice.headline and advice.action, interaction
        assert "DECLINE" not in advice.headline and "decline" not in advice.headline.lower()
        assert advice.action.count(". ") == 0 and advice.action.endswith("."), advice.action
        if advice.reply is None:
            assert "send this reply" not in advice.headline


# ----------------------------------------------------------------------------- policy checks


def _override(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "org.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


OLD_SOURCE = """\
    sources:
      - id: org_2019
        body: Riverside Trust
        title: Staff social media policy
        year: 2019
        jurisdiction: [uk]
        audience: [doctor]
        url: "https://riverside.example/policy"
        verification: confirmed
        reviewed: 2024-05-01
      - id: org_unreviewed
        body: Riverside Trust
        title: Old intranet note
        year: 2015
        jurisdiction: [uk]
        audience: [doctor]
        url: "https://riverside.example/note"
        verification: unverified
"""


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            OLD_SOURCE + "        superseded_by: org_2099\n",
            "superseded by unknown source 'org_2099'",
        ),
        (
            OLD_SOURCE
            + "        superseded_by: org_unreviewed\n"
            + "      - id: loop\n        body: X\n        title: Y\n        year: 2020\n"
            + "        jurisdiction: [uk]\n        audience: [doctor]\n        url: https://x.example\n"
            + "        verification: confirmed\n        superseded_by: loop\n",
            "superseded in a loop",
        ),
        (
            """\
            rules:
              add:
                - id: both-ways
                  strength: must
                  summary: Cites a body and lists its successor as disagreeing.
                  sources: [gmc_2013]
                  dissent:
                    - {source: gmc_2024, summary: "disagrees with itself"}
            """,
            "rule 'both-ways' cites 'gmc_2024' and lists it as disagreeing",
        ),
    ],
)
def test_override_with_bad_successors_fails(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(PolicyError, match=re.escape(message)):
        load_policy(_override(tmp_path, body))


@pytest.mark.parametrize(
    ("reviewed", "today", "stale"),
    [
        (date(2026, 11, 25), date(2026, 12, 3), False),
        (date(2026, 11, 25), date(2027, 11, 25), False),
        (date(2026, 11, 25), date(2027, 11, 26), True),
        (date(2024, 2, 29), date(2025, 2, 28), False),
        (None, date(2026, 12, 3), True),
    ],
)
def test_is_stale(reviewed: date | None, today: date, stale: bool) -> None:
    source = POLICY.sources["gmc_2024"].model_copy(update={"reviewed": reviewed})
    assert is_stale(source, today) is stale


def test_policy_sources_stale_lists_old_and_unreviewed(tmp_path: Path) -> None:
    runner = CliRunner()
    override = _override(tmp_path, OLD_SOURCE)
    args = ["policy", "sources", "--stale", "--policy", str(override), "--as-of", "2026-12-03"]
    result = runner.invoke(app, args, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    listed = re.findall(r"^(\w+)  ", result.stdout, re.MULTILINE)
    assert listed == ["org_2019", "org_unreviewed"]
    assert "reviewed: 2024-05-01" in result.stdout and "reviewed: never" in result.stdout
    later = runner.invoke(app, ["policy", "sources", "--stale", "--as-of", "2028-01-01", "--json"])
    assert {s["id"] for s in json.loads(later.stdout)} == set(POLICY.sources)
    none = runner.invoke(app, ["policy", "sources", "--stale", "--as-of", "2027-01-01"])
    assert "No source was last reviewed over a year before 2027-01-01." in none.stdout
