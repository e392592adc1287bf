"""LinkedIn "Get a copy of your data" (CSV): connections, invitations, messages, shares, comments.

Each file has its own date format, and some start with a "Notes:" preamble, so the header
row is found by its column names rather than by position.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from armslength.exports._base import Era, FileReader, Item, each, text_of
from armslength.exports._text import MalformedError, decode, normalise_file_name
from armslength.exports._time import from_format
from armslength.model import Connection, ConnectionKind, Content, ContentKind, Platform

L20, L21, L23, L26 = "2020-21", "2021-23", "2023-25", "2026"
ERAS = (L20, L21, L23, L26)
LIMITATIONS = (
    "Invitations.csv holds only recent or pending invitations.",
    "Hidden or closed profiles appear as connections without a name.",
    "Invitation, share and comment times have no time zone; they are taken as UTC.",
    "Messages are read whole: messages you received are listed as well as yours.",
)
csv.field_size_limit(64 * 1024 * 1024)


def csv_rows(text: str, required: set[str]) -> tuple[list[str], Iterator[dict[str, str]], bool]:
    """``(header, rows, had_preamble)``; the header is the first row holding *required*."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    for position, row in enumerate(reader):
        cells = [cell.strip().strip('"') for cell in row]
        if required <= set(cells):
            rows = (_as_dict(cells, r) for r in reader if any(c.strip() for c in r))
            return cells, rows, position > 0
    raise MalformedError(f"no header row with the columns {', '.join(sorted(required))}")


def _as_dict(header: list[str], row: list[str]) -> dict[str, str]:
    if len(row) > len(header) + 1:
        raise ValueError("more cells than columns")
    return dict(zip(header, row, strict=False))


class _LinkedIn(FileReader):
    family: ClassVar[Platform] = Platform.LINKEDIN
    platform: ClassVar[Platform] = Platform.LINKEDIN
    extensions: ClassVar[frozenset[str]] = frozenset({".csv"})
    required: ClassVar[set[str]]

    def sniff(self, name: str, head: str) -> bool:
        first_lines = "\n".join(head.splitlines()[:6])
        return all(column in first_lines for column in self.required)

    def read(self, name: str, data: bytes) -> Iterator[Item]:
        text = decode(data)
        header, rows, preamble = csv_rows(text, self.required)
        yield from self.eras(name, header, preamble, text)
        yield from each(rows, lambda row: self.convert(row, name))

    def eras(self, name: str, header: list[str], preamble: bool, text: str) -> Iterator[Era]:
        if re.search(r"_\d+\.csv$", normalise_file_name(name)):
            yield Era(frozenset({L26}))

    def convert(self, row: dict[str, str], source: str) -> list[Any]:
        raise NotImplementedError  # pragma: no cover


def _cell(row: dict[str, str], column: str) -> str | None:
    return text_of(row.get(column))


def _name_of(row: dict[str, str], first: str, last: str) -> str | None:
    return text_of(" ".join(filter(None, [_cell(row, first), _cell(row, last)])))


class LinkedInConnections(_LinkedIn):
    names = re.compile(r"^connections\.csv$")
    required: ClassVar[set[str]] = {"First Name", "Last Name", "Connected On"}

    def eras(self, name: str, header: list[str], preamble: bool, text: str) -> Iterator[Era]:
        if "URL" in header:
            yield Era(frozenset({L23, L26}))
        else:
            yield Era(frozenset({L21} if preamble else {L20}))

    def convert(self, row: dict[str, str], source: str) -> list[Connection]:
        return [
            Connection(
                platform=Platform.LINKEDIN,
                kind=ConnectionKind.FRIEND,
                name=_name_of(row, "First Name", "Last Name"),
                url=_cell(row, "URL"),
                timestamp=from_format(row.get("Connected On"), "%d %b %Y", "%d %B %Y"),
                source=source,
            )
        ]


_INVITE_FORMATS = ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%Y-%m-%d %H:%M:%S")


class LinkedInInvitations(_LinkedIn):
    names = re.compile(r"^invitations\.csv$")
    required: ClassVar[set[str]] = {"From", "To", "Direction"}

    def convert(self, row: dict[str, str], source: str) -> list[Connection | Content]:
        incoming = (row.get("Direction") or "").strip().upper() == "INCOMING"
        moment = from_format(row.get("Sent At"), *_INVITE_FORMATS)
        out: list[Connection | Content] = [
            Connection(
                platform=Platform.LINKEDIN,
                kind=ConnectionKind.REQUEST_RECEIVED if incoming else ConnectionKind.REQUEST_SENT,
                name=_cell(row, "From" if incoming else "To"),
                url=_cell(row, "inviterProfileUrl" if incoming else "inviteeProfileUrl"),
                timestamp=moment,
                source=source,
            )
        ]
        message = _cell(row, "Message")
        if message and not incoming:
            out.append(
                Content(
                    platform=Platform.LINKEDIN,
                    kind=ContentKind.MESSAGE,
                    text=message,
                    timestamp=moment,
                    source=source,
                )
            )
        return out


class LinkedInMessages(_LinkedIn):
    names = re.compile(r"^messages(_\d+)?\.csv$")
    required: ClassVar[set[str]] = {"CONVERSATION ID", "FROM", "CONTENT"}

    def eras(self, name: str, header: list[str], preamble: bool, text: str) -> Iterator[Era]:
        if text.lstrip("\ufeff").startswith('"'):
            yield Era(frozenset({L26}))
        elif "RECIPIENT PROFILE URLS" in header:
            yield Era(frozenset({L23, L26}))
        else:
            yield Era(frozenset({L20, L21}))

    def convert(self, row: dict[str, str], source: str) -> list[Content]:
        text = _cell(row, "CONTENT")
        if text is None:
            return []
        moment = from_format(row.get("DATE"), "%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d %H:%M:%S")
        return [
            Content(
                platform=Platform.LINKEDIN,
                kind=ContentKind.MESSAGE,
                text=text,
                timestamp=moment,
                source=source,
                author=_cell(row, "FROM"),
            )
        ]


class LinkedInShares(_LinkedIn):
    names = re.compile(r"^shares(_\d+)?\.csv$")
    required: ClassVar[set[str]] = {"Date", "ShareCommentary"}

    def convert(self, row: dict[str, str], source: str) -> list[Content]:
        text = _cell(row, "ShareCommentary")
        if text is None:
            return []
        return [
            Content(
                platform=Platform.LINKEDIN,
                kind=ContentKind.POST,
                text=text,
                timestamp=from_format(row.get("Date"), "%Y-%m-%d %H:%M:%S"),
                visibility=_cell(row, "Visibility"),
                url=_cell(row, "ShareLink"),
                source=source,
            )
        ]


class LinkedInComments(_LinkedIn):
    names = re.compile(r"^comments(_\d+)?\.csv$")
    required: ClassVar[set[str]] = {"Date", "Link", "Message"}

    def convert(self, row: dict[str, str], source: str) -> list[Content]:
        text = _cell(row, "Message")
        if text is None:
            return []
        return [
            Content(
                platform=Platform.LINKEDIN,
                kind=ContentKind.COMMENT,
                text=text,
                timestamp=from_format(row.get("Date"), "%Y-%m-%d %H:%M:%S"),
                url=_cell(row, "Link"),
                source=source,
            )
        ]


READERS = (
    LinkedInConnections(),
    LinkedInInvitations(),
    LinkedInMessages(),
    LinkedInShares(),
    LinkedInComments(),
)
