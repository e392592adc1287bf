"""match_dataframe: identical to the single-machine matcher, contract schema, bad rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyspark")

from pyspark.sql import SparkSession

from armslength.errors import InputError, RosterError
from armslength.roster import load_roster
from armslength.roster.match import AccountInfo, match
from armslength.spark import MATCH_SCHEMA, match_dataframe

HINT_SCHEMA = "id string, name string, city string, email string, phone string, birth_year long"


def _accounts(folder: Path) -> list[dict[str, Any]]:
    lines = (folder / "accounts.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    fields = ("id", "name", "city", "email", "phone", "birth_year")
    return [{f: row.get(f) for f in fields} for row in rows]


def _single_machine(folder: Path, accounts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    roster = load_roster(folder / "roster.csv")
    infos = [AccountInfo(**{k: v for k, v in a.items() if k != "id"}) for a in accounts]
    return [m.model_dump(mode="json") for m in match(infos, roster)]


def _key(row: dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True)


def test_results_identical_to_single_machine(spark: SparkSession, match_data: Path) -> None:
    accounts = _accounts(match_data)
    df = spark.createDataFrame(accounts, HINT_SCHEMA).repartition(5)
    rows = match_dataframe(df, match_data / "roster.csv").collect()
    got = sorted(
        ({"name": r["name"], "candidates": r.asDict(recursive=True)["candidates"]} for r in rows),
        key=_key,
    )
    expected = sorted(_single_machine(match_data, accounts), key=_key)
    assert len(got) == len(accounts) == 2000
    assert all(r["error"] is None for r in rows)
    assert sum(1 for e in expected if e["candidates"]) > 500
    assert got == expected


def test_roster_as_a_dataframe_gives_the_same_results(
    spark: SparkSession, match_data: Path
) -> None:
    accounts = _accounts(match_data)[:300]
    df = spark.createDataFrame(accounts, HINT_SCHEMA)
    roster_df = spark.read.option("header", True).csv(str(match_data / "roster.csv"))
    from_df = match_dataframe(df, roster_df, top=3).collect()
    from_file = match_dataframe(df, str(match_data / "roster.csv"), top=3).collect()
    assert sorted(map(str, from_df)) == sorted(map(str, from_file))


def test_schema_and_bad_rows(spark: SparkSession, match_data: Path) -> None:
    rows = [("Jane Quill",), (None,), ("",), ("Jane Quill",)]
    df = spark.createDataFrame(rows, "name string").repartition(6)
    result = match_dataframe(df, match_data / "roster.csv", min_score=0.0)
    assert result.schema == MATCH_SCHEMA
    got = result.collect()
    assert len(got) == 4
    errors = [r for r in got if r["error"]]
    assert [(r["name"], r["error"]) for r in errors] == [
        (None, "field 'name' is missing or not a string")
    ]
    assert sorted(r["name"] for r in got if not r["error"]) == ["", "Jane Quill", "Jane Quill"]


def test_a_name_column_that_is_not_text_is_an_error_per_row(
    spark: SparkSession, match_data: Path
) -> None:
    df = spark.createDataFrame([(1,), (2,)], "name long")
    got = match_dataframe(df, match_data / "roster.csv").collect()
    assert [r["error"] for r in got] == ["field 'name' is missing or not a string"] * 2


def test_options_are_checked_on_the_driver(
    spark: SparkSession, match_data: Path, tmp_path: Path
) -> None:
    df = spark.createDataFrame([("Jane Quill", "Leeds")], "name string, town string")
    roster = match_data / "roster.csv"
    with pytest.raises(InputError, match="no name column 'display'"):
        match_dataframe(df, roster, "display")
    with pytest.raises(InputError, match="unknown hint 'shoe_size'"):
        match_dataframe(df, roster, hints={"shoe_size": "town"})
    with pytest.raises(InputError, match="no column 'ville'"):
        match_dataframe(df, roster, hints={"city": "ville"})
    empty = tmp_path / "empty.csv"
    empty.write_text("id,given,family\n,,\n", encoding="utf-8")
    with pytest.raises(RosterError, match="no usable rows"):
        match_dataframe(df, empty)
    [row] = match_dataframe(df, roster, hints={"city": "town"}, min_score=0.0).collect()
    [want] = match([AccountInfo("Jane Quill", city="Leeds")], load_roster(roster), min_score=0.0)
    assert row.asDict(recursive=True)["candidates"] == want.model_dump(mode="json")["candidates"]
