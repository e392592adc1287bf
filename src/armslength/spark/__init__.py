"""Organisation scale on Apache Spark: the same screen and matcher, one partition at a time.

>>> from armslength.spark import local_session, screen_dataframe   # doctest: +SKIP
>>> spark = local_session("local[*]")                                # doctest: +SKIP
>>> screen_dataframe(spark.read.parquet("posts.parquet")).write.parquet("findings.parquet")
... # doctest: +SKIP

Each executor builds the :class:`~armslength.screen.engine.Screener` and the
roster's match index once (cached per Python worker) and runs the library's own
functions on Arrow batches (``mapInPandas``); results are identical to the
single-machine path. Rows that cannot be processed get an ``error`` and the job
completes.
"""

from __future__ import annotations

from armslength.spark.match import match_dataframe
from armslength.spark.schema import FINDING_TYPE, MATCH_SCHEMA, SCREEN_SCHEMA
from armslength.spark.screen import screen_dataframe
from armslength.spark.session import local_session

__all__ = [
    "FINDING_TYPE",
    "MATCH_SCHEMA",
    "SCREEN_SCHEMA",
    "local_session",
    "match_dataframe",
    "screen_dataframe",
]
