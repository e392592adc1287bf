"""Spark schemas of the contract's JSON: screen results and match results, plus ``error``."""

from __future__ import annotations

from pyspark.sql.types import (
    ArrayType,
    DoubleType,
    LongType,
    StringType,
    StructField,
    StructType,
)

FINDING_TYPE = StructType(
    [
        StructField("start", LongType()),
        StructField("end", LongType()),
        StructField("text", StringType()),
        StructField("label", StringType()),
        StructField("category", StringType()),
        StructField("severity", StringType()),
        StructField("score", DoubleType()),
        StructField("rule", StringType()),
        StructField("why", StringType()),
        StructField("sources", ArrayType(StringType())),
    ]
)
"""One finding: the fields of :class:`armslength.model.Finding`, in the contract's order."""

SCREEN_SCHEMA = StructType(
    [
        StructField("id", StringType()),
        StructField("risk", StringType()),
        StructField("findings", ArrayType(FINDING_TYPE)),
        StructField("error", StringType()),
    ]
)
"""``armslength spark screen`` output: ``risk``/``findings`` are null when ``error`` says why."""

CANDIDATE_TYPE = StructType(
    [
        StructField("patient_id", StringType()),
        StructField("score", DoubleType()),
        StructField("evidence", ArrayType(StringType())),
    ]
)

MATCH_SCHEMA = StructType(
    [
        StructField("name", StringType()),
        StructField("candidates", ArrayType(CANDIDATE_TYPE)),
        StructField("error", StringType()),
    ]
)
"""``armslength spark match`` output: candidates best first, as ``armslength match --json``."""

SCREEN_COLUMNS = tuple(SCREEN_SCHEMA.fieldNames())
MATCH_COLUMNS = tuple(MATCH_SCHEMA.fieldNames())
