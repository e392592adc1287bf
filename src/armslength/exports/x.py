"""X/Twitter archive: ``window.YTD.<type>.partN = [...]`` files (listed in ``manifest.js``)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from armslength.exports._base import (
    Era,
    Expect,
    FileReader,
    Item,
    as_dict,
    as_list,
    each,
    folder_segments,
    parse_json,
    text_of,
)
from armslength.exports._text import MalformedError, decode, normalise_file_name
from armslength.exports._time import from_format, from_iso
from armslength.model import Connection, ConnectionKind, Content, ContentKind, Platform

X19, X20, X22 = "2019-20", "2020-22", "2022+"
ERAS = (X19, X20, X22)
LIMITATIONS = (
    "Followers and following are numeric account ids only: no names, handles or dates.",
    "No follow requests are exported, not even for a protected account.",
    "Direct messages are read whole: messages you received are listed as well as yours.",
)
_YTD = re.compile(r"^\s*window\.YTD\.(\w+)\.part\d+\s*=\s*")
_MANIFEST = re.compile(r"^\s*window\.__THAR_CONFIG\s*=\s*")
_TWEET_TIME = "%a %b %d %H:%M:%S %z %Y"


def ytd_payload(text: str, pattern: re.Pattern[str] = _YTD) -> tuple[str, Any]:
    """``(type, parsed value)`` of a ``window.YTD.<type>.partN = …`` assignment."""
    match = pattern.match(text)
    if match is None:
        raise MalformedError("not a window.YTD assignment")
    kind = match.group(1) if match.groups() else ""
    return kind, parse_json(text[match.end() :].rstrip().rstrip(";"))


def _account(entry: Any, kind: ConnectionKind, key: str, source: str) -> list[Connection]:
    data = as_dict(as_dict(entry).get(key) or entry)
    account = str(data["accountId"])
    url = text_of(data.get("userLink")) or f"https://twitter.com/intent/user?user_id={account}"
    return [Connection(platform=Platform.X, kind=kind, url=url, source=source)]


def _tweet(entry: Any, source: str, visibility: str | None = None) -> list[Content]:
    tweet = as_dict(as_dict(entry).get("tweet") or entry)
    text = text_of(tweet.get("full_text") or tweet.get("text"))
    if text is None:
        return []
    reply = bool(tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id"))
    tweet_id = text_of(tweet.get("id_str")) or text_of(str(tweet.get("id", "")))
    return [
        Content(
            platform=Platform.X,
            kind=ContentKind.REPLY if reply else ContentKind.POST,
            text=html.unescape(text),
            timestamp=from_format(tweet.get("created_at"), _TWEET_TIME),
            visibility=visibility,
            url=f"https://x.com/i/web/status/{tweet_id}" if tweet_id else None,
            source=source,
        )
    ]


def _note(entry: Any, source: str) -> list[Content]:
    note = as_dict(as_dict(entry).get("noteTweet"))
    text = text_of(as_dict(note.get("core")).get("text"))
    if text is None:
        return []
    moment = from_iso(note.get("createdAt"))
    return [
        Content(
            platform=Platform.X,
            kind=ContentKind.POST,
            text=html.unescape(text),
            timestamp=moment,
            source=source,
        )
    ]


def _conversation(entry: Any, source: str) -> list[Content]:
    out = []
    for message in as_list(as_dict(as_dict(entry).get("dmConversation")).get("messages")):
        create = as_dict(as_dict(message).get("messageCreate"))
        text = text_of(create.get("text"))
        if text is not None:
            out.append(
                Content(
                    platform=Platform.X,
                    kind=ContentKind.MESSAGE,
                    text=html.unescape(text),
                    timestamp=from_iso(create.get("createdAt")),
                    source=source,
                    author=text_of(create.get("senderId")),
                )
            )
    return out


Convert = Callable[[Any, str], list[Any]]
_CONVERTERS: dict[str, Convert] = {
    "follower": lambda e, s: _account(e, ConnectionKind.FOLLOWER, "follower", s),
    "following": lambda e, s: _account(e, ConnectionKind.FOLLOWING, "following", s),
    "tweet": _tweet,
    "tweets": _tweet,
    "note_tweet": _note,
    "community_tweet": lambda e, s: _tweet(e, s, "community"),
    "twitter_circle_tweet": lambda e, s: _tweet(e, s, "circle"),
    "direct_messages": _conversation,
    "direct_messages_group": _conversation,
    "account": lambda e, s: [],
}


def _eras(kind: str, name: str) -> Iterator[Era]:
    yield Era(frozenset({X20, X22} if "data" in folder_segments(name) else {X19}))
    if kind == "tweet":
        yield Era(frozenset({X19, X20}))
    elif kind == "tweets":
        yield Era(frozenset({X22}))


def _listed_files(types: dict[str, Any]) -> Iterator[str]:
    """The base names of the data files of the types Armslength reads."""
    for kind, spec in types.items():
        if re.sub(r"(?<!^)([A-Z])", r"_\1", str(kind)).lower() not in _CONVERTERS:
            continue
        for entry in as_list(as_dict(spec).get("files")):
            file_name = text_of(as_dict(entry).get("fileName"))
            if file_name:
                yield normalise_file_name(file_name)


class _X(FileReader):
    family: ClassVar[Platform] = Platform.X
    platform: ClassVar[Platform] = Platform.X
    extensions: ClassVar[frozenset[str]] = frozenset({".js"})


class XData(_X):
    """Any ``window.YTD`` data file whose type Armslength reads."""

    def sniff(self, name: str, head: str) -> bool:
        match = _YTD.match(head)
        return match is not None and match.group(1) in _CONVERTERS

    def read(self, name: str, data: bytes) -> Iterator[Item]:
        kind, payload = ytd_payload(decode(data))
        if not isinstance(payload, list):
            raise MalformedError("the window.YTD value is not a list")
        yield from _eras(kind, name)
        convert = _CONVERTERS[kind]
        yield from each(payload, lambda entry: convert(entry, name))


class XManifest(_X):
    """``data/manifest.js``: recognises the archive (2020 on); the data files are found by content."""

    names = re.compile(r"^manifest\.js$")

    def sniff(self, name: str, head: str) -> bool:
        return bool(_MANIFEST.match(head))

    def read(self, name: str, data: bytes) -> Iterator[Item]:
        _, manifest = ytd_payload(decode(data), _MANIFEST)
        types = as_dict(manifest).get("dataTypes")
        if not isinstance(types, dict):
            raise MalformedError("manifest.js has no dataTypes")
        yield Era(frozenset({X20, X22}))
        yield Expect(frozenset(_listed_files(types)))


READERS = (XData(), XManifest())
