"""Word classes of the name recognizer are remembered per word: the same answers, bounded."""

from __future__ import annotations

import pytest

from armslength.screen._doc import Doc
from armslength.screen.recognizers import person_name
from armslength.screen.recognizers.person_name import _classify, classify

TEXTS = [
    "Saw Mrs Patel (72) in clinic; Dr O'Neill-Smith and JOHN came by with Amoxicillin.",
    "SAW MRS PATEL IN CLINIC TODAY WITH JOHN AND PAROXETINE",
    "saw mrs patel in clinic today with john, leeds and the Lagos team",
]


def test_remembered_classes_are_the_computed_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(person_name, "_CLASSES", {})
    monkeypatch.setattr(person_name, "_MAX_CLASSES", 5)
    for _ in range(2):
        for text in TEXTS:
            doc = Doc(text)
            for token in doc.tokens:
                assert classify(token, doc) is _classify(token, doc), token.text
    assert 0 < len(person_name._CLASSES) <= 5


def test_the_same_word_in_a_capitals_text_is_classed_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """'ANN' in mixed case is an acronym; in a text in capitals it is a given name."""
    monkeypatch.setattr(person_name, "_CLASSES", {})
    mixed, capitals = Doc("Thanks to ANN for the cover"), Doc("THANKS TO ANN FOR THE COVER")
    ann_mixed = next(t for t in mixed.tokens if t.text == "ANN")
    ann_capitals = next(t for t in capitals.tokens if t.text == "ANN")
    first, second = classify(ann_mixed, mixed), classify(ann_capitals, capitals)
    assert first is _classify(ann_mixed, mixed)
    assert second is _classify(ann_capitals, capitals)
    assert first is not second
