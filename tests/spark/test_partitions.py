"""The per-partition functions the executors run, called directly on pandas frames.

Spark runs them in worker processes (where coverage does not follow); these tests pin
their row-level behaviour without a cluster.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pyspark")

import pandas as pd

from armslength.roster import load_roster
from armslength.roster.match import AccountInfo, match
from armslength.screen.engine import Screener
from armslength.spark import io
from armslength.spark.match import MatchConfig, match_frame, roster_for
from armslength.spark.roster import roster_from_rows
from armslength.spark.schema import MATCH_COLUMNS, SCREEN_COLUMNS
from armslength.spark.screen import ScreenConfig, screen_batches, screener_for


def _posts(*rows: tuple[object, ...]) -> pd.DataFrame:
    return pd.DataFrame.from_records(rows, columns=["_id", "_text", "_kind", "_error", "_copies"])


def test_screen_frame_rows() -> None:
    config = ScreenConfig()
    frame = _posts(
        ("a", "Jane Quill, 87, bed 4", None, None, 1),
        ("b", None, None, None, 1),
        ("c", 42, None, None, 1),
        ("d", "hello", "tweet", None, 1),
        ("e", "hello", None, "not valid JSON", 1),
        ("f", "Bed 4, age 91", "reply", None, 3),
    )
    [out] = list(screen_batches([frame], config))
    rows = out.to_dict("records")
    assert list(out.columns) == list(SCREEN_COLUMNS)
    want = Screener().screen("Jane Quill, 87, bed 4", id="a").model_dump(mode="json")
    assert rows[0]["findings"] == want["findings"] and rows[0]["risk"] == want["risk"]
    assert [r["error"] for r in rows[1:3]] == ["field 'text' is missing or not a string"] * 2
    assert rows[3]["error"].startswith("unknown kind") and rows[3]["findings"] is None
    assert rows[4]["error"] == "not valid JSON"
    assert rows[5]["risk"] != "none"
    assert rows[5]["error"] == "duplicate id: 3 rows have this id (each row was screened)"


def test_screener_is_built_once_per_config(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("id,given,family\nP1,Xanthe,Yarrowby\n", encoding="utf-8")
    config = ScreenConfig(roster=str(roster), allow_terms=("Leeds",))
    first = screener_for(config)
    assert screener_for(ScreenConfig(roster=str(roster), allow_terms=("Leeds",))) is first
    assert screener_for(ScreenConfig()) is not first


def test_empty_partition() -> None:
    assert list(screen_batches([], ScreenConfig())) == []
    [out] = list(screen_batches([_posts()], ScreenConfig()))
    assert out.empty and list(out.columns) == list(SCREEN_COLUMNS)


def test_match_frame_rows(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,given,family,city,dob\nP1,Jane,Quill,Leeds,1980-02-03\nP2,Jane,Quill,York,1950-01-01\n",
        encoding="utf-8",
    )
    config = MatchConfig(str(roster), min_score=0.0)
    frame = pd.DataFrame(
        {
            "_name": ["Jane Quill", None, "J. Quill"],
            "_city": ["Leeds", None, None],
            "_birth_year": [1980.0, float("nan"), None],
        }
    )
    out = match_frame(frame, config)
    assert list(out.columns) == list(MATCH_COLUMNS)
    rows = out.to_dict("records")
    [want] = match(
        [AccountInfo("Jane Quill", city="Leeds", birth_year=1980)],
        load_roster(roster),
        min_score=0.0,
    )
    assert rows[0]["candidates"] == want.model_dump(mode="json")["candidates"]
    assert rows[1] == {
        "name": None,
        "candidates": None,
        "error": "field 'name' is missing or not a string",
    }
    assert rows[2]["name"] == "J. Quill" and rows[2]["error"] is None
    assert roster_for(config) is roster_for(MatchConfig(str(roster), min_score=0.5))


def test_roster_from_no_usable_rows() -> None:
    from armslength.errors import RosterError

    with pytest.raises(RosterError, match="no usable rows"):
        roster_from_rows([])


def test_parse_lines() -> None:
    lines = ['{"id": 1, "text": "hi", "kind": "reply"}', '{"id": "x", "text": 3}', "[1]", "{"]
    [out] = list(io.parse_lines([pd.DataFrame({"value": lines})], "id", "text"))
    rows = out.to_dict("records")
    assert rows[0] == {"id": "1", "text": "hi", "kind": "reply", "error": None}
    assert rows[1]["id"] == "x" and rows[1]["error"] == "field 'text' is missing or not a string"
    assert rows[2]["error"] == "expected a JSON object with a 'text' field"
    assert rows[3]["error"].startswith("not valid JSON (")


def test_paths() -> None:
    assert io.is_json("out.jsonl") and io.is_json("s3://bucket/out.JSON/")
    assert not io.is_json("out.parquet")
    assert io.is_local_path("/tmp/x") and io.is_local_path("file:///tmp/x")
    assert not io.is_local_path("s3://bucket/x")
    io.check_input("s3://bucket/x")  # remote paths are left to Spark
    io.check_output("s3://bucket/x", overwrite=False)


def test_jsonl_output_is_one_file(tmp_path: Path) -> None:
    class _Writer:
        def mode(self, _mode: str) -> _Writer:
            return self

        def json(self, path: str) -> None:
            Path(path).mkdir()
            (Path(path) / "part-00000.json").write_text('{"id": "a"}\n', encoding="utf-8")
            (Path(path) / "part-00001.json").write_text('{"id": "b"}\n', encoding="utf-8")
            (Path(path) / "_SUCCESS").write_text("", encoding="utf-8")

    class _Frame:
        write = _Writer()

    out = tmp_path / "out.jsonl"
    out.mkdir()  # an earlier Spark-style folder output is replaced
    io.write_table(_Frame(), str(out), overwrite=True)  # type: ignore[arg-type]
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["a", "b"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_an_unexpected_failure_is_a_row_error_without_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from armslength.spark import match as spark_match
    from armslength.spark.screen import screen_row

    class Broken:
        def screen(self, text: str, kind: str, id: str | None = None) -> None:
            raise KeyError(text)

    row = screen_row(Broken(), ScreenConfig(), ("a", "Jane Quill", None, None, 1))  # type: ignore[arg-type]
    assert row == {"id": "a", "risk": None, "findings": None, "error": "internal error (KeyError)"}

    def broken_match(*_args: object, **_kwargs: object) -> None:
        raise ValueError("Jane Quill")

    monkeypatch.setattr(spark_match, "match", broken_match)
    roster = tmp_path / "roster.csv"
    roster.write_text("id,given,family\nP1,Jane,Quill\n", encoding="utf-8")
    out = match_frame(pd.DataFrame({"_name": ["Jane Quill"]}), MatchConfig(str(roster)))
    assert out.to_dict("records") == [
        {"name": "Jane Quill", "candidates": None, "error": "internal error (ValueError)"}
    ]
