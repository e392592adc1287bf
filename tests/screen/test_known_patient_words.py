"""Known-patient names are found word by word, whatever the roster's size."""

from __future__ import annotations

from armslength.model import Patient
from armslength.screen import screen


def patients(count: int) -> list[Patient]:
    return [
        Patient(patient_id=f"P{i}", given=f"Given{i}", family=f"Family{i}") for i in range(count)
    ] + [
        Patient(patient_id="target", given="Siobhan", family="O'Hare-Quill"),
    ]


def known(text: str, roster: list[Patient]) -> list[str]:
    return [f.text for f in screen(text, roster=roster).findings if f.rule == "phi-known-patient"]


def test_possessive_title_and_line_breaks() -> None:
    roster = patients(10)
    assert known("Siobhan O'Hare-Quill's scan was clear", roster) == ["Siobhan O'Hare-Quill"]
    assert known("Saw Mrs. O'Hare-Quill today", roster) == ["Mrs. O'Hare-Quill"]
    assert known("SIOBHAN\no'hare-quill", roster) == ["SIOBHAN\no'hare-quill"]
    assert known("Siobhan Quill and O'Hare", roster) == []


def test_large_roster_still_finds_the_name() -> None:
    roster = patients(20_000)
    assert known("lovely to see given19999 family19999 and Siobhan O'Hare-Quill", roster) == [
        "given19999 family19999",
        "Siobhan O'Hare-Quill",
    ]


def test_town_that_is_an_english_word_only_counts_mid_sentence() -> None:
    assert [f.text for f in screen("Reading a novel this week.").findings] == []
    assert [f.text for f in screen("Bath time! Lovely.").findings] == []
    assert "Reading" in [f.text for f in screen("She moved to Reading last year.").findings]
