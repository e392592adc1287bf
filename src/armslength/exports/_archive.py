"""Walk the members of exports in place: zip, tar(.gz), folders, single files, nested archives.

Nothing is extracted to disk. Every member is checked before it is read: absolute names,
``..`` segments, links, declared sizes, the compression ratio, the number of members and the
nesting depth. A problem becomes a :class:`Skipped` entry that names the member, and the
walk goes on with the other members.
"""

from __future__ import annotations

import os
import re
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from armslength.config import ExportLimits
from armslength.errors import ArchiveSafetyError

_MEDIA = ".jpg .jpeg .png .gif .webp .heic .heif .bmp .tif .tiff .svg .ico .mp4 .mov .m4v .avi"
_MEDIA += " .mkv .webm .3gp .mp3 .m4a .aac .wav .ogg .opus .amr .flac .pdf .woff .woff2 .ttf"
MEDIA_EXTENSIONS = frozenset(_MEDIA.split(" "))
PLAIN_EXTENSIONS = frozenset({".json", ".js", ".csv", ".jsonl", ".car", ".html", ".htm", ".txt"})
_ARCHIVE_NAME = re.compile(r"\.(zip|tar|tgz|tar\.gz)$", re.IGNORECASE)
_RATIO_MIN_SIZE = 1024**2
_CHUNK = 1024**2
_READ_ERRORS = (
    OSError,
    EOFError,
    zlib.error,
    zipfile.BadZipFile,
    tarfile.TarError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)


@dataclass(frozen=True)
class Skipped:
    """A file or member that was not read, and why (never its content)."""

    path: str
    reason: str

    def to_json_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


class TooLargeError(ArchiveSafetyError):
    """A member grew past a size limit while it was read."""


class BudgetExceededError(TooLargeError):
    """The export as a whole holds more text than the limit allows."""


@dataclass
class Budget:
    """Counts what a walk has read so far against the configured limits."""

    limits: ExportLimits
    total: int = 0

    def take(self, size: int) -> None:
        self.total += size
        if self.total > self.limits.max_total_uncompressed:
            raise BudgetExceededError(
                f"the export holds more than {self.limits.max_total_uncompressed} bytes "
                "of text (max_total_uncompressed)"
            )


@dataclass
class Member:
    """One file of an export, opened only when asked."""

    path: str
    name: str
    size: int
    source: int
    opener: Callable[[], IO[bytes]] = field(repr=False)

    @property
    def extension(self) -> str:
        base = self.name.rsplit("/", 1)[-1].lower()
        return os.path.splitext(base)[1]


Walked = Member | Skipped


def read_limited(stream: IO[bytes], budget: Budget, start: bytes = b"") -> bytes:
    """The rest of *stream* after *start*, refusing to grow past the member size limit."""
    limit = budget.limits.max_member_size
    parts = [start]
    size = len(start)
    budget.take(len(start))
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise TooLargeError(f"larger than the {limit}-byte member limit (max_member_size)")
        budget.take(len(chunk))
        parts.append(chunk)
    return b"".join(parts)


def _unsafe_name(name: str) -> str | None:
    clean = name.replace("\\", "/")
    if clean.startswith("/") or re.match(r"^[A-Za-z]:", clean):
        return "absolute member name refused"
    if ".." in clean.split("/"):
        return "path traversal ('..') in member name refused"
    return None


def is_archive_name(name: str) -> bool:
    return bool(_ARCHIVE_NAME.search(name))


