"""``screen_dataframe``: the library's :class:`Screener` on every row of a Spark DataFrame."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd
from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as sf
from pyspark.sql.types import ArrayType, BinaryType, LongType, StringType, StructField, StructType

from armslength.errors import ArmslengthError, InputError
from armslength.model import ContentKind
from armslength.roster import load_roster
from armslength.screen.engine import Screener
from armslength.spark.schema import FINDING_TYPE, SCREEN_COLUMNS, SCREEN_SCHEMA

TEXT_ERROR = "field 'text' is missing or not a string"


@dataclass(frozen=True)
class ScreenConfig:
    """What a worker needs to build its screener; hashable, so it keys the worker's cache."""

    kind: str = "post"
    roster: str | None = None
    allow_terms: tuple[str, ...] = ()


_SCREENERS: dict[ScreenConfig, Screener] = {}


def screener_for(config: ScreenConfig) -> Screener:
    """The worker's screener for this configuration, built on first use and then reused."""
    found = _SCREENERS.get(config)
    if found is None:
        roster = load_roster(config.roster) if config.roster else None
        found = _SCREENERS[config] = Screener(roster=roster, allow_terms=config.allow_terms)
    return found


def _failed(id_: str | None, error: str) -> dict[str, Any]:
    return {"id": id_, "risk": None, "findings": None, "error": error}


def _duplicate(copies: int) -> str | None:
    if copies > 1:
        return f"duplicate id: {copies} rows have this id (each row was screened)"
    return None


def screen_row(
    screener: Screener,
    config: ScreenConfig,
    row: tuple[Any, Any, Any, Any, Any],
) -> dict[str, Any]:
    """One output row for ``(id, text, kind, error, copies)``; never raises for bad input."""
    id_, text, kind, error, copies = row
    if isinstance(error, str):
        return _failed(id_, error)
    if not isinstance(text, str):
        return _failed(id_, TEXT_ERROR)
    try:
        result = screener.screen(text, kind if isinstance(kind, str) else config.kind, id=id_)
    except ArmslengthError as exc:
        return _failed(id_, exc.detail)
    except Exception as exc:  # a bug must not stop the job; no message, it may quote the text
        return _failed(id_, f"internal error ({type(exc).__name__})")
    findings = [f.model_dump(mode="json") for f in result.findings]
    return {"id": id_, "risk": result.risk.value, "findings": findings, "error": _duplicate(copies)}


def screen_frame(frame: pd.DataFrame, config: ScreenConfig) -> pd.DataFrame:
    """Screen one Arrow batch (columns ``_id _text _kind _error _copies``)."""
    screener = screener_for(config)
    cells = (frame[c].tolist() for c in ("_id", "_text", "_kind", "_error", "_copies"))
    rows = [screen_row(screener, config, row) for row in zip(*cells, strict=True)]
    return pd.DataFrame.from_records(rows, columns=list(SCREEN_COLUMNS))


def screen_batches(frames: Iterable[pd.DataFrame], config: ScreenConfig) -> Iterator[pd.DataFrame]:
    """The ``mapInPandas`` function: every batch of a partition through one screener."""
    for frame in frames:
        yield screen_frame(frame, config)


def _column(df: DataFrame, name: str | None, what: str) -> Column:
    if name is None:
        return sf.lit(None).cast("string")
    if name not in df.columns:
        raise InputError(f"no {what} column '{name}' (columns: {', '.join(df.columns)})")
    return sf.col(name).cast("string")


def _text_columns(df: DataFrame, text_col: str) -> tuple[Column, Column]:
    """(text, error): a column that is not of string type is an error on every row."""
    if text_col not in df.columns:
        raise InputError(f"no text column '{text_col}' (columns: {', '.join(df.columns)})")
    kind = df.schema[text_col].dataType
    if isinstance(kind, StringType):
        return sf.col(text_col), sf.lit(None).cast("string")
    message = f"field '{text_col}' is not a string (column type {kind.simpleString()})"
    return sf.lit(None).cast("string"), sf.lit(message)


