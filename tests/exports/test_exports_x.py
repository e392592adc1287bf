from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from exportkit import write_folder, write_zip, x_files, ytd

from armslength.exports import read_export
from armslength.model import ConnectionKind, ContentKind, Platform


@pytest.mark.parametrize("era", ["2019-20", "2020-22", "2022+"])
def test_each_era_is_read_exactly(tmp_path: Path, era: str) -> None:
    result = read_export(write_zip(tmp_path / "twitter-2024-01-01-abc.zip", x_files(era)))
    assert result.platform is Platform.X
    assert result.layout == era
    counts = result.counts()
    assert counts["connections"]["follower"] == 3
    assert counts["connections"]["following"] == 1
    assert counts["connections"]["request_received"] == 0
    notes = 1 if era == "2022+" else 0
    assert counts["content"] == {"post": 1 + notes, "comment": 0, "message": 2, "reply": 1}
    assert result.skipped == []
    assert any("ids only" in note for note in result.limitations)


def test_followers_are_ids_and_text_is_unescaped(tmp_path: Path) -> None:
    result = read_export(write_folder(tmp_path / "x", x_files("2022+")))
    urls = [c.url for c in result.connections if c.kind is ConnectionKind.FOLLOWER]
    assert urls[0] == "https://twitter.com/intent/user?user_id=42"
    assert urls[1] == f"https://twitter.com/intent/user?user_id={10**17 + 1}"
    assert all(c.name is None and c.handle is None for c in result.connections)
    post = next(c for c in result.content if c.url and c.url.endswith("/1"))
    assert post.text == "Clinic closed Monday & Tuesday"
    assert post.timestamp == datetime(2022, 10, 4, 17, 12, 9, tzinfo=UTC)
    message = next(c for c in result.content if c.kind is ContentKind.MESSAGE)
    assert message.text == "See you <3"
    assert message.timestamp == datetime(2021, 3, 15, 10, 42, 51, 617000, tzinfo=UTC)


def test_unknown_ytd_types_are_ignored_and_bad_wrappers_skipped(tmp_path: Path) -> None:
    files = {
        "data/follower.js": ytd("follower", [{"follower": {"accountId": "1"}}]),
        "data/like.js": ytd("like", [{"like": {"tweetId": "1"}}]),
        "data/following.js": b"window.YTD.following.part0 = {not json",
        "data/tweets.js": b'window.YTD.tweets.part0 = {"tweet": 1}',
    }
    result = read_export(write_folder(tmp_path / "x", files))
    assert len(result.connections) == 1
    reasons = {Path(s.path).name: s.reason for s in result.skipped}
    assert reasons["following.js"].startswith("malformed JSON")
    assert reasons["tweets.js"] == "the window.YTD value is not a list"


def test_parts_listed_in_the_manifest_but_missing_are_reported(tmp_path: Path) -> None:
    files = x_files("2022+")
    del files["data/tweets-part1.js"]
    result = read_export(write_zip(tmp_path / "x.zip", files))
    assert [(s.path, s.reason) for s in result.skipped] == [
        (
            f"{tmp_path / 'x.zip'}:data/manifest.js",
            "lists tweets-part1.js, which is not in the export",
        )
    ]
    assert result.counts()["content"]["reply"] == 0


def test_split_archive_parts_satisfy_the_manifest(tmp_path: Path) -> None:
    files = x_files("2022+")
    part2 = {"data/tweets-part1.js": files.pop("data/tweets-part1.js")}
    one = write_zip(tmp_path / "x-part1.zip", files)
    two = write_zip(tmp_path / "x-part2.zip", part2)
    result = read_export(one, two)
    assert result.skipped == []
    assert result.counts()["content"]["reply"] == 1
