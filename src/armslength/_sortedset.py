"""A read-only set of strings held as one sorted UTF-8 blob and a prebuilt hash table.

The town gazetteer has 250,000 phrases. As a ``frozenset`` it costs a process about a tenth of
a second of CPU to build, collect and free, while a short post looks up a few dozen words and
even a batch of 500 questions only some 9,000 distinct ones. A :class:`SortedStrings` is three
objects read straight from the prebuilt cache: the blob, an array of where each string starts,
and an open-addressing hash table (CRC-32 of the UTF-8 bytes, linear probing, at most half full)
of string numbers. A lookup hashes the word, probes a slot or two and compares one slice of the
blob: about a microsecond, with nothing to build first.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Set
from zlib import crc32

SMALL = 20_000
"""A set of at most this many strings is built into a ``frozenset`` on its first lookup (a
millisecond or less; then a lookup costs a tenth of the table's); larger ones use the table."""
MEMO = 50_000
"""A larger set remembers the answers of up to this many distinct lookups (texts repeat their
words: a batch of 500 questions looks up 75,000 words, some 9,000 of them distinct); then it
forgets them all and starts again, so memory stays bounded on any input."""


def _table(blob: bytes, offsets: array[int]) -> array[int]:
    """Slot -> 1 + the number of the string hashed there (0: empty); a power of two at
    least twice the number of strings."""
    size = 1
    while size < 2 * (len(offsets) - 1):
        size *= 2
    table = array("I", bytes(4 * size))
    mask = size - 1
    for number in range(len(offsets) - 1):
        slot = crc32(blob[offsets[number] : offsets[number + 1] - 1]) & mask
        while table[slot]:
            slot = (slot + 1) & mask
        table[slot] = number + 1
    return table


class SortedStrings(Set[str]):
    """The strings of *blob*: each followed by ``\\n``, sorted by their UTF-8 bytes (which is
    code-point order); *offsets* holds where each starts, and the blob's length last; *table*
    is their hash table (built here when not given, as :meth:`of` does)."""

    __slots__ = ("_blob", "_mask", "_memo", "_offsets", "_set", "_table")

    def __init__(self, blob: bytes, offsets: array[int], table: array[int] | None = None) -> None:
        if len(offsets) < 1 or offsets[0] != 0 or offsets[-1] != len(blob):
            raise ValueError("offsets do not fit the blob")
        self._blob = blob
        self._offsets = offsets
        self._table = _table(blob, offsets) if table is None else table
        size = len(self._table)
        if size & (size - 1) or size < 2 * (len(offsets) - 1) or size == 0:
            raise ValueError("the hash table does not fit the strings")
        self._mask = size - 1
        self._set: frozenset[str] | None = None
        self._memo: dict[str, bool] = {}

    @classmethod
    def of(cls, strings: Iterable[str]) -> SortedStrings:
        """The set of *strings* (none may be empty or hold a newline)."""
        entries = sorted({s.encode("utf-8") for s in strings})
        if any(not entry or b"\n" in entry for entry in entries):
            raise ValueError("an empty string or a newline cannot be held")
        offsets = array("I", [0])
        for entry in entries:
            offsets.append(offsets[-1] + len(entry) + 1)
        return cls(b"".join(entry + b"\n" for entry in entries), offsets)

    @property
    def blob(self) -> bytes:
        return self._blob

    @property
    def offsets(self) -> array[int]:
        return self._offsets

    @property
    def table(self) -> array[int]:
        return self._table

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __iter__(self) -> Iterator[str]:
        text = self._blob.decode("utf-8")
        return iter(text.split("\n")[:-1])

    def __contains__(self, item: object) -> bool:
        if self._set is not None:
            return item in self._set
        if not isinstance(item, str):
            return False
        known = self._memo.get(item)
        if known is not None:
            return known
        if len(self._offsets) <= SMALL:
            self._set = frozenset(self)
            return item in self._set
        found = self._lookup(item)
        if len(self._memo) >= MEMO:
            self._memo.clear()
        self._memo[item] = found
        return found

    def _lookup(self, item: str) -> bool:
        key = item.encode("utf-8")
        blob, offsets, table, mask = self._blob, self._offsets, self._table, self._mask
        slot = crc32(key) & mask
        while True:
            number = table[slot]
            if not number:
                return False
            if blob[offsets[number - 1] : offsets[number] - 1] == key:
                return True
            slot = (slot + 1) & mask

    def __repr__(self) -> str:
        return f"SortedStrings({len(self)} strings)"
