"""screen_dataframe: identical to the single-machine screen, contract schema, bad rows."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("pyspark")

from pyspark.sql import SparkSession

from armslength.errors import InputError
from armslength.screen.engine import Screener
from armslength.spark import SCREEN_SCHEMA, screen_dataframe


def _single_machine(posts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    screener = Screener()
    out = {}
    for post in posts:
        result = screener.screen(post["text"], post["kind"], id=post["id"])
        out[post["id"]] = result.model_dump(mode="json", exclude={"redacted"})
    return out


def test_results_identical_to_single_machine(
    spark: SparkSession, posts: list[dict[str, Any]]
) -> None:
    df = spark.createDataFrame(posts, "id string, text string, kind string").repartition(6)
    rows = screen_dataframe(df, kind_col="kind").collect()
    got = {r["id"]: r.asDict(recursive=True) for r in rows}
    expected = _single_machine(posts)
    assert len(rows) == len(posts) == len(got)
    assert all(r["error"] is None for r in rows)
    assert sum(1 for e in expected.values() if e["findings"]) > len(posts) // 3
    for id_, want in expected.items():
        have = got[id_]
        assert (have["id"], have["risk"], have["findings"]) == (
            want["id"],
            want["risk"],
            want["findings"],
        )


def test_schema_is_the_contract(spark: SparkSession) -> None:
    df = spark.createDataFrame([("a", "Jane Quill, 87, bed 4")], "id string, text string")
    result = screen_dataframe(df)
    assert result.schema == SCREEN_SCHEMA
    assert result.columns == ["id", "risk", "findings", "error"]
    finding_fields = SCREEN_SCHEMA["findings"].dataType.elementType.fieldNames()  # type: ignore[attr-defined]
    assert finding_fields == [
        "start", "end", "text", "label", "category", "severity", "score", "rule", "why", "sources",
    ]  # fmt: skip
    assert result.collect()[0]["findings"]


def test_bad_rows_get_an_error_and_the_job_completes(spark: SparkSession) -> None:
    rows = [("a", None), (None, "Jane Quill is 87"), ("d", "fine"), ("d", "Bed 4, age 91")]
    df = spark.createDataFrame(rows, "id string, text string").repartition(8)  # empty partitions
    got = sorted(
        (r.asDict(recursive=True) for r in screen_dataframe(df).collect()),
        key=lambda r: (r["id"] or "", r["risk"] or ""),
    )
    assert len(got) == 4
    no_id, missing, dup_low, dup_other = got
    assert no_id["id"] is None and no_id["risk"] in ("medium", "high") and no_id["error"] is None
    assert missing["id"] == "a" and missing["risk"] is None and missing["findings"] is None
    assert missing["error"] == "field 'text' is missing or not a string"
    assert {dup_low["id"], dup_other["id"]} == {"d"}
    assert all(r["risk"] is not None for r in (dup_low, dup_other))
    assert all("duplicate id: 2 rows" in r["error"] for r in (dup_low, dup_other))


def test_a_column_that_is_not_text_is_an_error_per_row(spark: SparkSession) -> None:
    df = spark.createDataFrame([(1, 42), (2, None)], "id long, body long")
    got = screen_dataframe(df, text_col="body").orderBy("id").collect()
    assert [r["id"] for r in got] == ["1", "2"]
    assert all(r["error"] == "field 'body' is not a string (column type bigint)" for r in got)


def test_empty_input_gives_empty_output(spark: SparkSession) -> None:
    df = spark.createDataFrame([], "id string, text string")
    assert screen_dataframe(df).count() == 0


def test_unknown_kind_is_a_row_error(spark: SparkSession) -> None:
    df = spark.createDataFrame([("x", "hello", "tweet")], "id string, text string, kind string")
    [row] = screen_dataframe(df, kind_col="kind").collect()
    assert row["risk"] is None and "unknown kind" in row["error"]


def test_missing_columns_are_named(spark: SparkSession) -> None:
    df = spark.createDataFrame([("x", "hello")], "id string, body string")
    with pytest.raises(InputError, match="no text column 'text'"):
        screen_dataframe(df)
    with pytest.raises(InputError, match="no id column 'post_id'"):
        screen_dataframe(df, text_col="body", id_col="post_id")
    assert screen_dataframe(df, text_col="body", id_col=None).collect()[0]["id"] is None


def test_roster_names_are_found(spark: SparkSession, tmp_path: Any) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("id,given,family\nP1,Xanthe,Yarrowby\n", encoding="utf-8")
    df = spark.createDataFrame([("1", "Saw xanthe yarrowby today")], "id string, text string")
    [row] = screen_dataframe(df, roster=str(roster)).collect()
    expected = Screener(roster=__import__("armslength").load_roster(roster)).screen(
        "Saw xanthe yarrowby today"
    )
    assert [f["rule"] for f in row["findings"]] == [f.rule for f in expected.findings]


def test_session_under_spark_submit_keeps_its_master(
    spark: SparkSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from armslength.spark import local_session

    monkeypatch.setenv("PYSPARK_GATEWAY_PORT", "0")  # what spark-submit sets for its Python
    assert local_session().sparkContext.master == spark.sparkContext.master
