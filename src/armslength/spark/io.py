"""Reading and writing tables: Parquet, or JSON Lines when the path ends in .jsonl/.json."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pandas as pd
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as sf
from pyspark.sql.types import StructType

from armslength.errors import InputError

JSON_SUFFIXES = (".jsonl", ".json", ".ndjson")
POSTS_COLUMNS = ("id", "text", "kind", "error")
POSTS_SCHEMA = "id string, text string, kind string, error string"


def is_json(path: str) -> bool:
    return path.lower().rstrip("/").endswith(JSON_SUFFIXES)


def is_local_path(path: str) -> bool:
    """A plain path or ``file:`` URL (not HDFS, S3, DBFS …)."""
    return urlparse(path).scheme in ("", "file")


def _local(path: str) -> Path:
    return Path(urlparse(path).path if path.startswith("file:") else path)


def resolve(path: str) -> str:
    """An absolute path for a local path: the JVM's working directory may not be Python's."""
    return str(_local(path).absolute()) if is_local_path(path) else path


def check_input(path: str) -> None:
    if is_local_path(path) and not _local(path).exists():
        raise InputError("no such file or folder", path=path)


def check_output(path: str, overwrite: bool) -> None:
    if is_local_path(path) and _local(path).exists() and not overwrite:
        raise InputError("already exists (use --overwrite to replace it)", path=path)


def read_table(spark: SparkSession, path: str, schema: StructType | None = None) -> DataFrame:
    """Parquet (a file or a folder of parts), or JSON Lines by extension."""
    check_input(path)
    path = resolve(path)
    if not is_json(path):
        return spark.read.parquet(path)
    return spark.read.schema(schema).json(path) if schema else spark.read.json(path)


def _parse(line: str, id_col: str, text_col: str) -> dict[str, Any]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return _bad(None, f"not valid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(data, dict):
        return _bad(None, f"expected a JSON object with a '{text_col}' field")
    id_ = None if data.get(id_col) is None else str(data.get(id_col))
    text, kind = data.get(text_col), data.get("kind")
    if not isinstance(text, str):
        return _bad(id_, f"field '{text_col}' is missing or not a string")
    return {"id": id_, "text": text, "kind": kind if isinstance(kind, str) else None, "error": None}


def _bad(id_: str | None, error: str) -> dict[str, Any]:
    return {"id": id_, "text": None, "kind": None, "error": error}


def parse_lines(
    frames: Iterable[pd.DataFrame], id_col: str, text_col: str
) -> Iterator[pd.DataFrame]:
    """JSONL lines → ``id text kind error`` with the JSONL batch's per-line checks."""
    for frame in frames:
        rows = [_parse(line, id_col, text_col) for line in frame["value"].tolist()]
        yield pd.DataFrame.from_records(rows, columns=list(POSTS_COLUMNS))


def read_posts(spark: SparkSession, path: str, id_col: str, text_col: str) -> DataFrame:
    """Posts to screen. JSONL is parsed line by line so a bad line is an error row, not a
    failed job or a silently coerced value; Parquet is read as it is."""
    if not is_json(path):
        return read_table(spark, path)
    check_input(path)
    lines = spark.read.text(resolve(path)).where(sf.trim(sf.col("value")) != "")

    def run(frames: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        return parse_lines(frames, id_col, text_col)

    return lines.mapInPandas(run, POSTS_SCHEMA)


def write_table(df: DataFrame, path: str, *, overwrite: bool = False) -> None:
    """Parquet folder, or JSON Lines; a local ``.jsonl`` output becomes one file."""
    check_output(path, overwrite)
    path = resolve(path)
    mode = "overwrite" if overwrite else "errorifexists"
    if not is_json(path):
        df.write.mode(mode).parquet(path)
    elif not is_local_path(path):
        df.write.mode(mode).json(path)
    else:
        _write_one_jsonl(df, _local(path))


def _write_one_jsonl(df: DataFrame, path: Path) -> None:
    parts = path.with_name(path.name + ".parts")
    df.write.mode("overwrite").json(str(parts))
    staged = path.with_name(path.name + ".tmp")
    with staged.open("wb") as out:
        for part in sorted(parts.glob("part-*")):
            with part.open("rb") as chunk:
                shutil.copyfileobj(chunk, out)
    shutil.rmtree(parts)
    if path.is_dir():
        shutil.rmtree(path)
    staged.replace(path)
