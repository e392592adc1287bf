"""The registry of readers and what each platform's export is like."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from armslength.exports import bluesky, facebook, instagram, linkedin, mastodon, tiktok, x
from armslength.exports._base import FileReader
from armslength.model import Platform


@dataclass(frozen=True)
class ExportKind:
    """One platform's export: its eras (oldest first) and what it cannot show."""

    platform: Platform
    eras: tuple[str, ...]
    limitations: tuple[str, ...]
    combine: Callable[[Sequence[frozenset[str]], tuple[str, ...]], str] | None = None

    def layout(self, votes: Sequence[frozenset[str]]) -> str:
        """The export's layout from the eras each of its files is consistent with."""
        if self.combine is not None:
            return self.combine(votes, self.eras)
        return overlap(votes, self.eras)


def overlap(votes: Sequence[frozenset[str]], eras: tuple[str, ...]) -> str:
    """The eras all files agree on (a range when several), else the most voted era."""
    if not votes:
        return "unknown"
    common = frozenset.intersection(*votes)
    if not common:
        tally = Counter(name for vote in votes for name in vote)
        best = max(tally.values())
        common = frozenset(name for name, n in tally.items() if n == best)
    ordered = [e for e in eras if e in common] or sorted(common)
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]} to {ordered[-1]}"


def union(votes: Sequence[frozenset[str]], eras: tuple[str, ...]) -> str:
    """Every part the files show, in a fixed order (for exports made of several parts)."""
    seen = frozenset().union(*votes) if votes else frozenset()
    parts = [e for e in eras if e in seen]
    return "+".join(parts) if parts else "unknown"


KINDS: dict[Platform, ExportKind] = {
    Platform.FACEBOOK: ExportKind(Platform.FACEBOOK, facebook.ERAS, facebook.LIMITATIONS),
    Platform.INSTAGRAM: ExportKind(Platform.INSTAGRAM, instagram.ERAS, instagram.LIMITATIONS),
    Platform.LINKEDIN: ExportKind(Platform.LINKEDIN, linkedin.ERAS, linkedin.LIMITATIONS),
    Platform.X: ExportKind(Platform.X, x.ERAS, x.LIMITATIONS),
    Platform.MASTODON: ExportKind(Platform.MASTODON, mastodon.ERAS, mastodon.LIMITATIONS, union),
    Platform.BLUESKY: ExportKind(Platform.BLUESKY, bluesky.ERAS, bluesky.LIMITATIONS),
    Platform.TIKTOK: ExportKind(Platform.TIKTOK, tiktok.ERAS, tiktok.LIMITATIONS),
}

READERS: tuple[FileReader, ...] = (
    *facebook.READERS,
    *instagram.READERS,
    *linkedin.READERS,
    *x.READERS,
    *mastodon.READERS,
    *bluesky.READERS,
    *tiktok.READERS,
)
