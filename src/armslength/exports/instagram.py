"""Instagram (JSON) and Threads, which arrives inside the Instagram export."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from typing import Any, ClassVar

from armslength.exports._base import (
    Era,
    Item,
    JsonReader,
    as_dict,
    as_list,
    each,
    folder_segments,
    list_at,
    only_key,
    text_of,
)
from armslength.exports._text import MalformedError
from armslength.exports._time import from_epoch, from_iso
from armslength.model import Connection, ConnectionKind, Content, ContentKind, Platform

I19, I20, I22, I25 = "2019-20", "2020-22", "2022-24", "2025+"
ERAS = (I19, I20, I22, I25)
THREADS_ERA = Era(frozenset({I22, I25}))
LIMITATIONS = (
    "Only usernames: no real names for followers and following.",
    "'Recent follow requests' are not read: their direction is not documented.",
    "Message threads are read whole: messages you received are listed as well as yours.",
    "Threads has no direct messages, and its replies do not say what they reply to.",
)

_KINDS: dict[str, ConnectionKind] = {
    "followers": ConnectionKind.FOLLOWER,
    "following": ConnectionKind.FOLLOWING,
    "follow_requests_received": ConnectionKind.REQUEST_RECEIVED,
    "follow_requests_sent": ConnectionKind.REQUEST_SENT,
    "unfollowed_users": ConnectionKind.REMOVED,
}
_PREFIXES = {"relationships_": Platform.INSTAGRAM, "text_post_app_text_post_app_": Platform.THREADS}
_RELATION_KEY = re.compile(
    r'^\s*\{\s*"(relationships_|text_post_app_text_post_app_)'
    r'(followers|following|follow_requests_received|follow_requests_sent|unfollowed_users)"'
    r"\s*:\s*\["
)


class _Instagram(JsonReader):
    family: ClassVar[Platform] = Platform.INSTAGRAM
    platform: ClassVar[Platform] = Platform.INSTAGRAM
    meta: ClassVar[bool] = True


def username(record: dict[str, Any]) -> tuple[str | None, str | None]:
    """``(username, href)`` of a ``string_list_data`` record, old ``value`` or 2025 ``title``."""
    data = as_dict(next(iter(as_list(record.get("string_list_data"))), {}))
    href = text_of(data.get("href"))
    name = text_of(data.get("value")) or text_of(record.get("title"))
    if name is None and href is not None:
        name = text_of(href.rstrip("/").rsplit("/", 1)[-1])
    return name, href


def _relation(record: Any, platform: Platform, kind: ConnectionKind, source: str) -> Connection:
    handle, href = username(record)
    data = as_dict(next(iter(as_list(record.get("string_list_data"))), {}))
    if handle is None and href is None:
        raise ValueError("no username")
    return Connection(
        platform=platform,
        kind=kind,
        handle=handle,
        url=href,
        timestamp=from_epoch(data.get("timestamp")),
        source=source,
    )


class InstagramRelations(_Instagram):
    """``relationships_*`` (Instagram) and ``text_post_app_text_post_app_*`` (Threads) files."""

    def sniff(self, name: str, head: str) -> bool:
        return bool(_RELATION_KEY.match(head))

    def items(self, name: str, doc: Any) -> Iterator[Item]:
        key = only_key(doc) or ""
        prefix = next((p for p in _PREFIXES if key.startswith(p)), None)
        if prefix is None:
            raise MalformedError("no relationships key")
        platform, kind = _PREFIXES[prefix], _KINDS[key[len(prefix) :]]
        records = list_at(doc, key)
        yield self._era(name, kind, records) if platform is Platform.INSTAGRAM else THREADS_ERA
        yield from each(records, lambda r: [_relation(r, platform, kind, name)])

    @staticmethod
    def _era(name: str, kind: ConnectionKind, records: list[Any]) -> Era:
        if kind is ConnectionKind.FOLLOWER:
            return Era(frozenset({I20}))
        if kind is not ConnectionKind.FOLLOWING:
            return Era(frozenset({I20, I22, I25}))
        new_shape = any(
            "value" not in as_dict(next(iter(as_list(as_dict(r).get("string_list_data"))), {}))
            for r in records
        )
        return Era(frozenset({I25} if new_shape else {I20, I22}))


class InstagramFollowers(_Instagram):
    """``followers_N.json``: a bare list of ``string_list_data`` records (2022 on)."""

    names = re.compile(r"^followers(_\d+)?\.json$")

    def sniff(self, name: str, head: str) -> bool:
        return head.lstrip().startswith("[") and "string_list_data" in head

    def items(self, name: str, doc: Any) -> Iterator[Item]:
        yield Era(frozenset({I22, I25}))
        yield from each(
            as_list(doc),
            lambda r: [_relation(r, Platform.INSTAGRAM, ConnectionKind.FOLLOWER, name)],
        )


_OLD_KINDS = {
    "followers": ConnectionKind.FOLLOWER,
    "following": ConnectionKind.FOLLOWING,
    "follow_requests_sent": ConnectionKind.REQUEST_SENT,
}


class InstagramConnectionsJson(_Instagram):
    """The single ``connections.json`` of about 2019-20: ``{kind: {username: ISO time}}``."""

    names = re.compile(r"^connections\.json$")

    def sniff(self, name: str, head: str) -> bool:
        return bool(
            re.match(
                r'\s*\{\s*"(followers|following|follow_requests_sent|blocked_users'
                r'|close_friends|dismissed_suggested_users)"\s*:\s*\{',
                head,
            )
        )

    def items(self, name: str, doc: Any) -> Iterator[Item]:
        yield Era(frozenset({I19}))
        for key, kind in _OLD_KINDS.items():
            pairs = as_dict(as_dict(doc).get(key)).items()
            yield from each(pairs, partial(_old_connection, kind=kind, source=name))


def _old_connection(pair: tuple[str, Any], kind: ConnectionKind, source: str) -> list[Connection]:
    handle = str(pair[0])
    return [
        Connection(
            platform=Platform.INSTAGRAM,
            kind=kind,
            handle=handle,
            url=f"https://www.instagram.com/{handle}",
            timestamp=from_iso(pair[1]),
            source=source,
        )
    ]


def _caption(entry: dict[str, Any]) -> tuple[str | None, Any]:
    media = [as_dict(m) for m in as_list(entry.get("media"))]
    first = media[0] if media else {}
    text = text_of(entry.get("title")) or next(
        (m["title"] for m in media if text_of(m.get("title"))), None
    )
    moment = entry.get("creation_timestamp") or first.get("creation_timestamp")
    return text, moment


def _post(entry: Any, platform: Platform, source: str) -> list[Content]:
    text, moment = _caption(as_dict(entry))
    if text is None:
        return []
    return [
        Content(
            platform=platform,
            kind=ContentKind.POST,
            text=text,
            timestamp=from_epoch(moment),
            source=source,
        )
    ]


class InstagramPosts(_Instagram):
    """``posts_N.json`` (``content/`` until 2024, ``media/`` from 2025)."""

    names = re.compile(r"^posts(_\d+)?\.json$")

    def sniff(self, name: str, head: str) -> bool:
        stripped = head.lstrip()
        return stripped.startswith(("[", "{")) and '"media"' in head

    def items(self, name: str, doc: Any) -> Iterator[Item]:
        folders = folder_segments(name)
        if "media" in folders:
            yield Era(frozenset({I25}))
        elif "content" in folders:
            yield Era(frozenset({I20, I22}))
        entries = doc if isinstance(doc, list) else [doc]
        yield from each(entries, lambda e: _post(e, Platform.INSTAGRAM, name))


class InstagramStories(_Instagram):
    """``stories.json``: ``ig_stories``, each story's caption as a post."""

    names = re.compile(r"^stories\.json$")

    def sniff(self, name: str, head: str) -> bool:
        return bool(re.match(r'\s*\{\s*"ig_stories"\s*:\s*\[', head))

    def items(self, name: str, doc: Any) -> Iterator[Item]:
        yield from each(list_at(doc, "ig_stories"), lambda e: _post(e, Platform.INSTAGRAM, name))


