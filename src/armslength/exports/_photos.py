"""The photos of an export: image members of the holder's own content folders, per platform.

The same walk as the readers (every zip/tar/nesting/size guard holds), but it keeps what the
readers pass over: the images of the folders where each platform puts the holder's own posts.
Message attachments are left out (they are mostly what others sent). The type is decided from
the bytes, never from the name (Bluesky blobs have no extension).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from armslength.config import ExportLimits
from armslength.exports._archive import (
    _READ_ERRORS,
    BudgetExceededError,
    Member,
    Skipped,
    TooLargeError,
    Walker,
    read_limited,
)
from armslength.model import Platform

HEAD = 16
"""Bytes read to tell an image from anything else (see :mod:`armslength.photos._sniff`)."""


@dataclass(frozen=True)
class PhotoFolder:
    """Where one platform's export keeps the holder's own photos (a pattern on member names)."""

    platform: Platform
    pattern: re.Pattern[str]


def _folder(platform: Platform, pattern: str) -> PhotoFolder:
    return PhotoFolder(platform, re.compile(pattern))


PHOTO_FOLDERS: tuple[PhotoFolder, ...] = (
    # your_facebook_activity/posts/media/…, your_activity_across_facebook/posts/media/…,
    # posts/media/… (older), photos_and_videos/<album>/… (before 2021)
    _folder(Platform.FACEBOOK, r"(?:^|/)(?:posts/media|photos_and_videos)/"),
    # media/posts/<yyyymm>/…, media/stories/…, media/reels/…, media/igtv/…, media/archived_posts/…
    _folder(Platform.INSTAGRAM, r"(?:^|/)media/(?:posts|stories|reels|igtv|archived_posts)/"),
    # data/tweets_media/… (tweet_media/ in 2020)
    _folder(Platform.X, r"(?:^|/)tweets?_media/"),
    # media_attachments/files/<sharded id>/original/<hash>.<ext>
    _folder(Platform.MASTODON, r"(?:^|/)media_attachments/"),
    # blobs/<cid> (the repository's blobs, downloaded beside repo.car)
    _folder(Platform.BLUESKY, r"(?:^|/)blobs/"),
)
"""TikTok and LinkedIn exports hold no media of their own (links only)."""


def photo_platform(name: str) -> Platform | None:
    """The platform whose own-content photo folder *name* (a member name) lies in, if any."""
    clean = name.replace("\\", "/").casefold()
    for folder in PHOTO_FOLDERS:
        if folder.pattern.search(clean):
            return folder.platform
    return None


@dataclass(frozen=True)
class PhotoMember:
    """An image of an export, its bytes read only when :meth:`read` is called."""

    path: str
    """The member as the report names it (``export.zip:media/posts/…/x.jpg``)."""
    platform: Platform
    head: bytes
    read: Callable[[], bytes]


PhotoWalked = PhotoMember | Skipped


class _PhotoWalk:
    def __init__(self, limits: ExportLimits, sniff: Callable[[bytes], object]) -> None:
        self.walker = Walker(limits)
        self.sniff = sniff

    def run(self, paths: list[Path]) -> Iterator[PhotoWalked]:
        for item in self.walker.walk(paths):
            if isinstance(item, Member):
                yield from self._member(item)

    def _member(self, member: Member) -> Iterator[PhotoWalked]:
        platform = photo_platform(member.name)
        if platform is None:
            return
        if member.size > self.walker.limits.max_member_size:
            limit = "exceeds the member limit (max_member_size)"
            yield Skipped(member.path, f"photo not screened: size {member.size} {limit}")
            return
        try:
            with member.opener() as stream:
                head = stream.read(HEAD)
                if self.sniff(head) is None:
                    return
                yield PhotoMember(member.path, platform, head, self._reader(stream, head))
        except _READ_ERRORS:
            yield Skipped(member.path, "photo not screened: corrupt or truncated member")

    def _reader(self, stream: IO[bytes], head: bytes) -> Callable[[], bytes]:
        def read() -> bytes:
            return read_limited(stream, self.walker.budget, head)

        return read


def iter_photos(
    paths: list[Path], limits: ExportLimits, sniff: Callable[[bytes], object]
) -> Iterator[PhotoWalked]:
    """The images (by *sniff* of their first bytes) in the own-content photo folders of the
    exports at *paths*, in walk order; a member that cannot be read is a :class:`Skipped`.

    A :class:`PhotoMember`'s ``read`` works only while the walk is on that member (the
    archive is open); it raises :class:`TooLargeError` past the size limits.
    """
    yield from _PhotoWalk(limits, sniff).run(paths)


def count_photo_candidates(paths: list[Path], limits: ExportLimits) -> int:
    """How many members lie in own-content photo folders (by name: nothing is opened but the
    archives), for a progress bar's total."""
    walker = Walker(limits)
    return sum(
        1
        for item in walker.walk(paths)
        if isinstance(item, Member) and photo_platform(item.name) is not None
    )


__all__ = [
    "PHOTO_FOLDERS",
    "BudgetExceededError",
    "PhotoMember",
    "TooLargeError",
    "count_photo_candidates",
    "iter_photos",
    "photo_platform",
]
