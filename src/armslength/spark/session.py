"""A Spark session for the CLI and the tests: loopback only, no UI, this Python on workers."""

from __future__ import annotations

import os
import sys

from pyspark.sql import SparkSession

LOCAL_CONFIG: dict[str, str] = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.sql.shuffle.partitions": "8",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}
"""Settings for a ``local[...]`` master: nothing listens beyond loopback, no web UI."""


def is_local(master: str) -> bool:
    return master.startswith("local")


def submitted() -> bool:
    """True when this Python was started by ``spark-submit`` (which set the master already)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def local_session(master: str | None = None, app_name: str = "armslength") -> SparkSession:
    """Get (or create) a session; for a local master bind to 127.0.0.1 and use this Python.

    ``master=None`` means the one ``spark-submit`` was given, else ``local[*]``. For
    a cluster master the cluster's own settings apply; only the application name is set.
    """
    builder = SparkSession.builder.appName(app_name)
    if master is None and submitted():
        return _start(builder)
    master = master or "local[*]"
    builder = builder.master(master)
    if is_local(master):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        for key, value in LOCAL_CONFIG.items():
            builder = builder.config(key, value)
    return _start(builder)


def _start(builder: SparkSession.Builder) -> SparkSession:
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