class ThreadsPosts(_Instagram):
    """``threads_and_replies.json``: ``text_post_app_text_posts``."""

    platform: ClassVar[Platform] = Platform.THREADS

    def sniff(self, name: str, head: str) -> bool:
        return bool(re.match(r'\s*\{\s*"text_post_app_text_posts"\s*:', head))

    def items(self, name: str, doc: Any) -> Iterator[Item]:
        entries = list_at(doc, "text_post_app_text_posts")
        yield THREADS_ERA
        yield from each(entries, lambda e: _post(e, Platform.THREADS, name))


def _comment(entry: Any, source: str) -> list[Content]:
    entry = as_dict(entry)
    labels = as_dict(entry.get("string_map_data"))
    if labels:
        values = [as_dict(v) for v in labels.values()]
        text = next((v["value"] for v in values if text_of(v.get("value"))), None)
        moment = next((v["timestamp"] for v in values if v.get("timestamp")), None)
    else:
        data = as_dict(next(iter(as_list(entry.get("string_list_data"))), {}))
        text, moment = text_of(data.get("value")), data.get("timestamp")
    if text is None:
        return []
    return [
        Content(
            platform=Platform.INSTAGRAM,
            kind=ContentKind.COMMENT,
            text=text,
            timestamp=from_epoch(moment),
            source=source,
        )
    ]


class InstagramComments(_Instagram):
    """``post_comments_N.json`` (bare list, localised labels), ``comments_*`` keyed files."""

    names = re.compile(r"comments(_\d+)?\.json$")

    def sniff(self, name: str, head: str) -> bool:
        stripped = head.lstrip()
        keyed = re.match(r'\{\s*"comments_\w+_comments"\s*:\s*\[', stripped)
        return bool(keyed) or (stripped.startswith(("[", "{")) and "string_map_data" in head)

    def items(self, name: str, doc: Any) -> Iterator[Item]:
        if isinstance(doc, dict) and "string_map_data" not in doc:
            doc = next(iter(doc.values()), [])
        entries = doc if isinstance(doc, list) else [doc]
        yield from each(entries, lambda e: _comment(e, name))


READERS = (
    InstagramRelations(),
    InstagramFollowers(),
    InstagramConnectionsJson(),
    InstagramPosts(),
    InstagramStories(),
    ThreadsPosts(),
    InstagramComments(),
)
