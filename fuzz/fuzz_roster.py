"""Fuzz targets for the roster parsers (CSV and FHIR) and the display-name parser.

With atheris (not a project dependency, not run in CI):

    pip install atheris
    python fuzz/fuzz_roster.py csv  -max_total_time=600
    python fuzz/fuzz_roster.py fhir -max_total_time=600
    python fuzz/fuzz_roster.py name -max_total_time=600

Without atheris, ``pytest fuzz/fuzz_roster.py`` drives the same targets with Hypothesis.
A target may raise :class:`~armslength.errors.RosterError` (the input was rejected with
a message); any other exception is a bug.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from armslength.errors import RosterError
from armslength.roster._store import Roster
from armslength.roster.csv import read_csv
from armslength.roster.fhir import read_fhir
from armslength.roster.names import normalize_name, parse_display_name

_PATH = Path("fuzz-input")


def _load(reader: Callable[..., object], data: bytes) -> None:
    roster = Roster()
    try:
        roster.extend(reader(io.BytesIO(data), _PATH))  # type: ignore[arg-type]
    except RosterError:
        return
    for index in range(min(len(roster), 5)):
        roster.patient(index)


def fuzz_csv(data: bytes) -> None:
    _load(read_csv, data)


def fuzz_fhir(data: bytes) -> None:
    _load(read_fhir, data)


def fuzz_name(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    once = normalize_name(text)
    assert normalize_name(once) == once
    parse_display_name(text)


TARGETS = {"csv": fuzz_csv, "fhir": fuzz_fhir, "name": fuzz_name}

_CSV_SEEDS = st.sampled_from(
    [b"id,given,family\n", b"\xef\xbb\xbfMRN;First;Surname\n", b"id\tname\tdob\n", b""]
)


@settings(max_examples=300, deadline=None)
@given(_CSV_SEEDS, st.binary(max_size=600))
def test_fuzz_csv(header: bytes, body: bytes) -> None:
    fuzz_csv(header + body)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_fuzz_fhir(data: bytes) -> None:
    fuzz_fhir(data)
    fuzz_fhir(b'{"resourceType":"Bundle","entry":[' + data + b"]}")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_fuzz_name(data: bytes) -> None:
    fuzz_name(data)


def main() -> None:  # pragma: no cover - needs atheris
    import atheris

    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":  # pragma: no cover
    main()
