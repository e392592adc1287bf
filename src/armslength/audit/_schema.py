"""The JSON Schema of report.json, shipped in the package (``schema/report.schema.json``)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ._model import ReportDocument


def generated_schema() -> dict[str, Any]:
    schema = ReportDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Armslength audit report (report.json)"
    return schema


def report_schema() -> dict[str, Any]:
    """The shipped schema (kept equal to the model's by a test)."""
    text = resources.files("armslength.audit").joinpath("data/report.schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    return schema
