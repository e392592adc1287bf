"""SortedStrings answers exactly as a frozenset of the same strings, searched or materialised."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armslength._sortedset import SortedStrings

WORDS = st.text(st.characters(blacklist_characters="\n", blacklist_categories=["Cs"]), min_size=1)


@given(st.frozensets(WORDS, max_size=60), st.lists(WORDS, max_size=60))
def test_membership_is_a_frozensets(strings: frozenset[str], probes: list[str]) -> None:
    held = SortedStrings.of(strings)
    assert len(held) == len(strings)
    assert set(held) == strings
    for probe in [*probes, *strings]:
        assert (probe in held) == (probe in strings)


def test_prefixes_neighbours_and_other_scripts() -> None:
    strings = {"new york", "new", "newport", "saint-denis", "zürich", "αθήνα", "東京"}
    held = SortedStrings.of(strings)
    for probe in ["ne", "new yor", "new york city", "newport", "zurich", "zürich", "東", "αθήνα"]:
        assert (probe in held) == (probe in strings)
    assert 42 not in held
    assert held == frozenset(strings)


def test_an_empty_set() -> None:
    held = SortedStrings.of([])
    assert len(held) == 0
    assert "x" not in held
    assert list(held) == []


@pytest.mark.parametrize("bad", [[""], ["a\nb"]])
def test_strings_the_blob_cannot_hold_are_refused(bad: list[str]) -> None:
    with pytest.raises(ValueError, match="cannot be held"):
        SortedStrings.of(bad)


def test_offsets_that_do_not_fit_the_blob_are_refused() -> None:
    with pytest.raises(ValueError, match="offsets"):
        SortedStrings(b"a\nb\n", array("I", [0, 2, 3]))
    with pytest.raises(ValueError, match="offsets"):
        SortedStrings(b"a\n", array("I"))


def test_a_table_that_does_not_fit_is_refused() -> None:
    held = SortedStrings.of(["a", "b", "c"])
    with pytest.raises(ValueError, match="hash table"):
        SortedStrings(held.blob, held.offsets, array("I", [0, 0, 0]))
    with pytest.raises(ValueError, match="hash table"):
        SortedStrings(held.blob, held.offsets, array("I", [0, 0, 0, 0]))


def test_the_table_given_is_the_one_built() -> None:
    held = SortedStrings.of([f"town {n}" for n in range(1000)])
    again = SortedStrings(held.blob, held.offsets, held.table)
    assert again.table == held.table
    assert all(f"town {n}" in again for n in range(1000))
    assert "town 1000" not in again


@given(st.frozensets(WORDS, max_size=60), st.lists(WORDS, max_size=120))
def test_a_large_set_answers_the_same_from_its_table_and_its_memo(
    strings: frozenset[str], probes: list[str]
) -> None:
    """A set too large for a frozenset is searched in its table; repeated lookups are
    answered from a bounded memo, which is cleared when full (here: every three words)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("armslength._sortedset.SMALL", 0)
        patch.setattr("armslength._sortedset.MEMO", 3)
        held = SortedStrings.of(strings)
        for probe in [*probes, *strings, *probes, *strings]:
            assert (probe in held) == (probe in strings)
        assert len(held._memo) <= 3
