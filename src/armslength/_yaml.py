"""Read YAML keeping line numbers, so errors can say ``file:line``."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from armslength import _prebuilt
from armslength._io import read_text
from armslength.errors import PolicyError

if TYPE_CHECKING:
    import yaml

Location = tuple[int | str, ...]
M = TypeVar("M", bound=BaseModel)


def _index(node: yaml.Node, path: Location, lines: dict[Location, int]) -> None:
    import yaml

    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[(*path, key.value)] = key.start_mark.line + 1
            _index(value, (*path, key.value), lines)
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _index(item, (*path, position), lines)


class YamlDocument:
    """A parsed YAML document and the line of every key and item."""

    def __init__(self, text: str, name: str) -> None:
        import yaml  # only when a document is parsed: the built-in ones load from the cache

        self.name = name
        # libyaml's parser when PyYAML has it (about ten times faster); one pass: nodes, data
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        try:
            node = loader.get_single_node()
            self.data: Any = None if node is None else loader.construct_document(node)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            problem = getattr(exc, "problem", None) or "invalid YAML"
            raise PolicyError(f"not valid YAML: {problem}", path=name, line=line) from None
        finally:
            loader.dispose()
        self.lines: dict[Location, int] = {}
        if node is not None:
            _index(node, (), self.lines)

    @classmethod
    def builtin(cls, text: str, name: str) -> YamlDocument:
        """A document shipped with the package: parsed once, then read from the user cache
        (:mod:`armslength._prebuilt`, keyed by the text) as JSON, which loads far faster than
        YAML. Documents holding anything JSON cannot keep exactly (a date, a non-string key)
        are parsed every time."""
        key = f"yaml-1\n{name}\n".encode() + text.encode("utf-8")
        return _prebuilt.cached(
            "yaml-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"),
            key,
            lambda: cls(text, name),
            _encode,
            lambda sections: _decode(sections, name),
        )

    @classmethod
    def read(cls, path: Path, *, what: str = "policy file") -> YamlDocument:
        text = read_text(path, what=what, error=PolicyError, stdin=False)
        return cls(text, str(path))

    def line_of(self, location: Location) -> int | None:
        """The line of the deepest known prefix of *location*."""
        for end in range(len(location), -1, -1):
            if location[:end] in self.lines:
                return self.lines[location[:end]]
        return None

    def rule_id_at(self, location: Location) -> str | None:
        """The ``id`` of the rule that *location* points into, if any."""
        node: Any = self.data
        found: str | None = None
        for part in location:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(node, dict) and isinstance(node.get("id"), str) and _is_rule(node):
                found = node["id"]
        return found

    def validate(self, model: type[M]) -> M:
        try:
            return model.model_validate(self.data if self.data is not None else {})
        except ValidationError as exc:
            error = exc.errors()[0]
            location = tuple(error["loc"])
            field = ".".join(str(part) for part in location) or None
            rule = self.rule_id_at(location)
            detail = error["msg"] + (f" (rule '{rule}')" if rule else "")
            raise PolicyError(
                detail, path=self.name, line=self.line_of(location), field=field
            ) from None


_DATE = "\u0000date"
"""The key of the one-entry object that stands for a date (YAML reads ``2024-01-31`` as one)."""


def _to_json(value: Any) -> Any:
    """*value* with its dates tagged; ``ValueError`` for what JSON would not give back exactly."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        return value
    if isinstance(value, date) and not isinstance(value, datetime):
        return {_DATE: value.isoformat()}
    if isinstance(value, list):
        return [_to_json(item) for item in value]
    if isinstance(value, dict) and all(isinstance(k, str) and k != _DATE for k in value):
        return {k: _to_json(v) for k, v in value.items()}
    raise ValueError("not kept exactly by JSON")


def _from_json(value: Any) -> Any:
    if isinstance(value, list):
        return [_from_json(item) for item in value]
    if isinstance(value, dict):
        if len(value) == 1 and _DATE in value:
            return date.fromisoformat(value[_DATE])
        return {k: _from_json(v) for k, v in value.items()}
    return value


def _encode(document: YamlDocument) -> list[bytes]:
    lines = [[*location, line] for location, line in document.lines.items()]
    body = [_to_json(document.data), _to_json(lines)]
    return [json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")]


def _decode(sections: list[bytes], name: str) -> YamlDocument:
    try:
        ((data, lines),) = [json.loads(section) for section in sections]
        document = YamlDocument.__new__(YamlDocument)
        document.name, document.data = name, _from_json(data)
        document.lines = {tuple(row[:-1]): row[-1] for row in lines}
    except (TypeError, ValueError, IndexError, KeyError) as exc:
        raise ValueError("damaged cache section") from exc
    return document


def _is_rule(node: dict[str, Any]) -> bool:
    """A rulebook rule has a ``summary``, a screen rule a ``why`` and ``patterns``."""
    return any(key in node for key in ("summary", "why", "patterns"))
