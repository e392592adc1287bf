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
        text = decode(data)
        try:
            doc = parse_json(text, name)
        except TruncatedJsonError as cut:
            yield from self._salvaged(name, cut)
            return
        if self.meta:
            doc = meta_fix_tree(doc)
        yield from self.items(name, doc)

    def _salvaged(self, name: str, cut: TruncatedJsonError) -> Iterator[Item]:
        """The records before a truncation, then the loss named (as a :class:`MalformedError`)."""
        doc = meta_fix_tree(cut.salvaged) if self.meta else cut.salvaged
        kept = 0
        for item in self.items(name, doc):
            kept += not isinstance(item, (Era, BadEntries, Expect))
            yield item
        raise MalformedError(
            f"JSON ends at byte {cut.length:,} (the file is cut short): {kept:,} "
            f"entr{'y' if kept == 1 else 'ies'} before the break were read; anything after it is lost"
        )

    @abstractmethod
    def items(self, name: str, doc: Any) -> Iterator[Item]:
        """The records of a parsed document."""


class TruncatedJsonError(MalformedError):
    """A JSON document that stops short: *salvaged* is what came before the break, closed."""

    def __init__(self, length: int, salvaged: Any) -> None:
        super().__init__(f"JSON ends at byte {length:,} (the file is cut short)")
        self.length = length
        self.salvaged = salvaged


_CLOSER = {"{": "}", "[": "]"}
SALVAGE_TRIES = 64


def _cut_points(text: str) -> list[tuple[int, str]]:
    """Where a value inside a container ends (after ``}``, ``]`` or a string), with the
    closers that would finish the document there, last first."""
    points: list[tuple[int, str]] = []
    stack: list[str] = []
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in _CLOSER:
            stack.append(_CLOSER[char])
        elif char in "}]" and stack:
            stack.pop()
            if stack:
                points.append((index + 1, "".join(reversed(stack))))
    return points[::-1]


def salvage_json(text: str) -> Any | None:
    """The longest prefix of a cut-short document that parses once its containers are
    closed (a trailing partial entry is dropped); ``None`` when nothing can be saved."""
    for tries, (end, closers) in enumerate(_cut_points(text)):
        if tries >= SALVAGE_TRIES:
            break
        try:
            return json.loads(text[:end] + closers)
        except json.JSONDecodeError:
            continue
    return None


def _truncated(text: str, exc: json.JSONDecodeError) -> bool:
    return exc.pos >= len(text.rstrip()) - 1 or "Unterminated string" in exc.msg


def parse_json(text: str, name: str = "") -> Any:
    """The document in *text*; :class:`TruncatedJsonError` (with what came before the break)
    when it stops short, :class:`MalformedError` when it is broken elsewhere."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        salvaged = salvage_json(text) if _truncated(text, exc) else None
        if salvaged is not None:
            raise TruncatedJsonError(len(text.encode("utf-8")), salvaged) from None
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
