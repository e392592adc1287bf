"""Reading whole exports: walk the inputs, recognise each file, group records by platform."""

from __future__ import annotations

import csv
import io
import os
import re
import tarfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from armslength._checks import check_path, check_type
from armslength._io import input_error, open_input
from armslength.config import ExportLimits
from armslength.errors import ExportError, InputError, UnsupportedExportError
from armslength.exports._archive import (
    MEDIA_EXTENSIONS,
    BudgetExceededError,
    Member,
    Skipped,
    TooLargeError,
    Walked,
    Walker,
    read_limited,
)
from armslength.exports._base import BadEntries, Era, Expect, FileReader, Record
from armslength.exports._registry import KINDS, READERS
from armslength.exports._text import MalformedError, normalise_file_name, normalise_name, peek
from armslength.exports._time import iso
from armslength.model import Connection, ConnectionKind, Content, ContentKind, Platform

HEAD_SIZE = 64 * 1024
INTERNAL = "could not be read: internal error"
_HTML_DATA = re.compile(
    r"^(message_\d+|your_posts.*|profile_posts.*|posts_\d+|comments.*|post_comments.*"
    r"|followers.*|following.*|your_friends|friends|.*friend_requests.*|user_data.*)\.html?$"
)
_STRUCTURE_ERRORS = (TypeError, ValueError, KeyError, AttributeError, IndexError, csv.Error)
_READ_ERRORS = (OSError, EOFError, zlib.error, zipfile.BadZipFile, tarfile.TarError)


@dataclass
class ExportResult:
    """One platform's export, read: records, what was skipped, and what it cannot show."""

    platform: Platform
    layout: str
    connections: list[Connection] = field(default_factory=list)
    content: list[Content] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    limitations: list[str] = field(default_factory=list)
    tally: Counter[str] | None = None

    def counts(self) -> dict[str, dict[str, int]]:
        """Records per kind, every kind listed (zero when the export has none)."""
        tally = self.tally if self.tally is not None else tally_of(self.connections, self.content)
        return {
            "connections": {k.value: tally[f"connection:{k.value}"] for k in ConnectionKind},
            "content": {k.value: tally[f"content:{k.value}"] for k in ContentKind},
        }

    def summary(self) -> dict[str, Any]:
        """The ``inspect --json`` shape (plus ``limitations``)."""
        return {
            "platform": self.platform.value,
            "layout": self.layout,
            "counts": self.counts(),
            "skipped": [s.to_json_dict() for s in self.skipped],
            "limitations": list(self.limitations),
        }

    def records(self) -> Iterator[dict[str, Any]]:
        """Every record in the ``inspect --jsonl`` shape: connections first, then content."""
        for c in self.connections:
            yield {
                "type": "connection",
                "platform": c.platform.value,
                "kind": c.kind.value,
                "name": c.name,
                "handle": c.handle,
                "normalized_name": normalise_name(c.name) if c.name else None,
                "url": c.url,
                "timestamp": iso(c.timestamp),
            }
        for t in self.content:
            yield {
                "type": "content",
                "platform": t.platform.value,
                "kind": t.kind.value,
                "text": t.text,
                "timestamp": iso(t.timestamp),
                "visibility": t.visibility,
                "url": t.url,
            }


def tally_of(*groups: Sequence[Record]) -> Counter[str]:
    """``Counter`` of ``connection:<kind>`` and ``content:<kind>``."""
    return Counter(_tally_key(record) for group in groups for record in group)


def _tally_key(record: Record) -> str:
    prefix = "connection" if isinstance(record, Connection) else "content"
    return f"{prefix}:{record.kind.value}"


@dataclass
class _Group:
    """What has been read so far of one platform's export."""

    family: Platform
    platforms: set[Platform] = field(default_factory=set)
    connections: list[Connection] = field(default_factory=list)
    content: list[Content] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    votes: list[frozenset[str]] = field(default_factory=list)
    tally: Counter[str] = field(default_factory=Counter)
    keep: bool = True

    def add(self, record: Record) -> None:
        self.tally[_tally_key(record)] += 1
        if self.keep:
            self.keep_record(record)

    def keep_record(self, record: Record) -> None:
        if isinstance(record, Connection):
            self.connections.append(record)
        else:
            self.content.append(record)

    def result(self) -> ExportResult:
        kind = KINDS[self.family]
        platform = self.family
        if self.family not in self.platforms and len(self.platforms) == 1:
            platform = next(iter(self.platforms))
        return ExportResult(
            platform,
            kind.layout(self.votes),
            self.connections,
            self.content,
            self.skipped,
            list(kind.limitations),
            self.tally,
        )


