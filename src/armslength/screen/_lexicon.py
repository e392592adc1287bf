"""Word lists shipped as package data, loaded once and cached.

Every list is a plain text file in ``data/`` (one entry a line, ``#`` comments);
``data/SOURCES.md`` says where each one comes from.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from armslength.screen import _prebuilt


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

    Tokenising the 250,000-entry town gazetteer takes about a second, so the tokenised phrases
    are kept in the user cache (:mod:`armslength.screen._prebuilt`), checked by hash.
    Strings, not tuples: the gazetteer stays at about a third of the memory.
    """
    source = files("armslength.screen").joinpath("data").joinpath(f"{name}.txt").read_bytes()
    key = f"{_TOKEN.pattern}\n".encode() + source
    phrases = _prebuilt.load(f"phrases-{name}", key)
    if phrases is None:
        phrases = _tokenised(source.decode("utf-8"))
        _prebuilt.store(f"phrases-{name}", key, phrases)
    starts: dict[str, set[int]] = {}
    for phrase in phrases:
        if " " in phrase:
            words = phrase.split(" ")
            starts.setdefault(words[0], set()).add(len(words))
    return phrases, {word: tuple(sorted(n)) for word, n in starts.items()}


def _tokenised(text: str) -> frozenset[str]:
    rows = (line.strip() for line in text.splitlines())
    phrases = set()
    for row in rows:
        if row and not row.startswith("#"):
            words = _TOKEN.findall(row.lower())
            if words:
                phrases.add(" ".join(words))
    return frozenset(phrases)
