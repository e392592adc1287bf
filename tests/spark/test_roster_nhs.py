"""A roster DataFrame keyed by NHS number: each row's mod-11 check digit is checked, as
for a CSV roster; a failing row is skipped with a reason naming the row and the column."""

from __future__ import annotations

import pytest

pytest.importorskip("pyspark")

from pyspark.sql import SparkSession

from armslength.errors import RosterError
from armslength.roster._store import Skipped
from armslength.spark.roster import roster_from_rows, roster_rows

GOOD, BAD = "943 476 5919", "943 476 5918"  # the same number with its check digit off by one


def test_a_failing_nhs_number_is_skipped_naming_row_and_column(spark: SparkSession) -> None:
    df = spark.createDataFrame(
        [(GOOD, "Jane", "Quill"), (BAD, "Robert", "Smyth")],
        "`NHS Number` string, Forename string, Surname string",
    )
    rows = roster_rows(df)
    skipped = [r for r in rows if isinstance(r, Skipped)]
    assert [s.line for s in skipped] == [3]
    assert "'NHS Number'" in skipped[0].reason
    assert "check digit" in skipped[0].reason
    assert BAD not in skipped[0].reason and BAD.replace(" ", "") not in skipped[0].reason
    roster = roster_from_rows(rows)
    assert list(roster.ids) == [GOOD]
    assert roster.skipped == skipped


def test_an_id_column_that_is_not_an_nhs_number_is_not_checked(spark: SparkSession) -> None:
    df = spark.createDataFrame(
        [(BAD, "Robert", "Smyth")], "MRN string, Forename string, Surname string"
    )
    roster = roster_from_rows(roster_rows(df))
    assert list(roster.ids) == [BAD]


def test_a_roster_with_only_failing_numbers_is_an_error(spark: SparkSession) -> None:
    df = spark.createDataFrame(
        [(BAD, "Robert", "Smyth")], "`NHS No` string, Forename string, Surname string"
    )
    with pytest.raises(RosterError, match="no usable rows"):
        roster_from_rows(roster_rows(df))
