"""Matching: rare vs common names, nicknames, maiden names, usernames, typos, hints, calibration."""

from __future__ import annotations

import pytest

from armslength.model import Connection, ConnectionKind, Platform
from armslength.roster import Roster
from armslength.roster._index import good_turing
from armslength.roster.match import AccountInfo, Model, match, match_index

from .conftest import best


@pytest.mark.parametrize(
    ("shown", "patient", "evidence"),
    [
        ("Zebediah Quortlebury", "p6", "given name exact"),
        ("Bob Smyth", "p1", "given name nickname Bob→Robert"),
        ("Jenny Smith-Jones (Brown) 🌸", "p2", "family name exact"),
        ("Jenny Brown", "p2", "family name matches a former/other name"),
        ("Jennifer Jones", "p2", "family name matches part of a double-barrelled name"),
        ("jon.smyth", None, ""),
        ("robert.smyth", "p1", "given name exact"),
        ("RobertSmyth84", "p1", "family name exact"),
        ("robertsmyth", "p1", "handle split"),
        ("bobsmyth84", "p1", "given name nickname Bob→Robert"),
        ("Zebedaih Quortlebury", "p6", "family name exact"),
        ("Zebediah Quortlebry", "p6", "given name exact"),
        ("Quortlebury, Zebediah", "p6", "family name exact"),
        ("Quortlebury Zebediah", "p6", "surname-first reading"),
        ("Dr. Zebediah Quortlebury, MD", "p6", "no other patient has this name"),
        ("Kit Oyelaran", "p9", "(listed in the roster)"),
        ("Zoe Muller", "p10", "given name exact"),
        ("ZOË MÜLLER ✨", "p10", "given name exact"),
        ("Jane D.", "p7", "family name initial"),
        ("Z. Quortlebury", "p6", "given name initial"),
        ("Quortlebury", "p6", "given name not shown"),
    ],
)
def test_finds_the_patient(roster: Roster, shown: str, patient: str | None, evidence: str) -> None:
    found, score, notes = best(roster, shown)
    if patient is None:
        assert found != "p1" or score < 0.5
        return
    assert found == patient
    assert 0.0 < score <= 1.0
    assert any(evidence in note for note in notes), notes


def test_rare_exact_name_beats_common_name(roster: Roster) -> None:
    _, rare, _ = best(roster, "Zebediah Quortlebury")
    (common,) = match(["John Smith"], roster, min_score=0.0)
    assert rare > 0.9
    assert {c.patient_id for c in common.candidates} == {"p3", "p4", "p5"}
    assert all(c.score < 0.4 for c in common.candidates)
    assert "3 patients share this name" in common.candidates[0].evidence


def test_scores_of_namesakes_sum_to_at_most_one(roster: Roster) -> None:
    (result,) = match(["John Smith"], roster, min_score=0.0, top=50)
    assert sum(c.score for c in result.candidates) <= 1.0 + 1e-6


def test_hints_raise_and_lower(roster: Roster) -> None:
    (plain,) = match(["John Smith"], roster, min_score=0.0)
    (leeds,) = match([AccountInfo("John Smith", city="Leeds")], roster, min_score=0.0)
    base = {c.patient_id: c.score for c in plain.candidates}
    hinted = {c.patient_id: c.score for c in leeds.candidates}
    assert leeds.candidates[0].patient_id == "p3"
    assert hinted["p3"] > base["p3"]
    assert hinted["p4"] < base["p4"]
    assert "city agrees" in leeds.candidates[0].evidence
    (year,) = match([AccountInfo("John Smith", birth_year=1971)], roster, min_score=0.0)
    assert year.candidates[0].patient_id == "p4"
    assert "birth year agrees" in year.candidates[0].evidence


def test_contact_details_find_patients_the_name_misses(roster: Roster) -> None:
    found, score, notes = best(roster, AccountInfo("Bobby S", email="ROB.S@example.org "))
    assert found == "p1"
    assert score > 0.9
    assert "e-mail agrees" in notes
    found, _, notes = best(roster, AccountInfo("Someone Else", phone="+44 113 496 0001"))
    assert found == "p5"
    assert "phone agrees" in notes
    (other,) = match([AccountInfo("Robert Smyth", email="other@example.org")], roster)
    assert "e-mail differs" in other.candidates[0].evidence


