"""Read YAML keeping line numbers, so errors can say ``file:line``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from armslength._io import read_text
from armslength.errors import PolicyError

# libyaml's parser when PyYAML has it (about ten times faster); one pass gives nodes and data
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Location = tuple[int | str, ...]
M = TypeVar("M", bound=BaseModel)


def _index(node: yaml.Node, path: Location, lines: dict[Location, int]) -> None:
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
        self.name = name
        loader = _SafeLoader(text)
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


def _is_rule(node: dict[str, Any]) -> bool:
    """A rulebook rule has a ``summary``, a screen rule a ``why`` and ``patterns``."""
    return any(key in node for key in ("summary", "why", "patterns"))
