"""Property tests: normalisation is idempotent, loaders never crash, scores stay in [0, 1]."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armslength.errors import RosterError
from armslength.roster import Roster, load_roster
from armslength.roster._store import Roster as Store
from armslength.roster.csv import read_csv
from armslength.roster.fhir import read_fhir
from armslength.roster.match import match
from armslength.roster.names import normalize_name, parse_display_name

FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FAST
@given(st.text(max_size=80))
def test_normalize_name_is_idempotent(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once
    assert once == once.strip()
    assert once.isascii()


@FAST
@given(st.text(max_size=80))
def test_parse_display_name_gives_ascii_words(text: str) -> None:
    parsed = parse_display_name(text)
    assert all(w and w.isascii() and w == w.lower() for w in parsed.words)


def _load(reader: object, data: bytes) -> int:
    store = Store()
    try:
        store.extend(reader(io.BytesIO(data), Path("fuzz")))  # type: ignore[operator]
    except RosterError:
        return -1
    return len(store)


@FAST
@given(st.binary(max_size=400))
def test_csv_reader_never_crashes(data: bytes) -> None:
    assert _load(read_csv, b"id,given,family\n" + data) >= -1
    assert _load(read_csv, data) >= -1


@FAST
@given(st.binary(max_size=400))
def test_fhir_reader_never_crashes(data: bytes) -> None:
    assert _load(read_fhir, data) >= -1
    assert _load(read_fhir, b'{"resourceType": "Patient", "id": "1"}\n' + data) >= -1


@FAST
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda c: (
            st.lists(c, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "id",
                        "name",
                        "given",
                        "family",
                        "text",
                        "use",
                        "birthDate",
                        "address",
                        "city",
                        "telecom",
                        "system",
                        "value",
                        "resourceType",
                    ]
                ),
                c,
                max_size=5,
            )
        ),
        max_leaves=12,
    )
)
def test_fhir_resources_of_any_shape(resource: object) -> None:
    import json

    line = json.dumps(
        {
            "resourceType": "Patient",
            "id": "x",
            "name": resource,
            "telecom": resource,
            "address": resource,
        }
    )
    assert _load(read_fhir, line.encode() + b"\n" + json.dumps(resource).encode() + b"\n") >= -1


@FAST
@given(st.lists(st.text(max_size=40), min_size=1, max_size=4))
def test_scores_are_probabilities(roster: Roster, names: list[str]) -> None:
    for result in match(names, roster, min_score=0.0):
        total = sum(c.score for c in result.candidates)
        assert all(0.0 <= c.score <= 1.0 for c in result.candidates)
        assert total <= 1.0 + 1e-6


def test_load_roster_from_arbitrary_file(tmp_path: Path) -> None:
    path = tmp_path / "r.bin"
    path.write_bytes(b"\x00\xff{[,;\n" * 5)
    with pytest.raises(RosterError, match=r"r\.bin"):
        load_roster(path)
