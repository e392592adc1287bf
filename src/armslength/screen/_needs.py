"""What a regular expression needs in a text before it can match: a cheap test that skips it.

Most of the screen's time is :mod:`re` scanning texts with patterns that cannot match them: a
pattern for "case of the week" or "(hint:" tries every position of every text. For a pattern,
:func:`needs` works out, from its parsed form, a few strings of which at least one must be in
any text it matches ("case of the ", "(hint:", ...; or a run of so many digits), and
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
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from armslength import _prebuilt

DIGITS = "\x00digits:"
"""``DIGITS + "4"``: a requirement met by a run of at least 4 ASCII digits."""
DIGIT = DIGITS + "1"
"""A requirement met by any ASCII digit."""
_MAX_RUN = 9
Needs = frozenset[str]
_MAX_CHOICES = 200
"""More alternatives than this: testing them would cost about as much as the search."""
_MIN_USEFUL = 2
"""A single letter is in almost every text: no test."""
_NAME = "needs"
_FORMAT = "needs-2"

_known: dict[tuple[str, int], Needs | None] = {}
_new: set[tuple[str, int]] = set()
_lock = threading.Lock()
_loaded = False
_DIGIT_RUN = re.compile(r"[0-9]+")
_last: tuple[str, str | None, int] = ("", "", 0)


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
    """Strings of which any text *pattern* matches holds one (lowercase; ``DIGITS + "n"``: a
    run of n digits), or None when no such test is worth making."""
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
    entry = _probes.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _probes[id(pattern)] = (pattern, _probe(needs(pattern)))
    probe = entry[1]
    if probe is None:
        return True
    lowered, run = _lowered(text)
    if lowered is None:
        return True
    strings, digits = probe
    return (0 < digits <= run) or any(map(lowered.__contains__, strings))


Probe = tuple[tuple[str, ...], int]
"""The strings to look for (shortest first: the likeliest) and the run of digits that will
do (0: none will)."""
_probes: dict[int, tuple[re.Pattern[str], Probe | None]] = {}
"""By the pattern's id (hashing a pattern hashes all its compiled code, every time); the entry
holds the pattern, so its id is not reused while the entry lives."""


def _probe(required: Needs | None) -> Probe | None:
    if required is None:
        return None
    runs = [int(need[len(DIGITS) :]) for need in required if need.startswith(DIGITS)]
    strings = [need for need in required if not need.startswith(DIGITS)]
    return tuple(sorted(strings, key=lambda s: (len(s), s))), min(runs, default=0)


def _lowered(text: str) -> tuple[str | None, int]:
    """*text* lowercased (None when it is not ASCII) and its longest run of digits; the last
    text's answer is kept, as many patterns test the same text in a row."""
    global _last
    last = _last
    if last[0] is text:
        return last[1], last[2]
    lowered = text.lower() if text.isascii() else None
    run = max(map(len, _DIGIT_RUN.findall(lowered)), default=0) if lowered is not None else 0
    _last = (text, lowered, run)
    return lowered, run


def _simplify(found: Needs | None) -> Needs | None:
    if found is None or len(found) > _MAX_CHOICES:
        return None
    if any(len(need) < _MIN_USEFUL and not need.startswith(DIGITS) for need in found):
        return None
    return found


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
    shortest = min(
        int(need[len(DIGITS) :])
        if need.startswith(DIGITS)
        else (len(need) if len(need) >= _MIN_USEFUL else 0)
        for need in found
    )
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
        if low < 1:
            return None
        items = list(body)
        if low > 1 and len(items) == 1 and _one_digit(*items[0]):
            return frozenset({DIGITS + str(min(low, _MAX_RUN))})  # \d{4}: four in a row
        return _sequence(items)
    if op is c.ASSERT:  # a positive look-around must match too, at some place of the text
        return _sequence(av[1])
    if _one_digit(op, av):
        return frozenset({DIGIT})
    return None


def _one_digit(op: Any, av: Any) -> bool:
    """The part matches one character, and only a digit."""
    from re import _constants as c  # type: ignore[attr-defined]

    return (op is c.IN and _digits_only(av)) or (op is c.LITERAL and 48 <= av <= 57)


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


def scan_alternation(
    pattern: re.Pattern[str], branches: Sequence[re.Pattern[str]], text: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a *pattern* that is the alternation ``(?:b1)|(?:b2)|...``
    of *branches* (each compiled alone with the pattern's flags), found by searching only the
    branches that can match the text.

    The alternation's next match is the leftmost of the branches' next matches (the first
    branch wins a tie, as in the alternation) and a branch's match at a position does not
    depend on where its search began, so after each match only the branches whose next
    match began inside it search again. Should a branch match the empty string, the rest is
    left to the alternation itself, from there on."""
    if not possible(pattern, text):
        return
    live = [branch for branch in branches if possible(branch, text)]
    found = [branch.search(text) for branch in live]
    while True:
        best: re.Match[str] | None = None
        for match in found:
            if match is not None and (best is None or match.start() < best.start()):
                best = match
        if best is None:
            return
        end = best.end()
        if end == best.start():
            yield from pattern.finditer(text, best.start())
            return
        yield best
        for index, match in enumerate(found):
            if match is not None and match.start() < end:
                found[index] = live[index].search(text, end)
