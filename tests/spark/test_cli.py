"""``armslength spark screen|match`` end to end: Parquet and JSONL in and out, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyspark")

import pyarrow as pa
import pyarrow.parquet as pq
from pyspark.sql import SparkSession
from typer.testing import CliRunner

import armslength.cli.spark  # noqa: F401  (registers `spark` even before cli/__init__ imports it)
from armslength.cli import app
from armslength.roster import load_roster
from armslength.roster.match import match
from armslength.screen.engine import Screener

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["spark", *args])
    return result.exit_code, result.stdout, result.stderr


def _screened(posts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    screener = Screener()
    return {
        p["id"]: screener.screen(p["text"], p["kind"], id=p["id"]).model_dump(
            mode="json", exclude={"redacted"}
        )
        for p in posts
    }


def test_screen_parquet(spark: SparkSession, posts: list[dict[str, Any]], tmp_path: Path) -> None:
    sample = posts[:400]
    source, out = tmp_path / "posts.parquet", tmp_path / "findings.parquet"
    pq.write_table(pa.Table.from_pylist(sample), source)
    code, stdout, stderr = run("screen", str(source), "--out", str(out), "--master", "local[2]")
    assert code == 0, stderr
    assert stdout.startswith("screened 400 rows (") and str(out) in stdout
    rows = pq.read_table(out).to_pylist()
    assert {r["id"]: {k: r[k] for k in ("id", "risk", "findings")} for r in rows} == _screened(
        sample
    )


def test_screen_jsonl_with_bad_lines(spark: SparkSession, tmp_path: Path) -> None:
    source, out = tmp_path / "posts.jsonl", tmp_path / "findings.jsonl"
    lines = [
        {"id": "ok", "text": "Jane Quill, 87, bed 4 on ward B2"},
        {"id": 7, "text": 42},
        {"id": "null", "text": None},
        {"id": "reply", "text": "Thanks for your review!", "kind": "reply"},
    ]
    body = "\n".join(json.dumps(x) for x in lines) + '\n\n{"id": "x", "text": \n[1, 2]\n'
    source.write_text(body, encoding="utf-8")
    code, stdout, stderr = run("screen", str(source), "--out", str(out))
    assert code == 0, stderr
    assert "screened 6 rows" in stdout and "4 errors" in stdout
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_id = {r.get("id"): r for r in got}
    assert by_id["ok"]["risk"] == "high" and by_id["ok"]["findings"]
    assert by_id["7"]["error"] == "field 'text' is missing or not a string"
    assert by_id["null"]["error"] == "field 'text' is missing or not a string"
    assert by_id["reply"] == {"id": "reply", **_screened([{**lines[3], "kind": "reply"}])["reply"]}
    anonymous = sorted(r["error"] for r in got if "id" not in r)
    assert anonymous[0] == "expected a JSON object with a 'text' field"
    assert anonymous[1].startswith("not valid JSON")


def test_screen_refuses_to_overwrite_and_names_missing_files(
    spark: SparkSession, tmp_path: Path
) -> None:
    source, out = tmp_path / "posts.jsonl", tmp_path / "out.parquet"
    source.write_text('{"id": "1", "text": "hello"}\n', encoding="utf-8")
    out.mkdir()
    code, _, stderr = run("screen", str(source), "--out", str(out))
    assert code == 2 and "already exists" in stderr
    code, _, stderr = run("screen", str(source), "--out", str(out), "--overwrite")
    assert code == 0, stderr
    code, _, stderr = run("screen", str(tmp_path / "nope.parquet"), "--out", str(tmp_path / "o"))
    assert code == 2 and "nope.parquet: no such file or folder" in stderr
    code, _, stderr = run("screen", str(out), "--out", str(tmp_path / "o2"), "--text-col", "body")
    assert code == 2 and "no text column 'body'" in stderr


@pytest.mark.parametrize("suffix", ["parquet", "jsonl"])
def test_match(spark: SparkSession, match_data: Path, tmp_path: Path, suffix: str) -> None:
    names = ["Jane Quill", "Bob Smyth"] + [
        json.loads(line)["name"]
        for line in (match_data / "accounts.jsonl").read_text(encoding="utf-8").splitlines()[:50]
    ]
    accounts, out = tmp_path / f"accounts.{suffix}", tmp_path / f"matches.{suffix}"
    if suffix == "parquet":
        pq.write_table(pa.Table.from_pylist([{"name": n} for n in names]), accounts)
    else:
        accounts.write_text("".join(json.dumps({"name": n}) + "\n" for n in names), "utf-8")
    roster = match_data / "roster.csv"
    code, stdout, stderr = run(
        "match", "--roster", str(roster), "--accounts", str(accounts), "--out", str(out)
    )
    assert code == 0, stderr
    assert stdout.startswith(f"matched {len(names)} rows (")
    if suffix == "parquet":
        rows = pq.read_table(out).to_pylist()
    else:
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    got = sorted(json.dumps({"name": r["name"], "candidates": r["candidates"]}) for r in rows)
    want = sorted(json.dumps(m.model_dump(mode="json")) for m in match(names, load_roster(roster)))
    assert got == want


def test_match_with_a_bad_roster_is_exit_2(spark: SparkSession, tmp_path: Path) -> None:
    accounts = tmp_path / "accounts.jsonl"
    accounts.write_text('{"name": "Jane Quill"}\n', encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text("name\nJane\n", encoding="utf-8")
    code, _, stderr = run(
        "match", "--roster", str(roster), "--accounts", str(accounts), "--out", str(tmp_path / "o")
    )
    assert code == 2 and "no patient id column" in stderr


def test_relative_paths_are_python_s_not_the_jvm_s(
    spark: SparkSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the JVM started elsewhere and keeps its own directory
    Path("posts.jsonl").write_text('{"id": "1", "text": "Bed 4, age 91"}\n', encoding="utf-8")
    code, _, stderr = run("screen", "posts.jsonl", "--out", "out.parquet")
    assert code == 0, stderr
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 1
