"""``armslength spark screen|match``: the screen and the matcher on Apache Spark."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from armslength.cli._app import app
from armslength.errors import InputError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

spark_app = typer.Typer(
    help="Screen posts and match accounts at organisation scale on Apache Spark "
    "(Parquet or JSONL in and out; local[*] by default, any cluster with --master).",
    no_args_is_help=True,
)
app.add_typer(spark_app, name="spark")

MasterOption = Annotated[
    str | None,
    typer.Option(
        "--master",
        help="Spark master URL (local[*], spark://…, yarn, k8s://…). "
        "Default: the one spark-submit was given, else local[*].",
    ),
]
OverwriteOption = Annotated[bool, typer.Option("--overwrite", help="Replace OUTPUT if it exists.")]


def _session(master: str | None) -> SparkSession:
    try:
        from armslength.spark import local_session
    except ImportError:
        raise InputError(
            "PySpark is not installed (pip install 'armslength[spark]'; it needs Java 17+)"
        ) from None
    return local_session(master)


def _summary(df: DataFrame, what: str, out: str) -> None:
    counts = {row[0]: row[1] for row in df.groupBy("status").count().collect()}
    parts = ", ".join(f"{counts[key]} {key}" for key in sorted(counts))
    typer.echo(f"{what} {sum(counts.values())} rows ({parts or 'none'}) -> {out}")


@spark_app.command("screen")
def screen_command(
    input: Annotated[str, typer.Argument(help="Posts: Parquet, or JSONL (.jsonl/.json).")],
    out: Annotated[str, typer.Option("--out", help="Results: Parquet, or JSONL by extension.")],
    id_col: Annotated[str, typer.Option("--id-col", help="Column of the post ids.")] = "id",
    text_col: Annotated[str, typer.Option("--text-col", help="Column of the texts.")] = "text",
    kind: Annotated[
        str, typer.Option("--kind", help="post|reply|comment|message (a 'kind' column wins).")
    ] = "post",
    roster: Annotated[
        Path | None, typer.Option("--roster", help="Roster: flag known patients' names.")
    ] = None,
    photo_col: Annotated[
        str | None,
        typer.Option(
            "--photo-col",
            help="Screen photos instead: a column of image paths (string) or bytes (binary).",
        ),
    ] = None,
    master: MasterOption = None,
    overwrite: OverwriteOption = False,
) -> None:
    """Screen every post; write id, risk, findings (and error) per row."""
    from armslength.spark import io
    from armslength.spark.screen import screen_dataframe

    io.check_output(out, overwrite)
    spark = _session(master)
    if photo_col is not None:
        _screen_photos(spark, input, out, photo_col, id_col, kind, roster, overwrite)
        return
    if io.is_json(input):
        posts = io.read_posts(spark, input, id_col, text_col)
        cols: tuple[str, str | None, str | None, str | None] = ("text", "id", "kind", "error")
    else:
        posts = io.read_table(spark, input)
        kind_col = "kind" if "kind" in posts.columns else None
        cols = (text_col, id_col, kind_col, None)
    result = screen_dataframe(
        posts,
        cols[0],
        cols[1],
        cols[2],
        kind=kind,
        error_col=cols[3],
        roster=str(roster) if roster else None,
    )
    io.write_table(result, out, overwrite=overwrite)
    from pyspark.sql import functions as sf

    from armslength.spark import SCREEN_SCHEMA

    written = io.read_table(spark, out, SCREEN_SCHEMA)

    status = sf.when(sf.col("risk").isNull(), "errors").otherwise(sf.col("risk"))
    _summary(written.withColumn("status", status), "screened", out)


def _screen_photos(
    spark: SparkSession, input: str, out: str, photo_col: str, id_col: str, kind: str,
    roster: Path | None, overwrite: bool,
) -> None:  # fmt: skip
    """``--photo-col``: id, risk, findings (with boxes), faces and error per photo."""
    from pyspark.sql import functions as sf

    from armslength.spark import io
    from armslength.spark.screen import PHOTO_SCREEN_SCHEMA, screen_photos_dataframe

    photos = io.read_table(spark, input)
    result = screen_photos_dataframe(
        photos, photo_col, id_col if id_col in photos.columns else None, kind=kind,
        roster=str(roster) if roster else None,
    )  # fmt: skip
    io.write_table(result, out, overwrite=overwrite)
    written = io.read_table(spark, out, PHOTO_SCREEN_SCHEMA)
    status = sf.when(sf.col("risk").isNull(), "errors").otherwise(sf.col("risk"))
    _summary(written.withColumn("status", status), "screened", out)


@spark_app.command("match")
def match_command(
    roster: Annotated[Path, typer.Option("--roster", help="Roster file (CSV or FHIR).")],
    accounts: Annotated[
        str, typer.Option("--accounts", help="Accounts: Parquet or JSONL with a name column.")
    ],
    out: Annotated[str, typer.Option("--out", help="Results: Parquet, or JSONL by extension.")],
    name_col: Annotated[str, typer.Option("--name-col", help="Column of display names.")] = "name",
    top: Annotated[int, typer.Option("--top", min=1, help="Candidates kept per account.")] = 5,
    min_score: Annotated[
        float, typer.Option("--min-score", min=0.0, max=1.0, help="Lowest score kept.")
    ] = 0.01,
    master: MasterOption = None,
    overwrite: OverwriteOption = False,
) -> None:
    """Candidate patients for every account; write name, candidates (and error) per row."""
    from armslength.spark import io
    from armslength.spark.match import match_dataframe

    io.check_output(out, overwrite)
    spark = _session(master)
    frame = io.read_table(spark, accounts)
    result = match_dataframe(frame, roster, name_col, top=top, min_score=min_score)
    io.write_table(result, out, overwrite=overwrite)
    from pyspark.sql import functions as sf

    from armslength.spark import MATCH_SCHEMA

    written = io.read_table(spark, out, MATCH_SCHEMA)
    status = (
        sf.when(sf.col("error").isNotNull(), "errors")
        .when(sf.size("candidates") > 0, "with candidates")
        .otherwise("without candidates")
    )
    _summary(written.withColumn("status", status), "matched", out)
