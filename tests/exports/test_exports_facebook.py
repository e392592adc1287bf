from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from exportkit import (
    FB_COUNTS,
    FB_ERAS,
    T0,
    facebook_files,
    messenger_backup,
    meta_json,
    write_folder,
    write_targz,
    write_zip,
)

from armslength.exports import read_export
from armslength.model import ConnectionKind, ContentKind, Platform

PACKAGINGS = ("folder", "zip", "tar.gz")


def package(tmp_path: Path, files: dict[str, bytes], how: str) -> Path:
    if how == "folder":
        return write_folder(tmp_path / "export", files)
    if how == "zip":
        return write_zip(tmp_path / "export.zip", files)
    return write_targz(tmp_path / "export.tar.gz", files)


@pytest.mark.parametrize("era", FB_ERAS)
@pytest.mark.parametrize("how", PACKAGINGS)
def test_each_era_is_read_exactly(tmp_path: Path, era: str, how: str) -> None:
    result = read_export(package(tmp_path, facebook_files(era), how))
    assert result.platform is Platform.FACEBOOK
    assert result.layout == era
    assert result.counts() == FB_COUNTS
    assert result.skipped == []


@pytest.mark.parametrize("era", FB_ERAS)
def test_records_are_repaired_and_in_utc(tmp_path: Path, era: str) -> None:
    result = read_export(write_zip(tmp_path / "fb.zip", facebook_files(era)))
    friends = [c for c in result.connections if c.kind is ConnectionKind.FRIEND]
    assert friends[0].name == "Renée Laurent"
    assert friends[0].timestamp == datetime.fromtimestamp(T0, tz=UTC)
    followers = [c for c in result.connections if c.kind is ConnectionKind.FOLLOWER]
    assert {f.name for f in followers} == {"Zoë Kruger", "Lee Park"}
    assert all(f.timestamp is None for f in followers)
    posts = {p.text for p in result.content if p.kind is ContentKind.POST}
    assert posts == {"Flu clinic open on Saturday 👍", "Café day"}
    messages = {m.text for m in result.content if m.kind is ContentKind.MESSAGE}
    assert messages == {"café?", "Hello"}
    comments = [c for c in result.content if c.kind is ContentKind.COMMENT]
    assert comments[1].text == "Merci, à bientôt"
    assert comments[1].timestamp == datetime.fromtimestamp(T0 + 9, tz=UTC)


def test_messenger_backup_is_read(tmp_path: Path) -> None:
    path = tmp_path / "Renée_1.json"
    path.write_bytes(messenger_backup())
    result = read_export(path)
    assert result.platform is Platform.FACEBOOK
    texts = [c.text for c in result.content]
    assert texts == ["Hello", "merci ❤"]
    assert result.content[0].timestamp == datetime.fromtimestamp(T0, tz=UTC)


def test_file_names_with_underscored_apostrophe_are_read(tmp_path: Path) -> None:
    files = facebook_files("2024-25", prefix="")
    renamed = {k.replace("'", "_"): v for k, v in files.items()}
    result = read_export(write_folder(tmp_path / "x", renamed))
    assert result.layout == "2024-25"
    assert result.counts() == FB_COUNTS


def test_connections_only_export_gives_a_range_of_eras(tmp_path: Path) -> None:
    files = {k: v for k, v in facebook_files("2026").items() if "/connections/" in k}
    result = read_export(write_zip(tmp_path / "c.zip", files))
    assert result.layout == "2022-24 to 2026"
    assert result.content == []


def test_mojibake_in_keys_and_bad_entries_are_reported(tmp_path: Path) -> None:
    doc = {"friends_v2": [{"name": "Ana", "timestamp": T0}, "oops", {"timestamp": T0}]}
    path = tmp_path / "your_friends.json"
    path.write_bytes(meta_json(doc))
    result = read_export(path)
    assert [c.name for c in result.connections] == ["Ana"]
    assert len(result.skipped) == 1
    assert "2 entries" in result.skipped[0].reason
    assert result.skipped[0].path == str(path)


def test_posts_in_groups_and_bogus_timestamps(tmp_path: Path) -> None:
    doc = {"group_posts_v2": [{"timestamp": -62169958800, "data": [{"post": "Group hello"}]}]}
    path = tmp_path / "group_posts_and_comments.json"
    path.write_bytes(meta_json(doc))
    result = read_export(path)
    assert [(c.kind, c.text, c.timestamp) for c in result.content] == [
        (ContentKind.POST, "Group hello", None)
    ]
