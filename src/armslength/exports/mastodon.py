"""Mastodon account archive (``outbox.json``, ``actor.json``; tar.gz or zip) and CSV exports."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from armslength.exports._base import (
    Era,
    FileReader,
    Item,
    JsonReader,
    as_dict,
    as_list,
    each,
    list_at,
    text_of,
)
from armslength.exports._text import decode, html_to_text
from armslength.exports._time import from_iso
from armslength.exports.linkedin import csv_rows
from armslength.model import Connection, ConnectionKind, Content, ContentKind, Platform

ARCHIVE, CSV = "archive", "csv"
ERAS = (ARCHIVE, CSV)
LIMITATIONS = (
    "No followers list: Mastodon exports only the accounts you follow.",
    "No follow requests are exported.",
    "Likes and bookmarks are status links only, and are not read.",
)
_PUBLIC = frozenset({"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"})


def visibility(to: list[Any], cc: list[Any]) -> str:
    """Mastodon's visibility from the ActivityPub addressing of a status."""
    if _PUBLIC & {str(a) for a in to}:
        return "public"
    if _PUBLIC & {str(a) for a in cc}:
        return "unlisted"
    if any(str(a).endswith("/followers") for a in to):
        return "followers"
    return "direct"


def _status(activity: Any, source: str) -> list[Content]:
    activity = as_dict(activity)
    note = activity.get("object")
    if activity.get("type") != "Create" or not isinstance(note, dict):
        return []
    text = html_to_text(str(note.get("content") or ""))
    warning = text_of(note.get("summary"))
    text = f"{warning}\n\n{text}" if warning and text else (warning or text)
    if not text:
        return []
    seen = visibility(as_list(note.get("to")), as_list(note.get("cc")))
    kind = ContentKind.MESSAGE if seen == "direct" else ContentKind.POST
    if kind is ContentKind.POST and note.get("inReplyTo"):
        kind = ContentKind.REPLY
    url = text_of(note.get("url")) or text_of(note.get("id"))
    return [
        Content(
            platform=Platform.MASTODON,
            kind=kind,
            text=text,
            timestamp=from_iso(note.get("published")),
            visibility=seen,
            url=url,
            source=source,
        )
    ]


class _Mastodon(JsonReader):
    family: ClassVar[Platform] = Platform.MASTODON
    platform: ClassVar[Platform] = Platform.MASTODON


class MastodonOutbox(_Mastodon):
    """``outbox.json``: every own status, direct messages included."""

    def sniff(self, name: str, head: str) -> bool:
        outbox = "outbox" in name.casefold() or '"outbox.json"' in head
        return outbox and '"OrderedCollection"' in head

    def items(self, name: str, doc: Any) -> Iterator[Item]:
        yield Era(frozenset({ARCHIVE}))
        yield from each(list_at(doc, "orderedItems"), lambda a: _status(a, name))


class MastodonActor(_Mastodon):
    """``actor.json``: the account itself (no records; it tells the archive apart)."""

    names = re.compile(r"^actor\.json$")

    def sniff(self, name: str, head: str) -> bool:
        return bool(re.search(r'"type"\s*:\s*"(Person|Service)"', head)) and '"outbox"' in head

    def items(self, name: str, doc: Any) -> Iterator[Item]:
        yield Era(frozenset({ARCHIVE}))


def _address_url(address: str) -> str | None:
    user, _, domain = address.lstrip("@").partition("@")
    return f"https://{domain}/@{user}" if user and domain else None


class MastodonFollowing(FileReader):
    """``following_accounts.csv``: ``Account address,Show boosts,...``."""

    family: ClassVar[Platform] = Platform.MASTODON
    platform: ClassVar[Platform] = Platform.MASTODON
    extensions: ClassVar[frozenset[str]] = frozenset({".csv"})

    def sniff(self, name: str, head: str) -> bool:
        first = head.lstrip("\ufeff").split("\n", 1)[0]
        return first.startswith("Account address") and "Show boosts" in first

    def read(self, name: str, data: bytes) -> Iterator[Item]:
        _, rows, _ = csv_rows(decode(data), {"Account address"})
        yield Era(frozenset({CSV}))
        yield from each(rows, lambda row: self._one(row, name))

    @staticmethod
    def _one(row: dict[str, str], source: str) -> list[Connection]:
        address = text_of(row.get("Account address"))
        if address is None:
            return []
        address = address.strip().lstrip("@")
        return [
            Connection(
                platform=Platform.MASTODON,
                kind=ConnectionKind.FOLLOWING,
                handle=address,
                url=_address_url(address),
                source=source,
            )
        ]


READERS = (MastodonOutbox(), MastodonActor(), MastodonFollowing())