@dataclass
class _FileOutcome:
    reader: FileReader
    records: list[Record]
    eras: list[frozenset[str]]
    problem: str | None
    expected: frozenset[str] = frozenset()


def read_file(reader: FileReader, name: str, data: bytes) -> _FileOutcome:
    """Run one reader on one file's bytes; every failure becomes a reason, never an exception."""
    records: list[Record] = []
    eras: list[frozenset[str]] = []
    problem: str | None = None
    expected: frozenset[str] = frozenset()
    bad = 0
    try:
        for item in reader.read(name, data):
            if isinstance(item, Era):
                eras.append(item.names)
            elif isinstance(item, BadEntries):
                bad += item.count
            elif isinstance(item, Expect):
                expected |= item.names
            else:
                records.append(item)
    except MalformedError as exc:
        problem = str(exc)
    except _STRUCTURE_ERRORS as exc:
        problem = f"unexpected structure ({type(exc).__name__})"
    except RecursionError:
        problem = "nested too deeply"
    except Exception as exc:  # last resort: one odd file must not stop the whole export
        problem = f"{INTERNAL} ({type(exc).__name__})"
    if bad and problem is None:
        problem = f"{bad} entries without the expected fields were left out"
    return _FileOutcome(reader, records, eras, problem, expected)


def sniff(name: str, head: bytes) -> FileReader | None:
    """The reader that recognises a file from its name and first bytes, if any."""
    text = peek(head)
    for reader in READERS:
        if reader.accepts(name) and reader.sniff(name, text):
            return reader
    return None


class _Reading:
    """One call of :func:`read_exports`: the walk, the groups and the unattached skips."""

    def __init__(self, limits: ExportLimits, *, keep: bool = True) -> None:
        self.keep = keep
        self.exhausted = False
        self.seen: set[str] = set()
        self.expected: list[tuple[_Group, str, frozenset[str]]] = []
        self.walker = Walker(limits)
        self.groups: dict[Platform, _Group] = {}
        self.by_source: dict[int, list[Platform]] = {}
        self.loose: list[tuple[int, Skipped]] = []
        self.shared: list[tuple[int, list[Record], Counter[str], str | None, str]] = []

    def run(self, paths: list[Path]) -> list[ExportResult]:
        return self.consume(self.walker.walk(paths), _joined(paths), [str(p) for p in paths])

    def consume(self, walked: Iterator[Walked], label: str, roots: list[str]) -> list[ExportResult]:
        for item in walked:
            if isinstance(item, Skipped):
                self.loose.append((_source_of(item, roots), item))
            else:
                self._member(item)
        self._settle_shared()
        self._settle_expected()
        if not self.groups:
            raise UnsupportedExportError(self._unsupported_reason(), path=label)
        self._settle_loose()
        return [group.result() for group in self.groups.values()]

    def _member(self, member: Member) -> None:
        self.seen.add(normalise_file_name(member.name))
        if self.exhausted or not self._worth_reading(member):
            return
        try:
            self._recognise(member)
        except BudgetExceededError as exc:
            self.exhausted = True
            self._skip(member, f"{exc}; the rest was not read")
        except TooLargeError as exc:
            self._skip(member, str(exc))
        except NotImplementedError:
            self._skip(member, "compressed with a method that cannot be read")
        except PermissionError:
            self._skip(member, "cannot be read: permission denied")
        except (*_READ_ERRORS, *_STRUCTURE_ERRORS, RuntimeError):
            self._skip(member, "corrupt or truncated file")

    def _worth_reading(self, member: Member) -> bool:
        """Whether to open *member*: not media, maybe a known file, within the size limit."""
        if member.extension in MEDIA_EXTENSIONS:
            return False
        if member.extension in {".html", ".htm"}:
            if _HTML_DATA.match(normalise_file_name(member.name)):
                self._skip(
                    member, "HTML export cannot be read; download the data again in JSON format"
                )
            return False
        if not any(reader.accepts(member.name) for reader in READERS):
            return False
        if member.size > self.walker.limits.max_member_size:
            self._skip(member, f"size {member.size} exceeds the member limit (max_member_size)")
            return False
        return True

    def _skip(self, member: Member, reason: str) -> None:
        self.loose.append((member.source, Skipped(member.path, reason)))

    def _recognise(self, member: Member) -> None:
        with member.opener() as stream:
            head = stream.read(HEAD_SIZE)
            reader = sniff(member.name, head)
            if reader is None:
                return
            data = read_limited(stream, self.walker.budget, head)
        outcome = read_file(reader, member.name, data)
        if reader.shared:
            kept = outcome.records if self.keep else []
            tally = tally_of(outcome.records)
            self.shared.append((member.source, kept, tally, outcome.problem, member.path))
            return
        group = self._group(reader.family, member.source)
        group.platforms.update({r.platform for r in outcome.records} or {reader.platform})
        group.votes.extend(outcome.eras)
        for record in outcome.records:
            group.add(record)
        if outcome.problem:
            group.skipped.append(Skipped(member.path, outcome.problem))
        if outcome.expected:
            self.expected.append((group, member.path, outcome.expected))

    def _group(self, family: Platform, source: int) -> _Group:
        families = self.by_source.setdefault(source, [])
        if family not in families:
            families.append(family)
        return self.groups.setdefault(family, _Group(family, keep=self.keep))

    def _settle_shared(self) -> None:
        """Message threads Facebook and Instagram share join the export they came with."""
        for source, records, tally, problem, path in self.shared:
            families = self.by_source.get(source, [])
            family = _thread_family(path, families)
            group = self._group(family, source)
            group.platforms.add(family)
            group.tally.update(tally)
            for record in records:
                group.keep_record(record if family is record.platform else _moved(record, family))
            if problem:
                group.skipped.append(Skipped(path, problem))

    def _settle_expected(self) -> None:
        """Files a manifest lists that no input held (a missing part of a split archive)."""
        for group, path, names in self.expected:
            for missing in sorted(names - self.seen):
                group.skipped.append(Skipped(path, f"lists {missing}, which is not in the export"))

    def _settle_loose(self) -> None:
        first = next(iter(self.groups.values()))
        for source, skipped in self.loose:
            families = self.by_source.get(source)
            group = self.groups[families[0]] if families else first
            group.skipped.append(skipped)

    def _unsupported_reason(self) -> str:
        reasons = sorted({s.reason for _, s in self.loose})
        detail = f" ({'; '.join(reasons[:3])})" if reasons else ""
        return f"not a supported export: no recognised file{detail}"


