"""Drive the atheris fuzz target's entry function with Hypothesis."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from hypothesis import given, settings
from hypothesis import strategies as st

FUZZ = Path(__file__).resolve().parents[2] / "fuzz" / "fuzz_screen.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_screen", FUZZ)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fuzz_one = _load().fuzz_one

SEEDS = st.sampled_from(
    [b'{"id": 1, "text": "Mrs Patel, 93"}', b"\xff\xfe", b"Dr. ", b"@", b"#", b"MRN: ", b"\n"]
)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=60), SEEDS), max_size=6).map(b"".join))
def test_fuzz_entry_never_breaks_an_invariant(data: bytes) -> None:
    fuzz_one(data)


def test_fuzz_entry_on_known_inputs() -> None:
    for data in (b"", b"\n\n", "Glad your crown is holding up, Jos\u00e9!".encode(), b"x" * 5000):
        fuzz_one(data)