class Walker:
    """Yields the members of every input, depth-first, with safety checks."""

    def __init__(self, limits: ExportLimits) -> None:
        self.limits = limits
        self.budget = Budget(limits)

    def walk(self, paths: list[Path]) -> Iterator[Walked]:
        for index, path in enumerate(paths):
            yield from self._input(path, index)

    def _input(self, path: Path, index: int) -> Iterator[Walked]:
        if path.is_dir():
            yield from self._folder(path, index)
            return
        size = path.stat().st_size
        member = Member(str(path), str(path), size, index, lambda: path.open("rb"))
        yield from self.expand(member, level=0)

    def expand(self, member: Member, level: int) -> Iterator[Walked]:
        """The member itself, or the members of the archive it is (*level* = nesting)."""
        kind = _container_kind(member)
        if kind is None:
            yield member
        elif level > self.limits.max_nesting_depth:
            yield Skipped(
                member.path,
                f"archive nested more than {self.limits.max_nesting_depth} levels deep refused",
            )
        elif kind == "zip":
            yield from self._zip(member, level)
        else:
            yield from self._tar(member, level)

    def _folder(self, root: Path, index: int) -> Iterator[Walked]:
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            dirnames.sort()
            for name in sorted(filenames) + [d for d in dirnames if _is_link(dirpath, d)]:
                yield from self._folder_file(Path(dirpath) / name, index)

    def _folder_file(self, path: Path, index: int) -> Iterator[Walked]:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            yield Skipped(str(path), "symbolic link not followed")
        elif stat.S_ISREG(info.st_mode):
            member = Member(str(path), str(path), info.st_size, index, lambda: path.open("rb"))
            yield from self.expand(member, level=0)

    def _zip(self, member: Member, level: int) -> Iterator[Walked]:
        try:
            with member.opener() as raw, zipfile.ZipFile(raw) as archive:
                yield from self._zip_members(archive, member, level)
        except _READ_ERRORS:
            yield Skipped(member.path, "corrupt or truncated zip archive")

    def _zip_members(
        self, archive: zipfile.ZipFile, parent: Member, level: int
    ) -> Iterator[Walked]:
        for count, info in enumerate(archive.infolist(), start=1):
            if count > self.limits.max_members:
                yield Skipped(parent.path, self._too_many())
                return
            if info.is_dir():
                continue
            path = f"{parent.path}:{info.filename}"
            problem = _unsafe_name(info.filename) or self._zip_problem(info)
            if problem:
                yield Skipped(path, problem)
                continue
            inner = Member(
                path, info.filename, info.file_size, parent.source, _zip_opener(archive, info)
            )
            yield from self._nested(inner, level)

    def _zip_problem(self, info: zipfile.ZipInfo) -> str | None:
        if stat.S_ISLNK(info.external_attr >> 16):
            return "symbolic link refused"
        if info.flag_bits & 0x1:
            return "encrypted member cannot be read"
        if info.file_size > self.limits.max_member_size:
            return f"declared size {info.file_size} exceeds the member limit (max_member_size)"
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= _RATIO_MIN_SIZE and ratio > self.limits.max_compression_ratio:
            return f"compression ratio {ratio:.0f} exceeds the limit (max_compression_ratio)"
        return None

    def _tar(self, member: Member, level: int) -> Iterator[Walked]:
        try:
            with member.opener() as raw, tarfile.open(fileobj=raw, mode="r:*") as archive:
                yield from self._tar_members(archive, member, level)
        except _READ_ERRORS:
            yield Skipped(member.path, "corrupt or truncated tar archive; later members not read")

    def _tar_members(
        self, archive: tarfile.TarFile, parent: Member, level: int
    ) -> Iterator[Walked]:
        declared = 0
        for count, info in enumerate(archive, start=1):
            if count > self.limits.max_members:
                yield Skipped(parent.path, self._too_many())
                return
            declared += info.size
            if self._tar_bomb(declared, parent.size):
                yield Skipped(parent.path, "uncompressed size exceeds the limits; rest not read")
                return
            yield from self._tar_member(archive, info, parent, level)

    def _tar_bomb(self, declared: int, compressed: int) -> bool:
        if declared > self.limits.max_total_uncompressed:
            return True
        ratio = declared / max(compressed, 1)
        return declared >= _RATIO_MIN_SIZE and ratio > self.limits.max_compression_ratio

    def _tar_member(
        self, archive: tarfile.TarFile, info: tarfile.TarInfo, parent: Member, level: int
    ) -> Iterator[Walked]:
        path = f"{parent.path}:{info.name}"
        problem = _unsafe_name(info.name) or _tar_problem(info, self.limits)
        if problem:
            yield Skipped(path, problem)
        elif info.isfile():
            inner = Member(path, info.name, info.size, parent.source, _tar_opener(archive, info))
            yield from self._nested(inner, level)

    def _nested(self, member: Member, level: int) -> Iterator[Walked]:
        if _container_kind_by_name(member.name) is None:
            yield member
        else:
            yield from self.expand(member, level + 1)

    def _too_many(self) -> str:
        return f"more than {self.limits.max_members} members (max_members); rest not read"


def _tar_problem(info: tarfile.TarInfo, limits: ExportLimits) -> str | None:
    if info.issym():
        return "symbolic link refused"
    if info.islnk():
        return "hard link refused"
    if not (info.isfile() or info.isdir()):
        return "not a regular file"
    if info.size > limits.max_member_size:
        return f"declared size {info.size} exceeds the member limit (max_member_size)"
    return None


def _is_link(dirpath: str, name: str) -> bool:
    return os.path.islink(os.path.join(dirpath, name))


def _zip_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
    return lambda: archive.open(info)


def _tar_opener(archive: tarfile.TarFile, info: tarfile.TarInfo) -> Callable[[], IO[bytes]]:
    def opener() -> IO[bytes]:
        stream = archive.extractfile(info)
        if stream is None:  # pragma: no cover - only regular files reach here
            raise OSError("not a regular file")
        return stream

    return opener


def _container_kind_by_name(name: str) -> str | None:
    match = _ARCHIVE_NAME.search(name)
    if not match:
        return None
    return "zip" if match.group(1).lower() == "zip" else "tar"


def _container_kind(member: Member) -> str | None:
    """``zip``, ``tar`` or ``None``, by the first bytes (and the name for plain tar)."""
    if member.extension in MEDIA_EXTENSIONS or member.extension in PLAIN_EXTENSIONS:
        return None
    try:
        with member.opener() as stream:
            head = stream.read(512)
    except _READ_ERRORS:
        return _container_kind_by_name(member.name)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith((b"\x1f\x8b", b"BZh", b"\xfd7zXZ")) or head[257:262] == b"ustar":
        return "tar"
    return _container_kind_by_name(member.name)
