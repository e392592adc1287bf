"""One local Spark session (local[2], loopback only, no UI) for the whole spark test suite."""

from __future__ import annotations

import os
import random
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from armslength.samples.synthetic import social_post

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:  # scripts/test.sh installs it (as root) from Debian
        pytest.skip("Java is not installed")
    from armslength.spark import local_session

    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = local_session("local[2]", "armslength-tests")
    session.conf.set("spark.sql.shuffle.partitions", "4")
    yield session
    session.stop()


def make_posts(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Deterministic posts with names, ages, dates, contacts, IDs and professionalism risks,
    and an empty one now and then."""
    rng = random.Random(seed)
    posts = []
    for n in range(count):
        text = "" if n % 97 == 13 else social_post(rng)
        kind = rng.choice(["post", "reply", "comment", "message"])
        posts.append({"id": f"p{n:05d}", "text": text, "kind": kind})
    return posts


@pytest.fixture(scope="session")
def posts() -> list[dict[str, Any]]:
    return make_posts(3000)


@pytest.fixture(scope="session")
def match_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """roster.csv (4,000 patients) and accounts.jsonl (2,000) from the matching benchmark."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_match
    finally:
        sys.path.remove(str(BENCHMARKS))
    out = tmp_path_factory.mktemp("match")
    bench_match.generate(out, roster_size=4000, accounts=2000, share=0.3, seed=11)
    return out
