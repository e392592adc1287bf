"""Prebuilt data in the user cache (lexicons, compiled patterns): built on first use, checked by hash, rebuilt
when missing, stale or damaged.

A cache file is a header line ``<key digest> <body digest>`` and a body of byte sections,
each an 8-byte little-endian length and its bytes. The key digest is the SHA-256 of
everything the value is built from (the package version, the format, the Unicode version
that lowercasing and ``\\w`` follow, the byte order of the arrays, and the caller's key: the
source file and the builder's parameters), so a changed list, builder or Python never reads an
old file; the body digest catches a truncated or edited one. Sections are plain text and
arrays of integers: loading executes nothing (no pickle, no marshal). Writes are atomic (a
temporary file, then a rename); a cache that cannot be written is skipped.
``ARMSLENGTH_CACHE_DIR`` moves the cache (``platformdirs``' user cache dir by default).
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import platformdirs

from armslength._version import __version__

ENV_CACHE_DIR = "ARMSLENGTH_CACHE_DIR"
FORMAT = "sections-1"
T = TypeVar("T")


def cache_dir() -> Path:
    override = os.environ.get(ENV_CACHE_DIR)
    base = Path(override) if override else Path(platformdirs.user_cache_dir("armslength"))
    return base / "lexicons"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _path(name: str, key: bytes) -> tuple[Path, str]:
    context = f"{__version__}\n{FORMAT}\n{unicodedata.unidata_version}\n{sys.byteorder}\n"
    key_digest = _digest(context.encode() + key)
    return cache_dir() / f"{name}-{key_digest[:16]}.bin", key_digest


def _sections(body: bytes | memoryview) -> list[bytes] | None:
    out, at = [], 0
    while at < len(body):
        size = int.from_bytes(body[at : at + 8], "little")
        at += 8
        if at + size > len(body):
            return None
        out.append(bytes(body[at : at + size]))
        at += size
    return out


def load(name: str, key: bytes) -> list[bytes] | None:
    """The sections cached for *key*, or None when there is no intact file for it."""
    path, key_digest = _path(name, key)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    end = data.find(b"\n")
    if end < 0:
        return None
    body = memoryview(data)[end + 1 :]  # the town gazetteer is 6 MB: hashed and cut uncopied
    if data[:end] != f"{key_digest} {hashlib.sha256(body).hexdigest()}".encode("ascii"):
        return None
    return _sections(body)


def store(name: str, key: bytes, sections: Sequence[bytes]) -> bool:
    """Write *sections* for *key*; False (nothing left behind) when the cache is unwritable."""
    path, key_digest = _path(name, key)
    body = b"".join(len(section).to_bytes(8, "little") + section for section in sections)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(f"{key_digest} {_digest(body)}\n".encode("ascii") + body)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return False
    _remove_stale(name, path)
    return True


def _remove_stale(name: str, current: Path) -> None:
    """Files of *name* for other keys (an older list, version or format) are not read again."""
    for path in current.parent.glob(f"{name}-*"):
        if path != current and path.name[len(name) + 1 :].split(".")[0].isalnum():
            path.unlink(missing_ok=True)


def cached(
    name: str,
    key: bytes,
    build: Callable[[], T],
    encode: Callable[[T], Sequence[bytes]],
    decode: Callable[[list[bytes]], T],
) -> T:
    """The value for *key*: decoded from the cache, else built (and cached for next time).

    *decode* raises ``ValueError`` for sections it cannot read (the value is then rebuilt and
    the file replaced); *encode* raises it for a value the format cannot hold (it is then
    returned without being cached).
    """
    sections = load(name, key)
    if sections is not None:
        try:
            return decode(sections)
        except ValueError:
            pass
    value = build()
    try:
        encoded = encode(value)
    except ValueError:
        return value
    store(name, key, encoded)
    return value
