"""Bluesky ``repo.car``: the account's repository (CAR v1, DAG-CBOR), walked through its MST."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import libipld

from armslength.exports._base import BadEntries, Era, FileReader, Item, as_dict, as_list, text_of
from armslength.exports._text import MalformedError
from armslength.exports._time import from_iso
from armslength.model import Connection, ConnectionKind, Content, ContentKind, Platform

ERAS = ("repo v2", "repo v3")
LIMITATIONS = (
    "Only the accounts you follow: followers are kept in their own repositories.",
    "Follows name accounts by DID, not by handle.",
    "No follow requests exist, and direct messages are a separate chat export (not read).",
)
_POST, _FOLLOW = "app.bsky.feed.post", "app.bsky.graph.follow"
_MAX_NODES = 1_000_000


def decode_repo(data: bytes) -> tuple[dict[str, Any], dict[bytes, Any]]:
    """``(commit, blocks)`` of a CAR v1 repository export; :class:`MalformedError` otherwise."""
    try:
        header, blocks = libipld.decode_car(data)
    except Exception:  # the decoder raises several types for damaged input
        raise MalformedError("not a readable CAR file") from None
    roots = as_list(as_dict(header).get("roots"))
    if as_dict(header).get("version") != 1 or not roots:
        raise MalformedError("CAR header is not version 1 with a root")
    commit = blocks.get(roots[0])
    if not isinstance(commit, dict) or "data" not in commit:
        raise MalformedError("the root block is not a repository commit")
    return commit, blocks


def walk_mst(root: Any, blocks: dict[bytes, Any]) -> Iterator[tuple[str, Any]]:
    """``(key, record CID)`` of every leaf of the Merkle Search Tree under *root*."""
    stack: list[Any] = [root]
    seen: set[bytes] = set()
    while stack and len(seen) < _MAX_NODES:
        cid = stack.pop()
        if not isinstance(cid, bytes) or cid in seen:
            continue
        seen.add(cid)
        node = as_dict(blocks.get(cid))
        stack.append(node.get("l"))
        key = b""
        for entry in as_list(node.get("e")):
            entry = as_dict(entry)
            key = key[: int(entry.get("p") or 0)] + bytes(entry.get("k") or b"")
            stack.append(entry.get("t"))
            yield key.decode("utf-8", errors="replace"), entry.get("v")


def _record(key: str, record: Any, did: str, source: str) -> Connection | Content | None:
    collection, _, rkey = key.partition("/")
    record = as_dict(record)
    if collection == _POST and text_of(record.get("text")):
        kind = ContentKind.REPLY if record.get("reply") else ContentKind.POST
        return Content(
            platform=Platform.BLUESKY,
            kind=kind,
            text=record["text"],
            timestamp=from_iso(record.get("createdAt")),
            visibility="public",
            url=f"https://bsky.app/profile/{did}/post/{rkey}",
            source=source,
        )
    if collection == _FOLLOW and text_of(record.get("subject")):
        subject = record["subject"]
        return Connection(
            platform=Platform.BLUESKY,
            kind=ConnectionKind.FOLLOWING,
            handle=subject,
            url=f"https://bsky.app/profile/{subject}",
            timestamp=from_iso(record.get("createdAt")),
            source=source,
        )
    return None


class BlueskyRepo(FileReader):
    family: ClassVar[Platform] = Platform.BLUESKY
    platform: ClassVar[Platform] = Platform.BLUESKY
    extensions: ClassVar[frozenset[str]] = frozenset({".car"})

    def sniff(self, name: str, head: str) -> bool:
        return "roots" in head[:200] and "version" in head[:200]

    def read(self, name: str, data: bytes) -> Iterator[Item]:
        commit, blocks = decode_repo(data)
        yield Era(frozenset({f"repo v{commit.get('version')}"}))
        did, missing = str(commit.get("did") or ""), 0
        for key, cid in walk_mst(commit["data"], blocks):
            if not key.startswith((_POST, _FOLLOW)):
                continue
            if cid not in blocks:
                missing += 1
                continue
            record = _record(key, blocks[cid], did, name)
            if record is not None:
                yield record
        if missing:
            yield BadEntries(missing)


READERS = (BlueskyRepo(),)
