"""Word lists shipped as package data, loaded once and cached.

Every list is a plain text file in ``data/`` (one entry a line, ``#`` comments);
``data/SOURCES.md`` says where each one comes from. What is derived from a list (its set of
lowercase entries, its ranks, its tokenised phrases) is kept in the user cache in a compact
form (:mod:`armslength._prebuilt`), checked by a hash of the list, so a process reads
it instead of parsing and tokenising the text again.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Sequence
from functools import cache
from importlib.resources import files
from typing import Any

from armslength import _prebuilt
from armslength._sortedset import SortedStrings

Starts = dict[str, tuple[int, ...]]


_PACKAGES = {"clinical": "armslength.vocabulary"}
"""List-name prefixes read from another package: ``clinical.drugs`` is the shared clinical
vocabulary's ``drugs.txt`` (:mod:`armslength.vocabulary`)."""


def _source(name: str) -> bytes:
    prefix, _, stem = name.partition(".")
    package = _PACKAGES.get(prefix)
    if package is not None and "." in stem:
        return files(package).joinpath("data").joinpath(stem).read_bytes()
    return files("armslength.screen").joinpath("data").joinpath(name).read_bytes()


def _rows(text: str) -> list[str]:
    rows = (line.strip() for line in text.splitlines())
    return [row for row in rows if row and not row.startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``data/<name>.txt`` as a set of lowercase strings."""
    source = _source(f"{name}.txt")

    def build() -> frozenset[str]:
        return frozenset(row.lower() for row in _rows(source.decode("utf-8")))

    return _prebuilt.cached(f"words-{name}", b"words\n" + source, build, _encode_set, _decode_set)


@cache
def ranked(name: str) -> dict[str, int]:
    """Entry -> 0-based rank (file order is frequency order)."""
    source = _source(f"{name}.txt")

    def build() -> dict[str, int]:
        out: dict[str, int] = {}
        for rank, row in enumerate(_rows(source.decode("utf-8"))):
            out.setdefault(row.lower(), rank)
        return out

    return _prebuilt.cached(
        f"ranked-{name}", b"ranked\n" + source, build, _encode_ranks, _decode_ranks
    )


@cache
def phrase_pattern(name: str) -> str:
    """A regex that matches the phrases in ``data/<name>.txt`` (a space: any run of
    whitespace), tried longest first, as the plain alternation of them sorted longest first
    would be; written as a trie (``ward(?:s|)``) so :mod:`re` follows one branch per character
    instead of trying every phrase at every position. The same pattern in every process, so
    its compiled form is reused."""
    return _trie_pattern(words(name))


def _plain_alternation(phrases: Iterable[str]) -> str:
    ordered = sorted(phrases, key=lambda phrase: (-len(phrase), phrase))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


_TRIE_SAFE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
"""Characters of which no two match the same character, case ignored or not (a space stands
for ``\\s+``, which no other of them matches)."""


def _trie_pattern(phrases: Iterable[str]) -> str:
    """The plain longest-first alternation of *phrases*, as a trie with the same matches.

    At a given position the characters of the text pick at most one child of a trie node (no
    two children's characters match the same character), so every phrase that can match there
    lies on one path, and trying a node's children before ending at the node tries the
    phrases longest first, as the alternation does, also when a later part of a larger
    pattern makes re backtrack into it. Phrases with other characters (or two spaces in a
    row, or an empty one) keep the plain alternation."""
    entries = sorted(set(phrases))
    if not entries or any(
        not p or p[0] == " " or p[-1] == " " or "  " in p or not _TRIE_SAFE.issuperset(p)
        for p in entries
    ):
        return _plain_alternation(entries)
    root: dict[str, Any] = {}
    for phrase in entries:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_body(root)


def _trie_body(node: dict[str, Any]) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_body(child)
        for char, child in sorted(node.items())
        if char
    ]
    if "" in node:
        if not branches:
            return ""
        return f"(?:{branches[0]})?" if len(branches) == 1 else f"(?:{'|'.join(branches)}|)"
    if len(branches) == 1:
        return branches[0]
    return f"(?:{'|'.join(branches)})"


_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@cache
def phrase_index(name: str) -> tuple[SortedStrings, Starts]:
    """The phrases of ``data/<name>.txt`` tokenised like a ``Doc`` and joined by single spaces,
    and for each first word of a phrase of two or more words the lengths that start with it.

    Tokenising the 250,000-entry town gazetteer, indexing its first words and hashing its
    phrases takes about a second, so all are kept in the user cache; the phrases are read as
    one sorted blob with its hash table (:class:`SortedStrings`), not built into a set of
    250,000 strings for every process.
    """
    source = _source(f"{name}.txt")

    def build() -> tuple[SortedStrings, Starts]:
        phrases = _tokenised(source.decode("utf-8"))
        return SortedStrings.of(phrases), _starts(phrases)

    key = f"phrases-2\n{_TOKEN.pattern}\n".encode() + source
    return _prebuilt.cached(f"phrases-{name}", key, build, _encode_index, _decode_index)


def _starts(phrases: frozenset[str]) -> Starts:
    starts: dict[str, set[int]] = {}
    for phrase in phrases:
        if " " in phrase:
            parts = phrase.split(" ")
            starts.setdefault(parts[0], set()).add(len(parts))
    return {word: tuple(sorted(n)) for word, n in starts.items()}


def _tokenised(text: str) -> frozenset[str]:
    rows = (line.strip() for line in text.splitlines())
    phrases = set()
    for row in rows:
        if row and not row.startswith("#"):
            words = _TOKEN.findall(row.lower())
            if words:
                phrases.add(" ".join(words))
    return frozenset(phrases)


# -- the cached forms: newline-joined UTF-8 text and arrays of unsigned ints ------------------


def _join(entries: Sequence[str]) -> bytes:
    if any(not entry or "\n" in entry for entry in entries):
        raise ValueError("an entry the cache format cannot hold")
    return "\n".join(entries).encode("utf-8")


def _split(section: bytes) -> list[str]:
    text = section.decode("utf-8")
    return text.split("\n") if text else []


def _ints(section: bytes, count: int) -> array[int]:
    values = array("I")
    values.frombytes(section)
    if len(values) != count:
        raise ValueError("damaged cache section")
    return values


def _encode_set(values: frozenset[str]) -> list[bytes]:
    return [_join(sorted(values))]


def _decode_set(sections: list[bytes]) -> frozenset[str]:
    (entries,) = sections
    return frozenset(_split(entries))


def _encode_ranks(ranks: dict[str, int]) -> list[bytes]:
    return [_join(list(ranks)), array("I", ranks.values()).tobytes()]


def _decode_ranks(sections: list[bytes]) -> dict[str, int]:
    keys_section, ranks_section = sections
    keys = _split(keys_section)
    return dict(zip(keys, _ints(ranks_section, len(keys)), strict=True))


def _encode_index(index: tuple[SortedStrings, Starts]) -> list[bytes]:
    phrases, starts = index
    keys = sorted(starts)
    table = sorted(set(starts.values()))
    code = {lengths: number for number, lengths in enumerate(table)}
    rows = [",".join(map(str, lengths)) for lengths in table]
    codes = array("I", (code[starts[key]] for key in keys))
    blob, offsets, hashes = phrases.blob, phrases.offsets.tobytes(), phrases.table.tobytes()
    return [blob, offsets, hashes, _join(keys), _join(rows), codes.tobytes()]


def _decode_index(sections: list[bytes]) -> tuple[SortedStrings, Starts]:
    blob, offsets_section, hashes_section, keys_section, table_section, codes_section = sections
    keys = _split(keys_section)
    table = [tuple(int(n) for n in row.split(",")) for row in _split(table_section)]
    codes = _ints(codes_section, len(keys))
    try:
        starts = dict(zip(keys, [table[number] for number in codes], strict=True))
    except IndexError:
        raise ValueError("damaged cache section") from None
    offsets, hashes = array("I"), array("I")
    offsets.frombytes(offsets_section)
    hashes.frombytes(hashes_section)
    return SortedStrings(blob, offsets, hashes), starts