def test_birth_year_near_and_far(roster: Roster) -> None:
    (near,) = match([AccountInfo("Jane Doe", birth_year=1991)], roster, min_score=0.0)
    (far,) = match([AccountInfo("Jane Doe", birth_year=1950)], roster, min_score=0.0)
    assert "birth year one off" in near.candidates[0].evidence
    assert "birth year differs" in far.candidates[0].evidence
    assert far.candidates[0].score < near.candidates[0].score


@pytest.mark.parametrize(
    "shown", ["", "🌸🌸🌸", "x" * 10_000, "=cmd|' /C calc'!A0", "مريم", "@@@", "a"]
)
def test_bad_input_never_crashes(roster: Roster, shown: str) -> None:
    (result,) = match([shown], roster)
    assert result.name == shown
    assert all(0.0 <= c.score <= 1.0 for c in result.candidates)


def test_connections_and_top_and_min_score(roster: Roster) -> None:
    connection = Connection(
        platform=Platform.FACEBOOK, kind=ConnectionKind.FRIEND, name="Bob Smyth"
    )
    (result,) = match([connection], roster)
    assert result.candidates[0].patient_id == "p1"
    (limited,) = match(["John Smith"], roster, top=1, min_score=0.0)
    assert len(limited.candidates) == 1
    (none,) = match(["John Smith"], roster, min_score=0.99)
    assert none.candidates == []


def test_prior_moves_scores_monotonically(roster: Roster) -> None:
    scores = [
        match(["Jane Doe"], roster, prior=p, min_score=0.0)[0].candidates[0].score
        for p in (0.01, 0.1, 0.5)
    ]
    assert scores == sorted(scores)
    assert scores[0] < scores[-1]


def test_calibration_is_monotone_in_evidence(roster: Roster) -> None:
    """More agreeing evidence never lowers the score; disagreement never raises it."""
    ladder = [
        AccountInfo("J. Doe"),
        AccountInfo("Jane Doe"),
        AccountInfo("Jane Doe", city="Leeds"),
        AccountInfo("Jane Doe", city="Leeds", birth_year=1990),
    ]
    scores = [best(roster, a)[1] for a in ladder]
    assert scores == sorted(scores)
    assert best(roster, AccountInfo("Jane Doe", city="York"))[1] < scores[1]


def test_overflow_keeps_probability_mass(roster: Roster) -> None:
    tight = Model(max_candidates=1)
    (capped,) = match(["John Smith"], roster, model=tight, min_score=0.0)
    (full,) = match(["John Smith"], roster, min_score=0.0)
    assert capped.candidates == [] or capped.candidates[0].score <= full.candidates[0].score + 1e-9
    (given_only,) = match(["Mary"], roster, model=tight, min_score=0.0)
    assert all(c.score < 0.1 for c in given_only.candidates)


def test_index_is_cached_and_counts_namesakes(roster: Roster) -> None:
    index = match_index(roster)
    assert match_index(roster) is index
    smith = index.family.get("smith")
    john = index.given.get("john")
    assert len(index.by_pair(smith, john)) == 3
    assert index.given_freq(john) > index.given_freq(index.given.get("zebediah"))


def test_good_turing_shrinks_singletons() -> None:
    table = good_turing([1] * 100 + [2] * 20 + [3] * 5)
    assert table[1] < 1.0
    assert all(table[r] <= r for r in table)
    assert list(table.values()) == sorted(table.values())
    assert good_turing([])[1] == 1.0


def test_relatives_weaken_a_family_name_match(roster: Roster) -> None:
    """A patient's relative shares the family name: the model allows for it."""
    (with_kin,) = match(["Zebediah Quortlebury"], roster, min_score=0.0)
    (no_kin,) = match(["Zebediah Quortlebury"], roster, min_score=0.0, model=Model(relatives=0.0))
    assert with_kin.candidates[0].score < no_kin.candidates[0].score


