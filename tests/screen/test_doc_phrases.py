"""A text's phrase occurrences are worked out once per list, and each caller gets its own list."""

from __future__ import annotations

from armslength.screen._doc import Doc


def test_phrases_are_the_same_on_every_call_and_not_shared() -> None:
    doc = Doc("Flew from Leeds to New York via Manchester with my mum's asthma inhaler")
    first = doc.phrases("cities")
    assert first and first == doc.phrases("cities") == Doc(doc.text)._phrases("cities")
    first.clear()
    assert doc.phrases("cities") == Doc(doc.text).phrases("cities")
    assert doc.phrases("clinical.conditions") == Doc(doc.text)._phrases("clinical.conditions")
