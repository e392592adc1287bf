"""Photos on Spark: a column of paths or of bytes, each photo screened as on one machine;
a missing file, a non-image and a truncated photo become error rows."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("PIL", reason="the photos extra (Pillow) is not installed")
pytest.importorskip("rapidocr_onnxruntime", reason="the photos extra (RapidOCR) is missing")
import pyarrow as pa
import pyarrow.parquet as pq
from pyspark.sql import SparkSession
from typer.testing import CliRunner

import armslength.cli.spark  # noqa: F401  (registers `spark`)
from armslength.cli import app
from armslength.errors import InputError
from armslength.spark.screen import screen_photos_dataframe
from photos._images import jpeg_bytes, landscape, png_bytes, wristband


def test_photo_paths_and_bytes(spark: SparkSession, tmp_path: Path) -> None:
    band, view = tmp_path / "band.png", tmp_path / "view.jpg"
    band.write_bytes(png_bytes(wristband()))
    view.write_bytes(jpeg_bytes(landscape((320, 200))))
    cut = jpeg_bytes(landscape((300, 200)))
    by_path = spark.createDataFrame(
        [("band", str(band)), ("view", str(view)), ("gone", str(tmp_path / "no.jpg"))],
        "id string, photo string",
    )
    by_bytes = spark.createDataFrame(
        [("bytes", band.read_bytes()), ("text", b"Mia Hughes"), ("cut", cut[: len(cut) // 2])],
        "id string, photo binary",
    )
    rows = {
        r["id"]: r.asDict(recursive=True)
        for df in (by_path, by_bytes)
        for r in screen_photos_dataframe(df, partitions=2).collect()
    }
    for key in ("band", "bytes"):
        assert rows[key]["risk"] in ("medium", "high") and rows[key]["error"] is None
        names = [f for f in rows[key]["findings"] if f["label"] == "NAME"]
        assert names and names[0]["source"] == "text" and len(names[0]["box"]) == 4
    assert rows["view"]["risk"] == "none" and rows["view"]["faces"] == 0
    assert "cannot read the photo file" in rows["gone"]["error"]
    assert "not an image" in rows["text"]["error"] and "Hughes" not in rows["text"]["error"]
    assert "truncated" in rows["cut"]["error"] and rows["cut"]["risk"] is None
    with pytest.raises(InputError, match=r"paths \(string\) or bytes"):
        screen_photos_dataframe(spark.createDataFrame([(1, 2)], "id int, photo int"))
    # the command line: --photo-col
    source, out = tmp_path / "photos.parquet", tmp_path / "out.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "band", "path": str(band)}]), source)
    args = ["spark", "screen", str(source), "--out", str(out), "--photo-col", "path"]
    result = CliRunner().invoke(app, [*args, "--master", "local[2]"])
    assert result.exit_code == 0, result.output
    [row] = pq.read_table(out).to_pylist()
    assert row["id"] == "band" and row["risk"] in ("medium", "high")
