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
def phrase_index(name: str) -> tuple[frozenset[tuple[str, ...]], dict[str, tuple[int, ...]]]:
    """The phrases of ``data/<name>.txt`` as word tuples (tokenised like a ``Doc``), and for
    each first word the phrase lengths that start with it, for fast n-gram lookup."""
    phrases = frozenset(tuple(_TOKEN.findall(p)) for p in words(name))
    phrases = frozenset(p for p in phrases if p)
    starts: dict[str, set[int]] = {}
    for phrase in phrases:
        starts.setdefault(phrase[0], set()).add(len(phrase))
    return phrases, {word: tuple(sorted(lengths)) for word, lengths in starts.items()}
