"""The shared clinical vocabulary's lists stay in the form the fast matcher needs."""

from __future__ import annotations

import pytest

from armslength import _lexicon
from armslength.vocabulary import TermClass, find


@pytest.mark.parametrize("cls", list(TermClass))
def test_every_entry_can_be_matched_as_a_trie(cls: TermClass) -> None:
    """An entry with a character outside the trie's safe set (an accent, say) would make the
    whole list fall back to a plain alternation, several times slower: write it folded."""
    entries = _lexicon.words(f"clinical.{cls.value}")
    unsafe = sorted(e for e in entries if not _lexicon._TRIE_SAFE.issuperset(e))
    assert unsafe == []


def test_the_widened_lists_know_devices_brands_and_scores() -> None:
    text = "Moving from Ventolin Evohaler to Relvar Ellipta; a Waterlow score of 14; Juvederm."
    terms = {t.term for t in find(text)}
    assert {"ventolin", "evohaler", "relvar", "ellipta", "waterlow", "juvederm"} <= terms
