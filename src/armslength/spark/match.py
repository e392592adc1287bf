"""``match_dataframe``: the library's matcher on every account of a Spark DataFrame.

The score of a candidate is a posterior over the *whole* roster (name
frequencies, roster size, the likelihood of every namesake), so the roster is
not split across executors: each Python worker loads the roster once (from a
path it can read, a file shipped with ``addFile``, or a broadcast of a roster
DataFrame), builds the same blocking index as :func:`armslength.match`, and
scores its partition of accounts. Results are identical to the single-machine
path with each account scored alone (``armslength match --independent``); accounts scale
out, the roster is replicated. The joint step (``one_account_each``) needs a whole list in
one place, so Spark does not take it (docs/matching.md, "One account per patient").
"""

from __future__ import annotations

import math
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from pyspark import Broadcast, SparkFiles
from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as sf

from armslength.errors import InputError
from armslength.roster import Roster, load_roster
from armslength.roster._store import RawPatient, Skipped
from armslength.roster.match import AccountInfo, match
from armslength.spark.io import is_local_path
from armslength.spark.roster import roster_from_rows, roster_rows
from armslength.spark.schema import MATCH_COLUMNS, MATCH_SCHEMA
from armslength.spark.screen import spread
from armslength.spark.session import is_local

NAME_ERROR = "field 'name' is missing or not a string"
HINTS = ("handle", "city", "email", "phone", "birth_year")


@dataclass(frozen=True)
class MatchConfig:
    """Where a worker finds the roster, and the matcher's options; keys the worker's cache."""

    roster: str
    source: str = "path"  # "path", "sparkfiles" (shipped with addFile) or "broadcast"
    top: int = 5
    min_score: float = 0.01
    prior: float | None = None


_ROSTERS: dict[tuple[str, str], Roster] = {}


def roster_for(
    config: MatchConfig, shipped: Broadcast[list[RawPatient | Skipped]] | None = None
) -> Roster:
    """The worker's roster, loaded once; its match index lives as long as it does."""
    key = (config.source, config.roster)
    found = _ROSTERS.get(key)
    if found is None:
        found = _ROSTERS[key] = _load(config, shipped)
    return found


def _load(config: MatchConfig, shipped: Broadcast[list[RawPatient | Skipped]] | None) -> Roster:
    if config.source == "broadcast":
        assert shipped is not None
        return roster_from_rows(shipped.value, source="dataframe")
    if config.source == "sparkfiles":
        return load_roster(SparkFiles.get(config.roster))
    return load_roster(config.roster)


def _year(value: Any) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def match_row(roster: Roster, config: MatchConfig, row: Mapping[Any, Any]) -> dict[str, Any]:
    """One output row for an account ``{"_name", "_handle", …}``; never raises for bad input."""
    name = row.get("_name")
    if not isinstance(name, str):
        return {"name": None, "candidates": None, "error": NAME_ERROR}
    account = AccountInfo(
        name=name,
        handle=_text(row.get("_handle")),
        city=_text(row.get("_city")),
        email=_text(row.get("_email")),
        phone=_text(row.get("_phone")),
        birth_year=_year(row.get("_birth_year")),
    )
    try:
        [result] = match(
            [account], roster, top=config.top, min_score=config.min_score, prior=config.prior
        )
    except Exception as exc:  # a bug must not stop the job; no message, it may quote the name
        return {"name": name, "candidates": None, "error": f"internal error ({type(exc).__name__})"}
    candidates = [c.model_dump(mode="json") for c in result.candidates]
    return {"name": result.name, "candidates": candidates, "error": None}


def match_frame(
    frame: pd.DataFrame,
    config: MatchConfig,
    shipped: Broadcast[list[RawPatient | Skipped]] | None = None,
) -> pd.DataFrame:
    """Match one Arrow batch of accounts."""
    roster = roster_for(config, shipped)
    rows = [match_row(roster, config, row) for row in frame.to_dict("records")]
    return pd.DataFrame.from_records(rows, columns=list(MATCH_COLUMNS))


def _hint_columns(df: DataFrame, hints: Mapping[str, str] | None) -> list[Column]:
    wanted = dict(hints) if hints is not None else {h: h for h in HINTS if h in df.columns}
    unknown = sorted(set(wanted) - set(HINTS))
    if unknown:
        raise InputError(f"unknown hint {unknown[0]!r} (expected one of: {', '.join(HINTS)})")
    missing = sorted(c for c in wanted.values() if c not in df.columns)
    if missing:
        raise InputError(f"no column '{missing[0]}' (columns: {', '.join(df.columns)})")
    kinds = {h: "long" if h == "birth_year" else "string" for h in HINTS}
    return [sf.col(col).cast(kinds[hint]).alias(f"_{hint}") for hint, col in wanted.items()]


def _name_column(df: DataFrame, name_col: str) -> Column:
    if name_col not in df.columns:
        raise InputError(f"no name column '{name_col}' (columns: {', '.join(df.columns)})")
    if df.schema[name_col].dataType.simpleString() != "string":
        return sf.lit(None).cast("string").alias("_name")
    return sf.col(name_col).alias("_name")


def _ship_roster(
    df: DataFrame, roster: str | Path | DataFrame, check: bool
) -> tuple[str, str, Broadcast[list[RawPatient | Skipped]] | None]:
    """(roster reference, source kind, broadcast) for the workers; checks the roster first."""
    context = df.sparkSession.sparkContext
    if isinstance(roster, DataFrame):
        rows = roster_rows(roster)
        roster_from_rows(rows, source="dataframe")  # fail early when no row is usable
        shipped = context.broadcast(rows)
        return f"broadcast-{uuid.uuid4().hex}", "broadcast", shipped
    path = str(roster)
    if check and is_local_path(path):
        load_roster(path)  # fail early, on the driver, when the roster cannot be used
    if is_local(context.master or "") and is_local_path(path):
        return os.path.abspath(path), "path", None
    context.addFile(path)
    return os.path.basename(path), "sparkfiles", None


def match_dataframe(
    accounts_df: DataFrame,
    roster: str | Path | DataFrame,
    name_col: str = "name",
    *,
    hints: Mapping[str, str] | None = None,
    top: int = 5,
    min_score: float = 0.01,
    prior: float | None = None,
    check_roster: bool = True,
    partitions: int | None = None,
) -> DataFrame:
    """Candidate patients for every account: ``name candidates error`` (as ``match --json``).

    ``roster`` is a roster file (CSV or FHIR; read by each executor, or shipped
    with ``addFile`` on a cluster) or a Spark DataFrame with the roster CSV's
    columns (collected and broadcast). ``hints`` maps ``handle city email phone
    birth_year`` to column names; by default the columns of those names are used.
    ``check_roster=False`` skips loading a roster file on the driver first (for a
    very large roster whose errors you are content to see from the executors).
    """
    reference, source, shipped = _ship_roster(accounts_df, roster, check_roster)
    config = MatchConfig(reference, source, top, min_score, prior)
    columns = [_name_column(accounts_df, name_col), *_hint_columns(accounts_df, hints)]

    def run(frames: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for frame in frames:
            yield match_frame(frame, config, shipped)

    return spread(accounts_df.select(*columns), partitions).mapInPandas(run, MATCH_SCHEMA)
