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


FIRST = ["Jane", "Robert", "Amelia", "Tomasz", "Priya", "Oluwaseun", "Zoë", "Liam", "Mei", "Ana"]
LAST = ["Quill", "Smyth", "Okafor", "Nowak", "Patel", "García", "Brown", "Lindqvist", "Chen"]
TEMPLATES = [
    "Lovely to see {name} in clinic today, she is 87 and doing well after her {cond}.",
    "Great shift on ward {ward} tonight. Bed {bed} kept us busy!",
    "Happy birthday to my patient {name} ({age}) — born {date}, still going strong.",
    "Thanks for the review, {first}! Glad your {cond} treatment at St Mary's went well.",
    "Call me on 0207 946 0{bed:03d} or email {first}.{last}@example.com about the results.",
    "Conference in {city} next week, who else is going? #MedTwitter",
    "MRN 12345{bed:03d} was admitted yesterday with {cond}; family visiting from {city}.",
    "Just a reminder to get your flu jab this autumn.",
    "Drunk patient in A&E tried to fight security lol, what a night",
    "",
    "@{first}{last} you were so brave during your {cond} surgery!",
]
CONDITIONS = ["hip replacement", "diabetes", "depression", "chemo", "HIV", "broken arm"]
CITIES = ["Leeds", "Boston", "Toronto", "Kraków", "Auckland"]


def make_posts(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Deterministic posts with names, ages, dates, contacts, IDs and professionalism risks."""
    rng = random.Random(seed)
    posts = []
    for n in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        text = rng.choice(TEMPLATES).format(
            name=f"{first} {last}",
            first=first,
            last=last,
            cond=rng.choice(CONDITIONS),
            ward=rng.choice("ABCDE") + str(rng.randrange(1, 9)),
            bed=rng.randrange(1, 999),
            age=rng.randrange(18, 101),
            date=f"{rng.randrange(1, 29)}/0{rng.randrange(1, 10)}/19{rng.randrange(30, 99)}",
            city=rng.choice(CITIES),
        )
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