def test_a_shared_town_says_less_when_relatives_could_share_it(roster: Roster) -> None:
    """Relatives share a rare family name and often the town: the town agreeing then adds
    less than it does for a common name, and nothing when relatives always live there."""

    def lift(name: str, **kw: float) -> float:
        model = Model(**kw)
        (bare,) = match([name], roster, min_score=0.0, model=model)
        (town,) = match([AccountInfo(name, city="Leeds")], roster, min_score=0.0, model=model)
        return town.candidates[0].score / bare.candidates[0].score

    apart = lift("Z. Quortlebury", relatives_same_place=0.0)
    together = lift("Z. Quortlebury", relatives_same_place=1.0)
    assert together < apart
    assert lift("Z. Quortlebury") < apart


def test_two_accounts_share_one_patient(roster: Roster) -> None:
    """One patient has at most one account in a list: two accounts that both look like
    the roster's only Zebediah Quortlebury split the probability; an account with no
    rival keeps its score."""
    alone = match(["Zebediah Quortlebury", "Mary Jones"], roster, min_score=0.0)
    both = match(
        ["Zebediah Quortlebury", "Zebediah Quortlebury", "Mary Jones"],
        roster,
        min_score=0.0,
        one_account_each=True,
    )
    first, second, mary = (m.candidates[0] for m in both)
    assert first.score == second.score < alone[0].candidates[0].score
    assert first.score + second.score <= 1.0
    assert "another account in this list could be this patient" in first.evidence
    assert abs(mary.score - alone[1].candidates[0].score) < 0.01
    single = match(["Zebediah Quortlebury"], roster, min_score=0.0, one_account_each=True)
    assert single[0].candidates[0].score == alone[0].candidates[0].score


def test_one_account_each_is_exact_for_two_accounts() -> None:
    """Two accounts with odds w₁ and w₂ for one patient: P(first) = w₁ / (1 + w₁ + w₂)."""
    from armslength.roster.match import _exclusive, _Hit, _Reading, _Scored

    hit = _Hit(1.0, "exact", "exact", _Reading("a", "b"))
    lists = [[_Scored(7, 0.8, hit, [])], [_Scored(7, 0.5, hit, [])]]
    (a,), (b,) = _exclusive(lists, 100, 0.0)
    w1, w2 = 0.8 / 0.2, 0.5 / 0.5
    assert abs(a.score - w1 / (1 + w1 + w2)) < 1e-9
    assert abs(b.score - w2 / (1 + w1 + w2)) < 1e-9


def test_patients_taken_by_other_accounts_raise_the_odds_of_the_rest() -> None:
    """With one account per patient, the other accounts that are patients use up some of
    the roster: a lone candidate's odds grow by N / (N − K), K = prior·(accounts − 1)."""
    from armslength.roster.match import _exclusive, _Hit, _Reading, _Scored

    hit = _Hit(1.0, "exact", "exact", _Reading("a", "b"))
    lists = [[_Scored(1, 0.5, hit, [])], [_Scored(2, 0.5, hit, [])], []]
    (a,), (b,), () = _exclusive(lists, 10, 0.5)
    boost = 10 / (10 - 0.5 * 2)
    assert abs(a.score - boost / (1 + boost)) < 1e-9
    assert a.score == b.score > 0.5
    (same,), _, _ = _exclusive(lists, 10_000_000, 0.5)
    assert abs(same.score - 0.5) < 1e-6


def test_an_address_naming_someone_else_counts_against(roster: Roster) -> None:
    """An address shaped given.family that names another given or family name than the
    patient's, where the display does not show it, is evidence against; one that agrees,
    or repeats what the display shows, changes nothing (a namesake's would agree too)."""
    bare = best(roster, "Z. Quortlebury")
    other = best(roster, AccountInfo("Z. Quortlebury", email="zachary.quortlebury7@x.test"))
    same = best(roster, AccountInfo("Z. Quortlebury", email="zebediah.quortlebury7@x.test"))
    shown = best(roster, AccountInfo("Zebediah Quortlebury", email="zeb.q@x.test"))
    assert other[0] == "p6" and other[1] < bare[1]
    assert "e-mail names another given name" in other[2]
    assert same[1] == bare[1]
    assert shown[1] == best(roster, "Zebediah Quortlebury")[1]
    married = best(roster, AccountInfo("Zebediah Q.", email="zebediah.smith@x.test"))
    assert "e-mail names another family name" in married[2]
