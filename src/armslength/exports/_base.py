"""What every reader is: a small class that recognises one kind of file and reads it."""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from armslength.exports._text import MalformedError, decode, meta_fix_tree, normalise_file_name
from armslength.model import Connection, Content, Platform

Record = Connection | Content


@dataclass(frozen=True)
class Era:
    """The layouts (eras) a file is consistent with; the export's layout is their overlap."""

    names: frozenset[str]


@dataclass(frozen=True)
class BadEntries:
    """How many entries of a recognised file could not be read."""

    count: int


@dataclass(frozen=True)
class Expect:
    """Files another file of the export says must be there (X's ``manifest.js``)."""

    names: frozenset[str]


Item = Record | Era | BadEntries | Expect


class FileReader(ABC):
    """Recognises one kind of file of one platform's export and yields its records."""

    family: ClassVar[Platform]
    platform: ClassVar[Platform]
    extensions: ClassVar[frozenset[str]] = frozenset({".json"})
    names: ClassVar[re.Pattern[str] | None] = None
    shared: ClassVar[bool] = False

    def accepts(self, name: str) -> bool:
        """Whether the file name could be this reader's (cheap, before any byte is read)."""
        base = normalise_file_name(name)
        if not any(base.endswith(ext) for ext in self.extensions):
            return False
        return self.names is None or bool(self.names.search(base))

    @abstractmethod
    def sniff(self, name: str, head: str) -> bool:
        """Whether the first characters of the file are this reader's format."""

    @abstractmethod
    def read(self, name: str, data: bytes) -> Iterator[Item]:
        """The records of the file; :class:`MalformedError` when it cannot be parsed at all."""


class JsonReader(FileReader):
    """A reader of one JSON document, with Meta's mojibake repaired when ``meta`` is set."""

    meta: ClassVar[bool] = False

    def read(self, name: str, data: bytes) -> Iterator[Item]:
        doc = parse_json(decode(data), name)
        if self.meta:
            doc = meta_fix_tree(doc)
        yield from self.items(name, doc)

    @abstractmethod
    def items(self, name: str, doc: Any) -> Iterator[Item]:
        """The records of a parsed document."""


def parse_json(text: str, name: str = "") -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedError(f"malformed JSON (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise MalformedError("JSON nested too deeply") from None


_ENTRY_ERRORS = (TypeError, ValueError, KeyError, AttributeError, IndexError, MalformedError)


def each(entries: Iterable[Any], convert: Callable[[Any], Iterable[Item]]) -> Iterator[Item]:
    """Convert every entry; entries that do not have the expected shape are counted."""
    bad = 0
    for entry in entries:
        try:
            produced = list(convert(entry))
        except _ENTRY_ERRORS:
            bad += 1
            continue
        yield from produced
    if bad:
        yield BadEntries(bad)


def as_list(value: Any) -> list[Any]:
    """*value* if it is a list, else an empty list (exports write ``null`` for empty lists)."""
    return value if isinstance(value, list) else []


def list_at(doc: Any, key: str) -> list[Any]:
    """``doc[key]``, which must be a list (``null`` counts as empty)."""
    value = doc.get(key) if isinstance(doc, dict) else None
    if value is None:
        return []
    if not isinstance(value, list):
        raise MalformedError(f"'{key}' is not a list")
    return value


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def text_of(value: Any) -> str | None:
    """A non-empty string, or ``None``."""
    if isinstance(value, str) and value.strip():
        return value
    return None


def get_ci(mapping: Any, *keys: str) -> Any:
    """The value of the first of *keys* present in *mapping*, matching keys case-insensitively."""
    if not isinstance(mapping, dict):
        return None
    lowered = {str(k).casefold(): v for k, v in mapping.items()}
    for key in keys:
        if key.casefold() in lowered:
            return lowered[key.casefold()]
    return None


def only_key(doc: Any) -> str | None:
    """The top-level key of a one-key object (most Meta files), else ``None``."""
    if isinstance(doc, dict) and len(doc) >= 1:
        return str(next(iter(doc)))
    return None


def era(*names: str) -> Era:
    return Era(frozenset(names))


def folder_segments(name: str) -> list[str]:
    return [normalise_file_name(part) for part in name.replace("\\", "/").split("/")[:-1]]
