"""A roster given as a Spark DataFrame: the roster CSV's columns, read by the CSV row parser."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pyspark.sql import DataFrame
from pyspark.sql import functions as sf

from armslength.errors import RosterError
from armslength.roster import Roster
from armslength.roster._store import RawPatient, Skipped
from armslength.roster.csv import RowCheck, map_header, row_to_patient

SOURCE = Path("roster DataFrame")


def roster_rows(df: DataFrame) -> list[RawPatient | Skipped]:
    """Collect the identity columns (matched like a CSV header; others are never read).

    Rows are numbered from 2, as the lines of a CSV file with a header row. As in a CSV
    roster, a row whose NHS number (id column ``NHS Number``, ``NHS No``) fails its mod-11
    check digit is skipped, with a reason that names the row and the column, never the
    number.
    """
    columns = map_header(list(df.columns), SOURCE)
    check = RowCheck.for_id_header(df.columns[columns["patient_id"]].strip())
    used = sorted(set(columns.values()))
    position = {field: used.index(index) for field, index in columns.items()}
    selected = df.select(*(sf.col(df.columns[i]).cast("string") for i in used))
    return [
        check.checked(row_to_patient(["" if v is None else v for v in row], position, number))
        for number, row in enumerate(selected.toLocalIterator(), start=2)
    ]


def roster_from_rows(rows: Sequence[RawPatient | Skipped], source: str = str(SOURCE)) -> Roster:
    """A :class:`Roster` from parsed rows, with the checks of :func:`load_roster`."""
    roster = Roster(source=source)
    roster.extend(rows)
    roster.done()
    if not len(roster):
        raise RosterError(f"no usable rows ({len(roster.skipped)} skipped)", path=source)
    return roster
