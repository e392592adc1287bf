"""What a regular expression needs in a text before it can match: a cheap test that skips it.

Most of the screen's time is :mod:`re` scanning texts with patterns that cannot match them: a
pattern for "case of the week" or "(hint:" tries every position of every text. For a pattern,
:func:`needs` works out, from its parsed form, a few strings of which at least one must be in
any text it matches ("case of the ", "(hint:", ...; ``DIGIT`` for a digit it must see), and
:func:`possible` tests them with ``in`` on the lowercased text, which is many times faster.

The test is exact for ASCII texts (no match is ever lost: a match contains its literal
characters, and in ASCII, case-insensitive equality is equality of ``str.lower``); a text with
any other character is always searched. Working the strings out costs a parse of the pattern,
so they are kept in the user cache (:mod:`armslength._prebuilt`, checked by hash), keyed by the
patterns themselves: the package's own, never a screened text.
"""

from __future__ import annotations

import atexit
import json
import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from armslength import _prebuilt

DIGIT = "\x00digit"
"""A requirement met by any ASCII digit."""
Needs = frozenset[str]
_MAX_CHOICES = 200
"""More alternatives than this: testing them would cost about as much as the search."""
_MIN_USEFUL = 2
"""A single letter is in almost every text: no test."""
_NAME = "needs"
_FORMAT = "needs-1"

_known: dict[tuple[str, int], Needs | None] = {}
_new: set[tuple[str, int]] = set()
_lock = threading.Lock()
_loaded = False
_HAS_DIGIT = re.compile(r"[0-9]")
_last: tuple[str, str | None, bool] = ("", "", False)


def _key() -> bytes:
    return f"{_FORMAT}\n{sys.version}\n".encode()


def _load() -> None:
    global _loaded
    with _lock:
        if _loaded:
            return
        _loaded = True
        sections = _prebuilt.load(_NAME, _key())
        if not sections:
            return
        try:
            rows = json.loads(sections[0])
            for pattern, flags, needs in rows:
                if isinstance(pattern, str) and isinstance(flags, int):
                    _known[pattern, flags] = None if needs is None else frozenset(needs)
        except (ValueError, TypeError):
            _known.clear()


def _save() -> None:
    with _lock:
        if not _new:
            return
        rows = [
            [pattern, flags, None if needs is None else sorted(needs)]
            for (pattern, flags), needs in sorted(
                _known.items(), key=lambda item: (item[0][0], item[0][1])
            )
        ]
        _new.clear()
    _prebuilt.store(_NAME, _key(), [json.dumps(rows, separators=(",", ":")).encode()])


def needs(pattern: re.Pattern[str]) -> Needs | None:
    """Strings of which any text *pattern* matches holds one (lowercase; ``DIGIT``: a digit),
    or None when no such test is worth making."""
    if not _loaded:
        _load()
    slot = (pattern.pattern, pattern.flags)
    try:
        return _known[slot]
    except KeyError:
        pass
    try:
        found = _simplify(_of_pattern(pattern))
    except Exception:  # an unknown construct of a newer parser: no test, search as usual
        found = None
    with _lock:
        if not _new:
            atexit.register(_save)
        _known[slot] = found
        _new.add(slot)
    return found


def possible(pattern: re.Pattern[str], text: str) -> bool:
    """False only when *pattern* cannot match anywhere in *text* (then it need not run)."""
    try:
        probe = _probes[pattern]
    except KeyError:
        probe = _probes[pattern] = _probe(needs(pattern))
    if probe is None:
        return True
    lowered, digit = _lowered(text)
    return lowered is None or probe(lowered, digit)


Probe = Callable[[str, bool], bool]
_probes: dict[re.Pattern[str], Probe | None] = {}


