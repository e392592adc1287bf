"""Patient rosters: loading (CSV, FHIR), name normalisation and matching.

>>> roster = load_roster("roster.csv")          # doctest: +SKIP
>>> roster.patients[0].patient_id, roster.skipped  # doctest: +SKIP

The roster is read for a run and held in memory only; Armslength never writes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from armslength._checks import check_path
from armslength._io import input_error, open_input
from armslength.errors import RosterError
from armslength.roster._store import Roster, Skipped
from armslength.roster.columns import roster_columns
from armslength.roster.csv import read_csv
from armslength.roster.fhir import read_fhir

__all__ = ["Roster", "Skipped", "load_roster"]

_FHIR_SUFFIXES = (".json", ".ndjson", ".jsonl", ".fhir")
_SNIFF_BYTES = 4096
_WHAT = "roster file"


def _is_fhir(path: Path, head: bytes) -> bool:
    if path.suffix.lower() in _FHIR_SUFFIXES:
        return True
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"["))


def load_roster(path: str | Path, *, columns: Mapping[str, str] | None = None) -> Roster:
    """Load a CSV or FHIR roster; bad rows are skipped (see ``.skipped``).

    ``columns`` maps fields to CSV headers (``{"patient_id": "Chart No"}``, see
    :func:`armslength.roster.columns.parse_column_mapping`) beside the usual headers.

    Raises :class:`~armslength.errors.RosterError` when the file cannot be read,
    has the wrong shape, or has no usable row.
    """
    path = check_path("path", path)
    if columns is not None:
        with roster_columns(columns):
            return load_roster(path)
    roster = Roster(source=str(path))
    with open_input(path, what=_WHAT, error=RosterError) as stream:
        try:
            reader = read_fhir if _is_fhir(path, stream.read(_SNIFF_BYTES)) else read_csv
            stream.seek(0)
            roster.extend(reader(stream, path))
        except OSError as exc:
            raise input_error(exc, path, what=_WHAT, error=RosterError) from None
    roster.done()
    if not len(roster):
        raise RosterError(f"no usable rows ({len(roster.skipped)} skipped)", path=path)
    return roster
