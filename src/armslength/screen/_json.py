"""Findings and results as JSON-ready dicts, without Pydantic's serializer.

``model_dump(mode="json")`` builds each model's serializer on first use (the models are built
lazily) and then walks it for every finding; a batch dumps thousands. These plain functions give
the same dicts (same keys, in field order, same values: enums as their values, lists copied);
``tests/screen/test_screen_json.py`` compares them with ``model_dump`` field by field.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from armslength.model import Finding, ScreenResult

_FINDING = tuple(Finding.model_fields)
_RESULT = tuple(name for name in ScreenResult.model_fields if name != "findings")


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"no JSON form for {type(value).__name__}")


def finding_json(finding: Finding) -> dict[str, Any]:
    """``finding.model_dump(mode="json")``."""
    return {name: _plain(getattr(finding, name)) for name in _FINDING}


def result_json(result: ScreenResult) -> dict[str, Any]:
    """``result.model_dump(mode="json")``."""
    out = {name: _plain(getattr(result, name)) for name in _RESULT}
    out["findings"] = [finding_json(finding) for finding in result.findings]
    return {name: out[name] for name in ScreenResult.model_fields}
