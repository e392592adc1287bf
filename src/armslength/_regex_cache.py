"""Compiled regular expressions kept between command-line runs.

Compiling the screen's few hundred patterns (recognizers, rule files, lexicon alternations)
costs a one-post screening about 0.1 s of CPU in every process: :mod:`re` parses and compiles
in Python and keeps the result only in memory. A command that uses them calls :func:`start`:
it loads the compiled form from the user cache (the :mod:`armslength._prebuilt` format, checked
by hash) into :mod:`re`'s own cache, and at exit writes the patterns the run compiled, so the
next run finds them. The standard library offers no way to keep a compiled pattern (a pickle
recompiles it), hence this module; it leans on CPython's ``re`` internals, so it is keyed by the
exact interpreter and ``_sre`` version and turns itself off, silently, on anything else or on
any surprise: then ``re`` simply compiles as it always does.

What is kept is the *patterns*, never the text they run on. The package builds patterns only
from its own data and the settings' allow terms, never from a screened text or a roster (a test
checks the cache after screening a text with a roster), and :func:`start` is not called when a
roster is given.
"""

from __future__ import annotations

import atexit
import json
import re
import sys
from array import array
from typing import Any

from armslength import _prebuilt

_NAME = "regex"
"""Each command keeps its own file (``regex-advise``, ``regex-screen``): advise then reads its
few dozen patterns, not the screen's several hundred (a megabyte of compiled code)."""
_MAX_PATTERNS = 2_000
_NEW_WORTH_SAVING = 8
"""A run that compiled fewer new patterns writes nothing: a few patterns differ in every process
(the standard library builds some from sets, whose order changes), and rewriting the file for
them would cost more than compiling them."""
_loaded: dict[tuple[str, int], list[Any]] = {}


def _key() -> bytes | None:
    """The interpreter the compiled code is valid for, or None where this cache is off."""
    try:
        import _sre  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - every CPython has it
        return None
    cache = getattr(re, "_cache", None)
    if sys.implementation.name != "cpython" or not isinstance(cache, dict):
        return None
    if array(_CODE).itemsize != _sre.CODESIZE:
        return None
    return f"regex-2\n{sys.version}\n{_sre.MAGIC}\n{_sre.CODESIZE}".encode()


def _compile_entry(entry: list[Any]) -> tuple[tuple[type[str], str, int], re.Pattern[str]]:
    import _sre

    pattern, key_flags, flags, code, groups, groupindex, indexgroup = entry
    if not (isinstance(pattern, str) and isinstance(key_flags, int) and isinstance(code, list)):
        raise ValueError("malformed entry")
    compiled = _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))
    return (str, pattern, key_flags), compiled


_CODE = "I"
"""The compiled code is kept as an array of unsigned ints (``_sre.CODESIZE`` bytes each), the
rest of each entry as JSON: reading a megabyte of code as JSON cost a screening 0.02 s."""


def _decode(sections: list[bytes]) -> list[list[Any]]:
    meta_section, code_section, sizes_section = sections
    entries = json.loads(meta_section)
    code, sizes = array(_CODE), array(_CODE)
    code.frombytes(code_section)
    sizes.frombytes(sizes_section)
    if not isinstance(entries, list) or len(sizes) != len(entries) or sum(sizes) != len(code):
        raise ValueError("damaged cache")
    out, at = [], 0
    for entry, size in zip(entries, sizes, strict=True):
        pattern, key_flags, flags, groups, groupindex, indexgroup = entry
        out.append(
            [
                pattern,
                key_flags,
                flags,
                code[at : at + size].tolist(),
                groups,
                groupindex,
                indexgroup,
            ]
        )
        at += size
    return out


def _encode(entries: list[list[Any]]) -> list[bytes]:
    meta = [[e[0], e[1], e[2], e[4], e[5], e[6]] for e in entries]
    code = array(_CODE, [word for e in entries for word in e[3]])
    sizes = array(_CODE, [len(e[3]) for e in entries])
    return [json.dumps(meta, separators=(",", ":")).encode(), code.tobytes(), sizes.tobytes()]


def _load(name: str, key: bytes) -> None:
    sections = _prebuilt.load(name, key)
    if not sections:
        return
    cache: dict[Any, Any] = re._cache  # type: ignore[attr-defined]
    try:
        entries = _decode(sections)
        _make_room(len(cache) + len(entries))
        for entry in entries:
            slot, compiled = _compile_entry(entry)
            cache[slot] = compiled
            _loaded[slot[1], slot[2]] = entry
    except (ValueError, TypeError, RuntimeError):  # damaged or foreign: compile afresh
        _loaded.clear()


_HEADROOM = 256


def _make_room(count: int) -> None:
    """``re`` keeps at most ``re._MAXCACHE`` (512) patterns and drops the oldest for each new
    one: with more loaded than that, every pattern compiled afterwards pushed out a loaded one
    that was then compiled again (150 a run). The limit is raised to what was loaded and some."""
    limit = getattr(re, "_MAXCACHE", None)
    if isinstance(limit, int) and limit < count + _HEADROOM:
        re._MAXCACHE = count + _HEADROOM  # type: ignore[attr-defined]


def _entry(pattern: str, key_flags: int) -> list[Any]:
    """What ``re._compiler.compile`` hands to ``_sre.compile``, computed the same way."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, key_flags)
    code = _compiler._code(parsed, key_flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    flags = key_flags | parsed.state.flags
    return [pattern, key_flags, flags, code, parsed.state.groups - 1, groupindex, indexgroup]


def _save(name: str, key: bytes) -> None:
    cache: dict[Any, Any] = re._cache  # type: ignore[attr-defined]
    current = {(k[1], k[2]) for k in list(cache) if len(k) == 3 and k[0] is str}
    new = current - _loaded.keys()
    if len(new) < _NEW_WORTH_SAVING or len(current) > _MAX_PATTERNS:
        return
    try:
        kept = [_loaded[slot] for slot in sorted(current & _loaded.keys())]
        entries = kept + [_entry(pattern, flags) for pattern, flags in sorted(new)]
        sections = _encode(entries)
    except Exception:
        return
    _prebuilt.store(name, key, sections)


def start(command: str = "") -> None:
    """Load this interpreter's compiled patterns of *command* into ``re`` and save new ones
    at exit."""
    key = _key()
    if key is None:
        return
    name = f"{_NAME}-{command}" if command.isalnum() else _NAME
    _load(name, key)
    atexit.register(_save, name, key)
