"""Only the user's own messages are screened: the account holder is in every thread."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from armslength.audit._messages import own_content, owner_of
from armslength.exports import read_export
from armslength.model import Content, ContentKind, Platform


def message(author: str | None, thread: str, text: str = "hi") -> Content:
    return Content(
        platform=Platform.FACEBOOK,
        kind=ContentKind.MESSAGE,
        text=text,
        source=thread,
        author=author,
    )


def test_owner_is_the_author_in_most_threads() -> None:
    messages = [
        message("Pat Chatty", "t1"),
        message("Pat Chatty", "t1"),
        message("Pat Chatty", "t1"),
        message("Dr Me", "t1"),
        message("Dr Me", "t2"),
        message("Friend", "t2"),
    ]
    assert owner_of(messages) == "Dr Me"


def test_no_owner_with_a_single_author() -> None:
    assert owner_of([message("Dr Me", "t1"), message("Dr Me", "t2")]) is None
    assert owner_of([message(None, "t1")]) is None


def test_own_content_keeps_posts_and_own_messages() -> None:
    post = Content(platform=Platform.FACEBOOK, kind=ContentKind.POST, text="a post")
    items = [
        post,
        message("Dr Me", "t1", "mine"),
        message("Pat", "t1", "theirs"),
        message("Dr Me", "t2"),
        message("Other", "t2"),
        message(None, "t3", "unknown sender"),
    ]
    kept, dropped = own_content(items)
    assert dropped == 2
    assert [c.text for c in kept] == ["a post", "mine", "hi", "unknown sender"]


def test_exported_messages_carry_their_sender(tmp_path: Path) -> None:
    thread = {
        "participants": [{"name": "Ana Quill"}, {"name": "Dr Me"}],
        "messages": [
            {"sender_name": "Ana Quill", "timestamp_ms": 1700000000000, "content": "question"},
            {"sender_name": "Dr Me", "timestamp_ms": 1700000060000, "content": "answer"},
        ],
        "title": "Ana Quill",
        "thread_path": "inbox/ana_1",
    }
    archive = tmp_path / "facebook.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(
            "your_facebook_activity/messages/inbox/ana_1/message_1.json", json.dumps(thread)
        )
        zf.writestr(
            "connections/friends/your_friends.json",
            json.dumps({"friends_v2": [{"name": "Ana Quill"}]}),
        )
    result = read_export(archive)
    assert {(c.author, c.text) for c in result.content} == {
        ("Ana Quill", "question"),
        ("Dr Me", "answer"),
    }


def test_inspect_jsonl_connections_carry_a_normalised_name(tmp_path: Path) -> None:
    archive = tmp_path / "facebook.zip"
    friends = {"friends_v2": [{"name": "Ren\u00c3\u00a9e  O'Brien-Smith", "timestamp": 1700000000}]}
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("connections/friends/your_friends.json", json.dumps(friends))
    record = next(r for r in read_export(archive).records() if r["type"] == "connection")
    assert record["name"] == "Renée  O'Brien-Smith"
    assert record["normalized_name"] == "renee o'brien-smith"
