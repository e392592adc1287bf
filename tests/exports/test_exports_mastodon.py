from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from exportkit import mastodon_files, write_targz, write_zip

from armslength.exports import read_export
from armslength.exports.mastodon import visibility
from armslength.model import ContentKind, Platform


@pytest.mark.parametrize("suffix", ["tar.gz", "zip"])
def test_archive_and_csv(tmp_path: Path, suffix: str) -> None:
    name = f"archive-20240501080000-0123abcd.{suffix}"
    write = write_targz if suffix == "tar.gz" else write_zip
    result = read_export(write(tmp_path / name, mastodon_files()))
    assert result.platform is Platform.MASTODON
    assert result.layout == "archive+csv"
    counts = result.counts()
    assert counts["content"] == {"post": 3, "comment": 0, "message": 1, "reply": 1}
    assert counts["connections"]["following"] == 2
    assert counts["connections"]["follower"] == 0
    seen = {c.url.rsplit("/", 1)[-1]: (c.kind, c.visibility) for c in result.content if c.url}
    assert seen == {
        "1": (ContentKind.POST, "public"),
        "2": (ContentKind.REPLY, "unlisted"),
        "3": (ContentKind.POST, "followers"),
        "4": (ContentKind.MESSAGE, "direct"),
        "5": (ContentKind.POST, "public"),
    }
    assert any("No followers" in note for note in result.limitations)


def test_status_text_from_html(tmp_path: Path) -> None:
    result = read_export(write_zip(tmp_path / "a.zip", mastodon_files()))
    texts = {c.url.rsplit("/", 1)[-1]: c.text for c in result.content if c.url}
    assert texts["1"] == "Flu clinic open\n\nWalk in"
    assert texts["3"] == "Followers only & more"
    assert texts["4"] == "Private note\nline 2"
    assert texts["5"] == "CW: health\n\nBody"
    assert result.content[0].timestamp == datetime(2024, 5, 1, 8, tzinfo=UTC)
    handles = [c.handle for c in result.connections]
    assert handles == ["lena@other.example", "mo@social.example"]
    assert result.connections[1].url == "https://social.example/@mo"


@pytest.mark.parametrize(
    ("to", "cc", "expected"),
    [
        (["as:Public"], [], "public"),
        ([], ["https://www.w3.org/ns/activitystreams#Public"], "unlisted"),
        (["https://s/users/a/followers"], [], "followers"),
        (["https://s/users/b"], ["https://s/users/c"], "direct"),
        ([], [], "direct"),
    ],
)
def test_visibility_rules(to: list[str], cc: list[str], expected: str) -> None:
    assert visibility(to, cc) == expected