def _thread_family(path: str, families: list[Platform]) -> Platform:
    segments = re.split(r"[/\\:]", path.casefold())
    if any(s == "your_instagram_activity" or s.startswith("instagram-") for s in segments):
        return Platform.INSTAGRAM
    if Platform.INSTAGRAM in families and Platform.FACEBOOK not in families:
        return Platform.INSTAGRAM
    return Platform.FACEBOOK


def _moved(record: Record, platform: Platform) -> Record:
    return record.model_copy(update={"platform": platform})


def _source_of(skipped: Skipped, roots: list[str]) -> int:
    for index, root in enumerate(roots):
        if skipped.path.startswith(root):
            return index
    return 0


def _joined(paths: list[Path]) -> str:
    return ", ".join(str(p) for p in paths)


def read_exports(
    *paths: str | Path, limits: ExportLimits | None = None, keep_records: bool = True
) -> list[ExportResult]:
    """Read one or more exports (zip, tar.gz, folder, single file, parts of one export).

    Files are grouped by platform: the parts of one platform's export make one result.
    With ``keep_records=False`` only the counts are kept, so memory stays flat.
    Raises :class:`UnsupportedExportError` when no file is recognised.
    """
    if not paths:
        raise InputError("no export given")
    resolved = [check_path(f"paths[{n}]", p) for n, p in enumerate(paths)]
    if limits is not None:
        check_type("limits", limits, ExportLimits, "ExportLimits or None")
    for path in resolved:
        _check_input(path)
    return _Reading(limits or ExportLimits(), keep=keep_records).run(resolved)


def _check_input(path: Path) -> None:
    """An :class:`ExportError` naming *path* unless it is a folder or a file that opens."""
    if path.is_dir():
        try:
            os.scandir(path).close()
        except OSError as exc:
            raise input_error(exc, path, what="export folder", error=ExportError) from None
        return
    open_input(path, what="export", error=ExportError).close()


def read_export(*paths: str | Path, limits: ExportLimits | None = None) -> ExportResult:
    """Read the export of one platform (possibly in several parts); see :func:`read_exports`.

    Raises :class:`InputError` when the inputs hold exports of several platforms.
    """
    results = read_exports(*paths, limits=limits)
    if len(results) > 1:
        names = ", ".join(r.platform.value for r in results)
        raise InputError(f"holds exports of several platforms ({names}); use read_exports")
    return results[0]


def read_export_bytes(
    name: str, data: bytes, *, limits: ExportLimits | None = None
) -> list[ExportResult]:
    """Read an export held in memory (an upload): a zip, a tar.gz or a single file.

    *name* is the file name the bytes came with; it helps recognise the file.
    """
    walker_limits = limits or ExportLimits()
    reading = _Reading(walker_limits)
    member = Member(name, name, len(data), 0, lambda: io.BytesIO(data))
    return reading.consume(reading.walker.expand(member, level=0), name, [name])
