"""Word lists shipped as package data, loaded once and cached.

Every list is a plain text file in ``data/`` (one entry a line, ``#`` comments);
``data/SOURCES.md`` says where each one comes from.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files


def _lines(name: str) -> list[str]:
    text = files("armslength.screen").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    rows = (line.strip() for line in text.splitlines())
    return [row for row in rows if row and not row.startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``data/<name>.txt`` as a set of lowercase strings."""
    return frozenset(row.lower() for row in _lines(f"{name}.txt"))


@cache
def ranked(name: str) -> dict[str, int]:
    """Entry -> 0-based rank (file order is frequency order)."""
    out: dict[str, int] = {}
    for rank, row in enumerate(_lines(f"{name}.txt")):
        out.setdefault(row.lower(), rank)
    return out


def phrase_pattern(name: str) -> str:
    """A regex alternation of the phrases in ``data/<name>.txt``, longest first."""
    phrases = sorted(words(name), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@cache
def phrase_index(name: str) -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    """The phrases of ``data/<name>.txt`` tokenised like a ``Doc`` and joined by single spaces,
    and for each first word of a phrase of two or more words the lengths that start with it.

    Strings, not tuples, and no cached copy of the raw lines: the town gazetteer has 250,000
    entries and this keeps it at about a third of the memory.
    """
    phrases: set[str] = set()
    starts: dict[str, set[int]] = {}
    for row in _lines(f"{name}.txt"):
        words = _TOKEN.findall(row.lower())
        if not words:
            continue
        phrases.add(" ".join(words))
        if len(words) > 1:
            starts.setdefault(words[0], set()).add(len(words))
    return frozenset(phrases), {word: tuple(sorted(n)) for word, n in starts.items()}
