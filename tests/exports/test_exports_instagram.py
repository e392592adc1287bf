from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from exportkit import (
    IG_COUNTS,
    T0,
    facebook_files,
    ig_record,
    instagram_files,
    meta_json,
    threads_files,
    write_folder,
    write_zip,
)

from armslength.exports import read_export, read_exports
from armslength.model import ConnectionKind, ContentKind, Platform


@pytest.mark.parametrize("era", ["2020-22", "2022-24", "2025+"])
def test_each_era_is_read_exactly(tmp_path: Path, era: str) -> None:
    result = read_export(write_zip(tmp_path / "ig.zip", instagram_files(era)))
    assert result.platform is Platform.INSTAGRAM
    assert result.layout == era
    assert result.counts() == IG_COUNTS
    assert result.skipped == []
    handles = {c.handle for c in result.connections if c.kind is ConnectionKind.FOLLOWING}
    assert handles == {"mo.farouk", "café.owner"}
    comments = {c.text for c in result.content if c.kind is ContentKind.COMMENT}
    assert "Lovely 😍" in comments
    messages = [c for c in result.content if c.kind is ContentKind.MESSAGE]
    assert {m.platform for m in messages} == {Platform.INSTAGRAM}


def test_following_title_shape_uses_title_then_href(tmp_path: Path) -> None:
    records = [
        ig_record("new.user", T0, shape="title"),
        {"title": "", "string_list_data": [{"href": "https://www.instagram.com/_u/href.only"}]},
    ]
    path = tmp_path / "following.json"
    path.write_bytes(meta_json({"relationships_following": records}))
    result = read_export(path)
    assert [c.handle for c in result.connections] == ["new.user", "href.only"]
    assert result.connections[0].timestamp == datetime.fromtimestamp(T0, tz=UTC)
    assert result.layout == "2025+"


def test_posts_captions(tmp_path: Path) -> None:
    result = read_export(write_folder(tmp_path / "x", instagram_files("2025+")))
    posts = sorted((p.text, p.timestamp) for p in result.content if p.kind is ContentKind.POST)
    assert posts == [
        ("Clinic garden 🌷", datetime.fromtimestamp(T0, tz=UTC)),
        ("Two photos, one caption", datetime.fromtimestamp(T0 + 9, tz=UTC)),
    ]


def test_threads_inside_the_instagram_export(tmp_path: Path) -> None:
    files = instagram_files("2025+") | threads_files()
    result = read_export(write_zip(tmp_path / "ig.zip", files))
    assert result.platform is Platform.INSTAGRAM
    threads = [c for c in result.connections if c.platform is Platform.THREADS]
    assert {(c.kind, c.handle) for c in threads} == {
        (ConnectionKind.FOLLOWER, "pine.m"),
        (ConnectionKind.FOLLOWING, "café.owner"),
        (ConnectionKind.REQUEST_RECEIVED, "river.o"),
    }
    posts = [c.text for c in result.content if c.platform is Platform.THREADS]
    assert posts == ["Flu shots — walk-ins welcome"]


def test_threads_alone_is_reported_as_threads(tmp_path: Path) -> None:
    result = read_export(write_folder(tmp_path / "t", threads_files()))
    assert result.platform is Platform.THREADS
    assert result.counts()["connections"]["follower"] == 1


def test_old_connections_json(tmp_path: Path) -> None:
    doc = {
        "followers": {"zoe.k": "2019-05-01T10:00:00+00:00", "lee": "2019-05-02T10:00:00"},
        "following": {"mo": "2019-05-03T10:00:00+02:00"},
        "follow_requests_sent": {"kai": "bad date"},
    }
    path = tmp_path / "connections.json"
    path.write_bytes(meta_json(doc))
    result = read_export(path)
    assert result.layout == "2019-20"
    got = {(c.kind, c.handle, c.timestamp) for c in result.connections}
    assert (ConnectionKind.FOLLOWING, "mo", datetime(2019, 5, 3, 8, tzinfo=UTC)) in got
    assert (ConnectionKind.REQUEST_SENT, "kai", None) in got
    assert len(got) == 4


def test_facebook_and_instagram_together_are_two_exports(tmp_path: Path) -> None:
    fb = write_zip(tmp_path / "facebook.zip", facebook_files("2026"))
    ig = write_zip(tmp_path / "part1.zip", instagram_files("2022-24"))
    results = read_exports(fb, ig)
    assert [r.platform for r in results] == [Platform.FACEBOOK, Platform.INSTAGRAM]
    fb_messages = [c for c in results[0].content if c.kind is ContentKind.MESSAGE]
    ig_messages = [c for c in results[1].content if c.kind is ContentKind.MESSAGE]
    assert len(fb_messages) == len(ig_messages) == 2
    assert {m.platform for m in ig_messages} == {Platform.INSTAGRAM}


def test_split_export_parts_make_one_result(tmp_path: Path) -> None:
    files = list(instagram_files("2022-24").items())
    one = write_zip(tmp_path / "instagram-part1.zip", dict(files[: len(files) // 2]))
    two = write_zip(tmp_path / "instagram-part2.zip", dict(files[len(files) // 2 :]))
    result = read_export(one, two)
    assert result.counts() == IG_COUNTS


def test_counts_without_keeping_records(tmp_path: Path) -> None:
    fb = write_zip(tmp_path / "facebook.zip", facebook_files("2026"))
    ig = write_zip(tmp_path / "ig.zip", instagram_files("2022-24"))
    kept = read_exports(fb, ig)
    counted = read_exports(fb, ig, keep_records=False)
    assert [r.counts() for r in counted] == [r.counts() for r in kept]
    assert counted[1].counts() == IG_COUNTS
    assert all(not r.connections and not r.content for r in counted)


def test_story_captions_are_posts(tmp_path: Path) -> None:
    stories = [
        {"uri": "s/1.mp4", "creation_timestamp": T0, "title": "Clinic tour 🎥"},
        {"uri": "s/2.jpg", "creation_timestamp": T0 + 1, "title": ""},
    ]
    path = tmp_path / "stories.json"
    path.write_bytes(meta_json({"ig_stories": stories}))
    result = read_export(path)
    assert [(c.kind, c.text, c.timestamp) for c in result.content] == [
        (ContentKind.POST, "Clinic tour 🎥", datetime.fromtimestamp(T0, tz=UTC))
    ]
