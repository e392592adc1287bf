"""Facebook "Download Your Information" (JSON): 2018-19 through 2026 layouts, and Messenger.

Files are recognised by their top-level key and file name; folders only refine the era,
because Meta renamed them almost every year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
from armslength.exports._text import normalise_file_name
from armslength.exports._time import from_epoch
from armslength.model import Connection, ConnectionKind, Content, ContentKind, Platform

F18, F20, F22, F24, F26 = "2018-19", "2020-22", "2022-24", "2024-25", "2026"
ERAS = (F18, F20, F22, F24, F26)
LIMITATIONS = (
    "Friends, followers and requesters are display names only: no profile links or ids.",
    "Followers carry no date.",
    "End-to-end encrypted Messenger chats are not in the download; add the Messenger "
    "secure-storage backup to read them.",
    "Message threads are read whole: messages you received are listed as well as yours.",
)
_LATER = frozenset({F22, F24, F26})
_FOLDER_ERAS: dict[str, frozenset[str]] = {
    "following_and_followers": frozenset({F18}),
    "friends_and_followers": frozenset({F20}),
    "legacy_threads": frozenset({F20}),
    "connections": _LATER,
    "your_activity_across_facebook": frozenset({F22}),
    "your_facebook_activity": frozenset({F24}),
    "this_profile_s_activity_across_facebook": frozenset({F26}),
}


def fb_era(name: str, base: frozenset[str]) -> Era:
    """*base* narrowed by what the folders say, when they agree with it."""
    narrowed = set(base)
    for segment in folder_segments(name):
        hint = _FOLDER_ERAS.get(segment)
        if hint is not None and narrowed & hint:
            narrowed &= hint
    return Era(frozenset(narrowed))


class _Facebook(JsonReader):
    family: ClassVar[Platform] = Platform.FACEBOOK
    platform: ClassVar[Platform] = Platform.FACEBOOK
    meta: ClassVar[bool] = True


_KINDS: dict[str, ConnectionKind] = {
    "friends": ConnectionKind.FRIEND,
    "received_requests": ConnectionKind.REQUEST_RECEIVED,
    "sent_requests": ConnectionKind.REQUEST_SENT,
    "rejected_requests": ConnectionKind.REQUEST_REJECTED,
    "deleted_friends": ConnectionKind.REMOVED,
    "followers": ConnectionKind.FOLLOWER,
    "following": ConnectionKind.FOLLOWING,
}
_CONNECTION_KEY = re.compile(
    r'^\s*\{\s*"(friends|received_requests|sent_requests|rejected_requests|deleted_friends'
    r'|followers|following)(_v[23])?"\s*:\s*\['
)
_NAMES_2020 = frozenset(
    {"friends.json", "friend_requests_received.json", "friend_requests_sent.json"}
)


class FacebookConnections(_Facebook):
    """Friends, requests received/sent/rejected, removed friends, followers, following."""

    def sniff(self, name: str, head: str) -> bool:
        return bool(_CONNECTION_KEY.match(head))

    def items(self, name: str, doc: Any) -> Iterator[Item]:
        key = only_key(doc) or ""
        base, _, version = key.partition("_v")
        kind = _KINDS[base]
        yield fb_era(name, self._eras(name, base, version))
        yield from each(list_at(doc, key), lambda entry: [self._one(entry, kind, name)])

    @staticmethod
    def _eras(name: str, base: str, version: str) -> frozenset[str]:
        file_name = normalise_file_name(name)
        if not version:
            return frozenset({F18})
        if version == "3" or file_name == "your_friends.json":
            return _LATER
        if file_name in _NAMES_2020 or base in {"followers", "following"}:
            return frozenset({F20})
        return frozenset({F20}) | _LATER

    @staticmethod
    def _one(entry: Any, kind: ConnectionKind, source: str) -> Connection:
        return Connection(
            platform=Platform.FACEBOOK,
            kind=kind,
            name=text_of(entry["name"]),
            timestamp=from_epoch(entry.get("timestamp")),
            source=source,
        )


_POST_NAMES = re.compile(r"posts")
_POST_HEAD = re.compile(
    r'^\s*(\[\s*(\]|\{\s*"timestamp")|\{\s*"(status_updates|group_posts_v2)"\s*:)'
)


def _post_eras(name: str) -> frozenset[str]:
    file_name = normalise_file_name(name)
    if file_name.startswith("profile_posts"):
        return frozenset({F26})
    if "check_ins" in file_name:
        return frozenset({F22, F24})
    if file_name == "your_posts.json":
        return frozenset({F18})
    return frozenset({F20, F22})


def _attachment_texts(entry: dict[str, Any]) -> list[str]:
    texts: list[str] = []
    for attachment in as_list(entry.get("attachments")):
        for data in as_list(as_dict(attachment).get("data")):
            data = as_dict(data)
            media = as_dict(data.get("media"))
            note = as_dict(data.get("note"))
            for value in (data.get("text"), media.get("description"), note.get("text")):
                text = text_of(value)
                if text is not None:
                    texts.append(text)
    return texts


def post_text(entry: dict[str, Any]) -> str | None:
    """The words of a post: its own text, else what its attachments say."""
    own = [d["post"] for d in as_list(entry.get("data")) if text_of(as_dict(d).get("post"))]
    texts = own or _attachment_texts(entry)
    return "\n".join(texts) if texts else None


class FacebookPosts(_Facebook):
    """``your_posts*.json`` and ``profile_posts_N.json`` (bare lists) or 2018 ``status_updates``."""

    names = _POST_NAMES

    def sniff(self, name: str, head: str) -> bool:
        return bool(_POST_HEAD.match(head))

    def items(self, name: str, doc: Any) -> Iterator[Item]:
        entries = doc if isinstance(doc, list) else next(iter(as_dict(doc).values()), [])
        yield fb_era(name, _post_eras(name))
        yield from each(as_list(entries), lambda entry: self._one(entry, name))

    @staticmethod
    def _one(entry: dict[str, Any], source: str) -> list[Content]:
        text = post_text(entry)
        if text is None:
            return []
        moment = from_epoch(entry.get("timestamp"))
        return [
            Content(
                platform=Platform.FACEBOOK,
                kind=ContentKind.POST,
                text=text,
                timestamp=moment,
                source=source,
            )
        ]


_COMMENT_KEY = re.compile(r'^\s*\{\s*"(comments|comments_v2|group_comments_v2)"\s*:\s*\[')


class FacebookComments(_Facebook):
    """``comments.json`` (``comments`` / ``comments_v2``) and group comments."""

    def sniff(self, name: str, head: str) -> bool:
        return bool(_COMMENT_KEY.match(head))

    def items(self, name: str, doc: Any) -> Iterator[Item]:
        key = only_key(doc) or ""
        base = frozenset({F18}) if key == "comments" else frozenset({F20}) | _LATER
        yield fb_era(name, base)
        yield from each(list_at(doc, key), lambda entry: self._one(entry, name))

    @staticmethod
    def _one(entry: dict[str, Any], source: str) -> list[Content]:
        out = []
        for data in as_list(entry.get("data")):
            comment = as_dict(as_dict(data).get("comment"))
            text = text_of(comment.get("comment"))
            if text is not None:
                moment = from_epoch(comment.get("timestamp") or entry.get("timestamp"))
                out.append(
                    Content(
                        platform=Platform.FACEBOOK,
                        kind=ContentKind.COMMENT,
                        text=text,
                        timestamp=moment,
                        source=source,
                    )
                )
        return out


_SYSTEM_TYPES = frozenset({"Subscribe", "Unsubscribe", "Call"})
_THREAD_HEAD = re.compile(r'"participants"\s*:\s*\[\s*(\{|\])')


def _message(
    entry: dict[str, Any], source: str, *, text: str, time: str, sender: str
) -> list[Content]:
    """One Messenger message (classic and E2EE backups differ only in key names)."""
    body = text_of(entry.get(text))
    if body is None:
        return []
    return [
        Content(
            platform=Platform.FACEBOOK,
            kind=ContentKind.MESSAGE,
            text=body,
            timestamp=from_epoch(entry.get(time), millis=True),
            source=source,
            author=text_of(entry.get(sender)),
        )
    ]


class MetaMessages(_Facebook):
    """A classic DYI message thread ``message_N.json`` (Facebook and Instagram share it)."""

    shared: ClassVar[bool] = True

    def sniff(self, name: str, head: str) -> bool:
        return bool(_THREAD_HEAD.search(head)) and '"messages"' in head

    def items(self, name: str, doc: Any) -> Iterator[Item]:
        if normalise_file_name(name) == "message.json":
            yield Era(frozenset({F18}))
        messages = as_list(as_dict(doc).get("messages"))
        yield from each(messages, lambda entry: self._one(entry, name))

    @staticmethod
    def _one(entry: dict[str, Any], source: str) -> list[Content]:
        if entry.get("type") in _SYSTEM_TYPES:
            return []
        return _message(entry, source, text="content", time="timestamp_ms", sender="sender_name")


class MessengerBackup(_Facebook):
    """A thread of the Messenger end-to-end-encrypted backup (camelCase, one file per chat)."""

    def sniff(self, name: str, head: str) -> bool:
        return '"threadName"' in head or bool(re.search(r'"participants"\s*:\s*\[\s*"', head))

    def items(self, name: str, doc: Any) -> Iterator[Item]:
        messages = as_list(as_dict(doc).get("messages"))
        yield from each(messages, lambda entry: self._one(entry, name))

    @staticmethod
    def _one(entry: dict[str, Any], source: str) -> list[Content]:
        if entry.get("isUnsent") is True:
            return []
        return _message(entry, source, text="text", time="timestamp", sender="senderName")


READERS = (
    FacebookConnections(),
    FacebookPosts(),
    FacebookComments(),
    MetaMessages(),
    MessengerBackup(),
)
