from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from exportkit import bluesky_car, tiktok_user_data, write_zip

from armslength.exports import read_export
from armslength.model import ConnectionKind, ContentKind, Platform


@pytest.mark.parametrize("version", [2, 3])
def test_bluesky_repo(tmp_path: Path, version: int) -> None:
    path = tmp_path / "repo.car"
    path.write_bytes(bluesky_car(version))
    result = read_export(path)
    assert result.platform is Platform.BLUESKY
    assert result.layout == f"repo v{version}"
    assert result.counts()["connections"]["following"] == 3
    assert result.counts()["connections"]["follower"] == 0
    assert [(c.kind, c.text) for c in result.content] == [
        (ContentKind.POST, "Clinic news 🩺"),
        (ContentKind.REPLY, "Thanks!"),
    ]
    assert result.content[1].timestamp == datetime(2024, 1, 3, 7, tzinfo=UTC)
    assert result.content[0].url == "https://bsky.app/profile/did:plc:ana/post/3k1"
    assert {c.handle for c in result.connections} == {f"did:plc:friend{i}" for i in range(3)}


def test_bluesky_missing_block_and_broken_car(tmp_path: Path) -> None:
    good = tmp_path / "a.repo.car"
    good.write_bytes(bluesky_car(drop_follow=True))
    broken = tmp_path / "b.repo.car"
    broken.write_bytes(bluesky_car()[:300])
    result = read_export(good, broken)
    assert result.counts()["connections"]["following"] == 2
    reasons = {Path(s.path).name: s.reason for s in result.skipped}
    assert reasons["a.repo.car"].startswith("1 entries")
    assert reasons["b.repo.car"] == "not a readable CAR file"


@pytest.mark.parametrize("era", ["2024", "2025"])
def test_tiktok_layouts(tmp_path: Path, era: str) -> None:
    path = write_zip(tmp_path / "tiktok.zip", {"user_data_tiktok.json": tiktok_user_data(era)})
    result = read_export(path)
    assert result.platform is Platform.TIKTOK
    assert result.layout == era
    assert result.counts() == {
        "connections": {
            "friend": 0,
            "follower": 2,
            "following": 1,
            "request_received": 0,
            "request_sent": 0,
            "request_rejected": 0,
            "removed": 0,
        },
        "content": {"post": 1, "comment": 1, "message": 2, "reply": 0},
    }
    fan = next(c for c in result.connections if c.kind is ConnectionKind.FOLLOWER)
    assert (fan.handle, fan.url) == ("lena_h", "https://www.tiktok.com/@lena_h")
    assert fan.timestamp == datetime(2025, 1, 9, 21, 44, 10, tzinfo=UTC)
    post = next(c for c in result.content if c.kind is ContentKind.POST)
    assert (post.text, post.visibility) == ("5 stretches #physio", "Everyone")


def test_tiktok_detected_by_content_under_another_name(tmp_path: Path) -> None:
    path = tmp_path / "my data.json"
    path.write_bytes(tiktok_user_data("2025"))
    assert read_export(path).platform is Platform.TIKTOK
