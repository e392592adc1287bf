"""TikTok ``user_data_tiktok.json`` (2024 and 2025 layouts, and the "Profile And Settings" one)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, ClassVar

from armslength.exports._base import Era, Item, JsonReader, as_dict, as_list, each, get_ci, text_of
from armslength.exports._time import from_format
from armslength.model import Connection, ConnectionKind, Content, ContentKind, Platform

T24, T25, TPS = "2024", "2025", "profile-and-settings"
ERAS = (T24, T25, TPS)
LIMITATIONS = (
    "No follow requests are exported.",
    "Dates have no time zone; they are taken as UTC.",
    "Direct messages are read whole: messages you received are listed as well as yours.",
)
_TIME = "%Y-%m-%d %H:%M:%S"
Path = tuple[str, str, str]
_SECTIONS: dict[str, tuple[tuple[Path, str | None], ...]] = {
    "followers": (
        (("Your Activity", "Follower", "FansList"), T25),
        (("Activity", "Follower List", "FansList"), T24),
        (("Profile And Settings", "Follower", "FansList"), TPS),
    ),
    "following": (
        (("Your Activity", "Following", "Following"), T25),
        (("Activity", "Following List", "Following"), T24),
        (("Profile And Settings", "Following", "Following"), TPS),
    ),
    "videos": (
        (("Post", "Posts", "VideoList"), T25),
        (("Video", "Videos", "VideoList"), T24),
    ),
    "comments": ((("Comment", "Comments", "CommentsList"), None),),
    "messages": (
        (("Direct Message", "Direct Messages", "ChatHistory"), T25),
        (("Direct Messages", "Chat History", "ChatHistory"), T24),
    ),
}


def _find(doc: Any, section: str) -> tuple[Any, str | None]:
    for path, layout in _SECTIONS[section]:
        value = get_ci(get_ci(get_ci(doc, path[0]), path[1]), path[2])
        if value is not None:
            return value, layout
    return None, None


def _user(kind: ConnectionKind) -> Callable[[Any, str], list[Connection]]:
    def convert(entry: Any, source: str) -> list[Connection]:
        name = text_of(get_ci(entry, "UserName"))
        if name is None:
            raise ValueError("no user name")
        return [
            Connection(
                platform=Platform.TIKTOK,
                kind=kind,
                handle=name,
                url=f"https://www.tiktok.com/@{name}",
                timestamp=from_format(get_ci(entry, "Date"), _TIME),
                source=source,
            )
        ]

    return convert


def _video(entry: Any, source: str) -> list[Content]:
    text = text_of(get_ci(entry, "Title", "Desc", "Description"))
    if text is None:
        return []
    return [
        Content(
            platform=Platform.TIKTOK,
            kind=ContentKind.POST,
            text=text,
            timestamp=from_format(get_ci(entry, "Date"), _TIME),
            visibility=text_of(get_ci(entry, "WhoCanView")),
            url=text_of(get_ci(entry, "Link")),
            source=source,
        )
    ]


def _comment(entry: Any, source: str) -> list[Content]:
    text = text_of(get_ci(entry, "comment"))
    if text is None:
        return []
    return [
        Content(
            platform=Platform.TIKTOK,
            kind=ContentKind.COMMENT,
            text=text,
            timestamp=from_format(get_ci(entry, "date"), _TIME),
            url=text_of(get_ci(entry, "url")),
            source=source,
        )
    ]


def _message(entry: Any, source: str) -> list[Content]:
    text = text_of(get_ci(entry, "Content"))
    if text is None:
        return []
    return [
        Content(
            platform=Platform.TIKTOK,
            kind=ContentKind.MESSAGE,
            text=text,
            timestamp=from_format(get_ci(entry, "Date"), _TIME),
            source=source,
            author=text_of(get_ci(entry, "From")),
        )
    ]


_LISTS: dict[str, Callable[[Any, str], list[Any]]] = {
    "followers": _user(ConnectionKind.FOLLOWER),
    "following": _user(ConnectionKind.FOLLOWING),
    "videos": _video,
    "comments": _comment,
}
_MARKERS = re.compile(r'"(FansList|VideoList|CommentsList|ChatHistory|ProfileMap|Following)"')


def _apply(convert: Callable[[Any, str], list[Any]], entry: Any, source: str) -> list[Any]:
    return convert(entry, source)


class TikTokUserData(JsonReader):
    family: ClassVar[Platform] = Platform.TIKTOK
    platform: ClassVar[Platform] = Platform.TIKTOK

    def sniff(self, name: str, head: str) -> bool:
        named = bool(re.search(r"user_data(_tiktok)?\.json$", name.casefold()))
        return head.lstrip().startswith("{") and (named or bool(_MARKERS.search(head)))

    def items(self, name: str, doc: Any) -> Iterator[Item]:
        if not isinstance(doc, dict):
            raise ValueError("not an object")
        layouts = set()
        for section, convert in _LISTS.items():
            entries, layout = _find(doc, section)
            layouts.add(layout)
            yield from each(as_list(entries), partial(_apply, convert, source=name))
        chats, layout = _find(doc, "messages")
        layouts.add(layout)
        for chat in as_dict(chats).values():
            yield from each(as_list(chat), partial(_message, source=name))
        found = frozenset(x for x in layouts if x is not None)
        if found:
            yield Era(found)


READERS = (TikTokUserData(),)
