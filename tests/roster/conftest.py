"""A small synthetic roster (invented names only) shared by the matching and CLI tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from armslength.roster import Roster, load_roster
from armslength.roster.match import AccountInfo, match

ROWS = [
    "id,given,family,other_names,nickname,city,dob,email,phone",
    "p1,Robert,Smyth,,,Leeds,1980-01-01,rob.s@example.org,",
    "p2,Jennifer,Smith-Jones,Brown,,York,1985-05-05,,",
    "p3,John,Smith,,,Leeds,1970-01-01,,",
    "p4,John,Smith,,,York,1971-01-01,,",
    "p5,John,Smith,,,Hull,1972-01-01,,0113 496 0001",
    "p6,Zebediah,Quortlebury,,,Leeds,1990-01-01,,",
    "p7,Jane,Doe,,,Leeds,1990-01-01,,",
    "p8,Mary,Jones,,,Leeds,1990-01-01,,",
    "p9,Katharine,Oyelaran,,Kit,Leeds,1991-01-01,,",
    "p10,Zoë,Müller,,,Köln,1992-01-01,,",
]
# Common names that make "John Smith" weak evidence, as in a real panel.
FILLER_GIVEN = ["John", "James", "Mary", "Sarah", "David", "Emma", "Peter", "Anne"]
FILLER_FAMILY = ["Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans", "Walker", "Hall"]


def roster_text(filler: int = 200) -> str:
    rows = list(ROWS)
    for i in range(filler):
        given = FILLER_GIVEN[i % len(FILLER_GIVEN)]
        family = FILLER_FAMILY[(i // len(FILLER_GIVEN) + i) % len(FILLER_FAMILY)]
        if (given, family) == ("John", "Smith"):
            family = "Hall"
        rows.append(f"f{i},{given},{family},,,Bristol,,,")
    return "\n".join(rows) + "\n"


@pytest.fixture(scope="session")
def roster_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("roster") / "roster.csv"
    path.write_text(roster_text(), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def roster(roster_path: Path) -> Roster:
    return load_roster(roster_path)


def best(roster: Roster, account: str | AccountInfo) -> tuple[str | None, float, list[str]]:
    """The top candidate for one account: patient id, score and evidence (None when none)."""
    (result,) = match([account], roster, min_score=0.0)
    if not result.candidates:
        return None, 0.0, []
    top = result.candidates[0]
    return top.patient_id, top.score, top.evidence