def _probe(required: Needs | None) -> Probe | None:
    """A test of a lowercased ASCII text (and whether it has a digit) for *required*: ``in``
    for one string, else one search of their alternation (no flags: :mod:`re` then jumps
    from one possible first character to the next)."""
    if required is None:
        return None
    strings = sorted(need for need in required if need != DIGIT)
    if not strings:
        return lambda lowered, digit: digit
    if len(strings) == 1 and DIGIT not in required:
        (only,) = strings
        return lambda lowered, digit: only in lowered
    body = _trie(strings)
    if DIGIT in required:
        body = f"[0-9]|{body}"
    search = re.compile(body).search
    return lambda lowered, digit: search(lowered) is not None


def _trie(strings: list[str]) -> str:
    """An alternation of *strings* written as a trie, so a search follows one branch."""
    root: dict[str, Any] = {}
    for string in strings:
        node = root
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_body(root)


def _trie_body(node: dict[str, Any]) -> str:
    if "" in node:
        return ""  # a shorter string already found is enough
    branches = [re.escape(char) + _trie_body(child) for char, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def _lowered(text: str) -> tuple[str | None, bool]:
    """*text* lowercased (None when it is not ASCII) and whether it has a digit; the last
    text's answer is kept, as many patterns test the same text in a row."""
    global _last
    last = _last
    if last[0] is text:
        return last[1], last[2]
    lowered = text.lower() if text.isascii() else None
    digit = lowered is not None and _HAS_DIGIT.search(lowered) is not None
    _last = (text, lowered, digit)
    return lowered, digit


def _simplify(found: Needs | None) -> Needs | None:
    if found is None or len(found) > _MAX_CHOICES:
        return None
    if any(len(need) < _MIN_USEFUL and need != DIGIT for need in found):
        return None
    return frozenset(DIGIT if need == DIGIT else need for need in found)


# -- the parsed form: which literals every match holds ----------------------------------------


def _of_pattern(pattern: re.Pattern[str]) -> Needs | None:
    from re import _parser  # type: ignore[attr-defined]

    flags = pattern.flags & ~re.UNICODE
    return _sequence(_parser.parse(pattern.pattern, flags))


def _sequence(items: Iterable[tuple[Any, Any]]) -> Needs | None:
    """The best requirement of a sequence: each of its parts must match, so any one part's
    requirement (or a run of literal characters) is the sequence's."""
    from re import _constants as c  # type: ignore[attr-defined]

    choices: list[Needs] = []
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if op is c.AT:  # zero width: the characters around it stay next to each other
            continue
        if run:
            choices.append(frozenset({"".join(run)}))
            run = []
        found = _part(op, av)
        if found:
            choices.append(found)
    if run:
        choices.append(frozenset({"".join(run)}))
    if not choices:
        return None
    return max(choices, key=_worth)


def _worth(found: Needs) -> tuple[int, int]:
    shortest = min(1 if need == DIGIT else len(need) for need in found)
    return min(shortest, 6), -len(found)


def _part(op: Any, av: Any) -> Needs | None:
    from re import _constants as c  # type: ignore[attr-defined]

    if op is c.SUBPATTERN:
        return _sequence(av[3])
    if op is c.ATOMIC_GROUP:
        return _sequence(av)
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            found = _sequence(branch)
            if found is None:
                return None
            out |= found
        return frozenset(out)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _high, body = av
        return _sequence(body) if low >= 1 else None
    if op is c.ASSERT:  # a positive look-around must match too, at some place of the text
        return _sequence(av[1])
    if op is c.IN and _digits_only(av):
        return frozenset({DIGIT})
    return None


def _digits_only(items: list[tuple[Any, Any]]) -> bool:
    from re import _constants as c  # type: ignore[attr-defined]

    if not items:
        return False
    for op, av in items:
        if op is c.CATEGORY and av is c.CATEGORY_DIGIT:
            continue
        if op is c.RANGE and 48 <= av[0] <= av[1] <= 57:
            continue
        if op is c.LITERAL and 48 <= av <= 57:
            continue
        return False
    return True


def scan(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, or no matches at once when the pattern cannot match."""
    return pattern.finditer(text) if possible(pattern, text) else iter(())


def search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, or None at once when the pattern cannot match."""
    return pattern.search(text) if possible(pattern, text) else None