def _copies(id_col: str | None, check_duplicates: bool) -> Column:
    if id_col is None or not check_duplicates:
        return sf.lit(1)
    count = sf.count(sf.lit(1)).over(Window.partitionBy("_id"))
    return sf.when(sf.col("_id").isNotNull(), count).otherwise(sf.lit(1))


def prepare(
    df: DataFrame,
    text_col: str,
    id_col: str | None,
    kind_col: str | None,
    error_col: str | None,
    check_duplicates: bool,
) -> DataFrame:
    """The internal columns the partition function reads."""
    text, text_error = _text_columns(df, text_col)
    error = sf.coalesce(_column(df, error_col, "error"), text_error)
    staged = df.select(
        _column(df, id_col, "id").alias("_id"),
        text.alias("_text"),
        _column(df, kind_col, "kind").alias("_kind"),
        error.alias("_error"),
    )
    return staged.withColumn("_copies", _copies(id_col, check_duplicates))


def screen_dataframe(
    df: DataFrame,
    text_col: str = "text",
    id_col: str | None = "id",
    kind_col: str | None = None,
    *,
    kind: str = "post",
    roster: str | None = None,
    allow_terms: Iterable[str] = (),
    error_col: str | None = None,
    check_duplicates: bool = True,
    partitions: int | None = None,
) -> DataFrame:
    """Screen the text column of ``df``; one row out per row in, with ``id risk findings error``.

    ``roster`` is a roster file path that every executor can read (local disk,
    a shared mount, or a file shipped with ``SparkContext.addFile``). A row
    whose text is null or not a string, or whose ``error_col`` is set, gets
    ``error`` and no findings; rows sharing an id are all screened and marked.
    Screening is CPU-bound on small data, so rows are spread over ``partitions``
    tasks (default: four per core of the cluster) rather than by input file size.
    """
    config = ScreenConfig(kind=kind, roster=roster, allow_terms=tuple(allow_terms))
    if roster:
        load_roster(roster)  # fail early, on the driver, when the roster cannot be used

    def run(frames: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        return screen_batches(frames, config)

    staged = prepare(df, text_col, id_col, kind_col, error_col, check_duplicates)
    return spread(staged, partitions).mapInPandas(run, SCREEN_SCHEMA)


def spread(df: DataFrame, partitions: int | None) -> DataFrame:
    """Round-robin over a fixed number of tasks (Spark keeps an explicit count as given)."""
    count = partitions or 4 * df.sparkSession.sparkContext.defaultParallelism
    return df.repartition(max(count, 1))


# -- photos -------------------------------------------------------------------------------

MAX_PHOTO_BYTES = 64 * 1024 * 1024
"""The largest photo file a worker reads (the pixel limit of the photos package holds too)."""
PHOTO_FINDING_TYPE = StructType(
    [
        *FINDING_TYPE.fields,
        StructField("box", ArrayType(LongType())),
        StructField("source", StringType()),
        StructField("field", StringType()),
    ]
)
"""A finding in a photo: the text finding's fields, its box ``[x, y, w, h]`` and source."""
PHOTO_SCREEN_SCHEMA = StructType(
    [
        StructField("id", StringType()),
        StructField("risk", StringType()),
        StructField("findings", ArrayType(PHOTO_FINDING_TYPE)),
        StructField("faces", LongType()),
        StructField("error", StringType()),
    ]
)
"""``screen_photos_dataframe`` output: ``risk``/``findings``/``faces`` null when ``error`` says
why (a missing file, not an image, a decompression bomb, a truncated file)."""
PHOTO_COLUMNS = tuple(PHOTO_SCREEN_SCHEMA.fieldNames())


def _photo_failed(id_: str | None, error: str) -> dict[str, Any]:
    return {"id": id_, "risk": None, "findings": None, "faces": None, "error": error}


def _photo_bytes(path: Any, data: Any) -> bytes:
    """The photo of a row: its bytes column, or the file its path column names."""
    if data is not None:
        return bytes(data)
    if not isinstance(path, str) or not path:
        raise InputError("the photo is missing (no path and no bytes)")
    try:
        with open(path, "rb") as stream:
            read = stream.read(MAX_PHOTO_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read the photo file ({exc.strerror or exc})") from None
    if len(read) > MAX_PHOTO_BYTES:
        raise InputError(f"the photo file is larger than {MAX_PHOTO_BYTES} bytes")
    return read


def screen_photo_row(
    screener: Screener, config: ScreenConfig, row: tuple[Any, Any, Any]
) -> dict[str, Any]:
    """One output row for ``(id, path, bytes)``; never raises for bad input."""
    from armslength.photos import screen_photo

    id_, path, data = row
    try:
        photo = _photo_bytes(path, data)
        result = screen_photo(photo, str(id_ or "photo"), screener, ContentKind(config.kind))
    except ArmslengthError as exc:
        return _photo_failed(id_, exc.detail)
    except Exception as exc:  # a bug must not stop the job; no message, it may quote the text
        return _photo_failed(id_, f"internal error ({type(exc).__name__})")
    findings = [f.model_dump(mode="json") for f in result.findings]
    return {"id": id_, "risk": result.risk.value, "findings": findings,
            "faces": result.photo.faces, "error": None}  # fmt: skip


def screen_photo_batches(
    frames: Iterable[pd.DataFrame], config: ScreenConfig
) -> Iterator[pd.DataFrame]:
    """The ``mapInPandas`` function for photos (columns ``_id _path _bytes``)."""
    screener = screener_for(config)
    for frame in frames:
        cells = (frame[c].tolist() for c in ("_id", "_path", "_bytes"))
        rows = [screen_photo_row(screener, config, row) for row in zip(*cells, strict=True)]
        yield pd.DataFrame.from_records(rows, columns=list(PHOTO_COLUMNS))


def _photo_columns(df: DataFrame, photo_col: str) -> tuple[Column, Column]:
    """(path, bytes): a string column holds paths, a binary column the photos' bytes."""
    if photo_col not in df.columns:
        raise InputError(f"no photo column '{photo_col}' (columns: {', '.join(df.columns)})")
    kind = df.schema[photo_col].dataType
    if isinstance(kind, StringType):
        return sf.col(photo_col), sf.lit(None).cast("binary")
    if isinstance(kind, BinaryType):
        return sf.lit(None).cast("string"), sf.col(photo_col)
    raise InputError(
        f"photo column '{photo_col}' must hold paths (string) or bytes (binary), "
        f"not {kind.simpleString()}"
    )


def screen_photos_dataframe(
    df: DataFrame,
    photo_col: str = "photo",
    id_col: str | None = "id",
    *,
    kind: str = "post",
    roster: str | None = None,
    allow_terms: Iterable[str] = (),
    partitions: int | None = None,
) -> DataFrame:
    """Screen the photos of ``df`` (``photo_col``: file paths every executor can read, or the
    bytes, e.g. from ``spark.read.format("binaryFile")``'s ``content``); one row out per row
    in, with ``id risk findings faces error`` (see :data:`PHOTO_SCREEN_SCHEMA`). Executors
    need the photos extra."""
    config = ScreenConfig(kind=kind, roster=roster, allow_terms=tuple(allow_terms))
    if roster:
        load_roster(roster)
    path, data = _photo_columns(df, photo_col)
    staged = df.select(
        _column(df, id_col, "id").alias("_id"), path.alias("_path"), data.alias("_bytes")
    )

    def run(frames: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        return screen_photo_batches(frames, config)

    return spread(staged, partitions).mapInPandas(run, PHOTO_SCREEN_SCHEMA)
