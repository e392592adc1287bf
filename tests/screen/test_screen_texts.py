"""screen_texts: the batch machinery for plain (text, kind) pairs, serial or on worker processes."""

from __future__ import annotations

import pytest

from armslength.model import Patient, ScreenResult
from armslength.screen.batch import BatchOptions, screen_texts

ITEMS = [
    ("Saw Mrs Quennell in clinic today", "post"),
    ("lovely walk", "post"),
    ("bad kind here", "poke"),
    ("Glad your crown is holding up", "reply"),
]


@pytest.mark.parametrize("workers", [1, 2])
def test_results_in_order_with_errors_in_place(workers: int) -> None:
    roster = (Patient(patient_id="p1", given="Ada", family="Quennell"),)
    options = BatchOptions(redact=True, roster=roster)
    out = list(screen_texts(ITEMS, options, workers=workers))
    assert len(out) == len(ITEMS)
    assert isinstance(out[0], ScreenResult)
    assert out[0].risk.value == "high"
    assert out[0].redacted is not None
    assert "Quennell" not in out[0].redacted
    assert isinstance(out[1], ScreenResult)
    assert out[1].risk.value == "none"
    assert isinstance(out[2], str)
    assert out[2]
    assert "bad kind here" not in out[2]
    assert isinstance(out[3], ScreenResult)
    assert out[3].risk.value == "high"
