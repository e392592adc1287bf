"""Matching behaviours added for issue 5: the maintainers' nickname list, surname-first
display names with descriptors, and display names that show two surnames."""

from __future__ import annotations

from pathlib import Path

import pytest

from armslength.roster import Roster, load_roster

from .conftest import best, roster_text

EXTRA = [
    "q1,Barbara,Quenneville,,,Leeds,1980-01-01,,",
    "q2,Mary,Ardwright,,,Leeds,1981-01-01,,",
    "q3,Jennifer,Nettlard,,,York,1982-01-01,,",
    "q4,Jane,Wilson,Pellinore,,Hull,1983-01-01,,",
    "q5,Jane,Pellinore,,,Hull,1984-01-01,,",
    "q6,Kathleen,Ostrowe,,,Leeds,1985-01-01,,",
    "q7,William,Bexendale,,,Leeds,1986-01-01,,",
]


@pytest.fixture(scope="module")
def panel(tmp_path_factory: pytest.TempPathFactory) -> Roster:
    path: Path = tmp_path_factory.mktemp("panel") / "roster.csv"
    path.write_text(roster_text() + "\n".join(EXTRA) + "\n", encoding="utf-8")
    return load_roster(path)


@pytest.mark.parametrize(
    ("shown", "patient", "evidence"),
    [
        # Short forms from the maintainers' list (absent from the nicknames package).
        ("Barb Quenneville", "q1", "given name nickname Barb→Barbara"),
        ("Kath Ostrowe", "q6", "given name nickname Kath→Kathleen"),
        ("Liam Bexendale", "q7", "given name nickname Liam→William"),
        # Surname first, then a descriptor after a separator.
        ("Quenneville, Barbara • dog mum", "q1", "given name exact"),
        ("ostrowe, kathleen | Realtor", "q6", "family name exact"),
        # Two surnames shown: the rare one the roster knows decides, the common one is chance.
        ("Mary Wilson (Ardwright)", "q2", "family name other"),
        ("Jennifer Nettlard-Wilson", "q3", "family name part"),
        # Both shown surnames recorded for one patient beat a patient with only one of them.
        ("Jane Wilson (Pellinore)", "q4", "family name exact"),
    ],
)
def test_found_with_confidence(panel: Roster, shown: str, patient: str, evidence: str) -> None:
    found, score, notes = best(panel, shown)
    assert found == patient
    assert score >= 0.5
    assert any(evidence in note for note in notes), notes


@pytest.mark.parametrize(
    "shown",
    [
        # Near misses: look-alike given names that are not short forms.
        "Bart Quenneville",
        "Keith Ostrowe",
        "Lionel Bexendale",
        # Two common surnames: weak evidence whichever the roster holds.
        "Mary Wilson (Smith)",
        "Jennifer Smith-Wilson",
        "Jane Wilson (Smith)",
    ],
)
def test_near_misses_stay_below_half(panel: Roster, shown: str) -> None:
    _, score, notes = best(panel, shown)
    assert score < 0.5, notes
    assert not any("nickname" in note for note in notes), notes
