"""A read-only set of strings held as one sorted UTF-8 blob, looked up by binary search.

The town gazetteer has 250,000 phrases. As a ``frozenset`` it costs a process about a fifth of
a second of CPU to build, collect and free, while a short post looks up a few dozen words. A
:class:`SortedStrings` is two objects (the blob and an array of offsets) read straight from the
prebuilt cache; each lookup is a binary search of about 18 steps (some 9 µs), and its answer is
remembered (a text's words repeat, and a batch's far more: "the", "patient"), so each distinct
word is searched once. After :data:`LOOKUPS_PER_ENTRY` distinct words per string (a long text,
a large batch) it builds the ``frozenset`` and answers from that: the searches before cost about
as much as building the set (so a run never pays more than twice the cheaper of the two), and a
post of a few hundred words never builds it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Set

LOOKUPS_PER_ENTRY = 1 / 25
"""A binary search costs about as much as adding 25 strings to a hash set: searching for one
distinct word per 25 strings costs about as much as building the set (10,000 distinct words
for the gazetteer)."""


class SortedStrings(Set[str]):
    """The strings of *blob*: each followed by ``\\n``, sorted by their UTF-8 bytes (which is
    code-point order); *offsets* holds where each starts, and the blob's length last."""

    __slots__ = ("_blob", "_budget", "_memo", "_offsets", "_set")

    def __init__(self, blob: bytes, offsets: array[int]) -> None:
        if len(offsets) < 1 or offsets[0] != 0 or offsets[-1] != len(blob):
            raise ValueError("offsets do not fit the blob")
        self._blob = blob
        self._offsets = offsets
        self._set: frozenset[str] | None = None
        self._memo: dict[str, bool] = {}
        self._budget = int(len(self) * LOOKUPS_PER_ENTRY) + 16

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
        self._budget -= 1
        if self._budget < 0:
            self._set = frozenset(self)
            self._memo = {}
            return item in self._set
        found = self._memo[item] = self._search(item.encode("utf-8"))
        return found

    def _search(self, key: bytes) -> bool:
        blob, offsets = self._blob, self._offsets
        low, high = 0, len(offsets) - 1
        while low < high:
            middle = (low + high) // 2
            if blob[offsets[middle] : offsets[middle + 1] - 1] < key:
                low = middle + 1
            else:
                high = middle
        return low < len(offsets) - 1 and blob[offsets[low] : offsets[low + 1] - 1] == key

    def __repr__(self) -> str:
        return f"SortedStrings({len(self)} strings)"
