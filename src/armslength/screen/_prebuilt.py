"""Prebuilt lexicon data in the user cache: built on first use, checked by hash, rebuilt
when missing, stale or damaged.

A cache file holds one phrase a line after a header line ``<key digest> <body digest>``:
the key digest is the SHA-256 of everything the phrases are built from (the source file and
the tokeniser), so a changed list or tokeniser never reads an old file, and the body digest
catches a truncated or edited one. Plain text, so loading it executes nothing. Writes are
atomic (a temporary file, then a rename); a cache that cannot be written is simply skipped.
``ARMSLENGTH_CACHE_DIR`` moves the cache (``platformdirs``' user cache dir by default).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import platformdirs

from armslength._version import __version__

ENV_CACHE_DIR = "ARMSLENGTH_CACHE_DIR"


def cache_dir() -> Path:
    override = os.environ.get(ENV_CACHE_DIR)
    base = Path(override) if override else Path(platformdirs.user_cache_dir("armslength"))
    return base / "lexicons"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _path(name: str, key: bytes) -> tuple[Path, str]:
    key_digest = _digest(__version__.encode() + b"\n" + key)
    return cache_dir() / f"{name}-{key_digest[:16]}.txt", key_digest


def load(name: str, key: bytes) -> frozenset[str] | None:
    """The phrases cached for *key*, or None when there is no intact file for it."""
    path, key_digest = _path(name, key)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header, _, body = data.partition(b"\n")
    if header.decode("ascii", "replace") != f"{key_digest} {_digest(body)}":
        return None
    text = body.decode("utf-8")
    return frozenset(text.split("\n")) if text else frozenset()


def store(name: str, key: bytes, phrases: frozenset[str]) -> bool:
    """Write *phrases* for *key*; False (and nothing left behind) when the cache is unwritable."""
    path, key_digest = _path(name, key)
    body = "\n".join(sorted(phrases)).encode("utf-8")
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
    return True
