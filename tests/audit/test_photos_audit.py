"""The audit opens the photos of the holder's own posts: findings with boxes, a blurred
thumbnail in the HTML only, bombs and damaged files named, a time budget, ``--no-photos``."""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PIL", reason="the photos extra (Pillow) is not installed")
from PIL import Image, ImageStat
from typer.testing import CliRunner

from armslength.audit import AuditOptions, PhotoOptions, run_audit
from armslength.cli import app
from armslength.exports._photos import photo_platform
from armslength.model import Platform
from armslength.photos.thumbnail import thumbnail
from photos._images import bomb_png, jpeg_bytes, landscape, png_bytes, wristband


@pytest.fixture
def needs_ocr() -> None:
    pytest.importorskip("rapidocr_onnxruntime", reason="the photos extra (RapidOCR) is missing")


MEDIA = "facebook-drsample-2025-11-01/your_facebook_activity/posts/media/Album_1/"
IMAGES = ("wristband.jpg", "landscape.png", "bomb.png", "cut.jpg")


@pytest.fixture(scope="module")
def export(sample: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample Facebook export with photos in its posts' media folder (and a video, a
    zip bomb disguised as a photo, and a photo in a message thread, which is not the holder's)."""
    path = tmp_path_factory.mktemp("photos") / "facebook.zip"
    shutil.copy(sample["facebook"], path)
    cut = jpeg_bytes(landscape((400, 300)))
    members = {
        "wristband.jpg": jpeg_bytes(wristband()),
        "landscape.png": png_bytes(landscape((640, 400))),
        "bomb.png": bomb_png(100_000, 100_000),
        "cut.jpg": cut[: len(cut) // 2],
        "clip.mp4": b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64,
        "zeros.jpg": b"\xff\xd8\xff" + b"\x00" * (5 * 1024**2),
    }
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(MEDIA + name, data)
        thread = "facebook-drsample-2025-11-01/your_facebook_activity/messages/inbox/p_1/photos/"
        archive.writestr(thread + "sent.jpg", jpeg_bytes(wristband()))
    return path


@pytest.fixture(scope="module")
def audited(export: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("out")
    report = run_audit([export], None, out)
    return {
        "report": report,
        "json": json.loads((out / "report.json").read_text(encoding="utf-8")),
        "raw": (out / "report.json").read_text(encoding="utf-8"),
        "html": (out / "report.html").read_text(encoding="utf-8"),
    }


def _photo(data: dict[str, Any], name: str) -> dict[str, Any]:
    found = [c for c in data["content"] if c["photo"] and c["photo"]["member"].endswith(name)]
    assert len(found) == 1, [c["photo"] for c in data["content"] if c["photo"]]
    return found[0]


@pytest.mark.usefixtures("needs_ocr")
def test_wristband_photo_is_flagged_with_boxes(audited: dict[str, Any]) -> None:
    data = audited["json"]
    item = _photo(data, "wristband.jpg")
    assert item["kind"] == "photo" and item["platform"] == "facebook"
    assert item["risk"] in ("medium", "high")
    names = [f for f in item["findings"] if f["label"] == "NAME"]
    assert any("Hughes" in f["text"] for f in names), item["findings"]
    marks = item["photo"]["marks"]
    assert len(marks) == len(item["findings"])
    text_boxes = [m["box"] for m in marks if m["source"] == "text"]
    assert text_boxes and all(len(b) == 4 and b[2] > 0 and b[3] > 0 for b in text_boxes)
    assert _photo(data, "landscape.png")["risk"] == "none"
    assert data["summary"]["photos"]["flagged"] >= 1
    assert any(a["target"] == "photo wristband.jpg" for a in data["actions"])


def test_only_the_holders_own_photos_are_opened(audited: dict[str, Any]) -> None:
    members = [c["photo"]["member"] for c in audited["json"]["content"] if c["photo"]]
    assert not any("/messages/" in m for m in members)
    stats = audited["json"]["summary"]["photos"]
    # wristband, landscape, bomb, cut: images; the video is not; zeros.jpg is a zip bomb
    assert stats["found"] == 4 and stats["screened"] == 2 and stats["errors"] == 2, stats


def test_bombs_and_damaged_photos_are_rows_naming_the_member(audited: dict[str, Any]) -> None:
    reasons = {s["path"].rsplit("/", 1)[-1]: s["reason"] for s in audited["json"]["skipped"]}
    assert "decompression bomb" in reasons["bomb.png"]
    assert "truncated" in reasons["cut.jpg"]
    assert "compression ratio" in reasons["zeros.jpg"]  # the archive's guard holds for images


def test_json_carries_no_image_bytes_and_html_embeds_a_thumbnail(audited: dict[str, Any]) -> None:
    assert "data:image" not in audited["raw"] and "base64" not in audited["raw"]
    html = audited["html"]
    uris = re.findall(r'<img src="data:image/jpeg;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(uris) >= 1
    image = Image.open(io.BytesIO(base64.b64decode(uris[0])))
    assert max(image.size) == 160


@pytest.mark.usefixtures("needs_ocr")
def test_thumbnail_is_blurred_where_the_text_is(audited: dict[str, Any]) -> None:
    item = _photo(audited["json"], "wristband.jpg")
    figures = dict(
        (member, uri)
        for uri, member in re.findall(
            r'<img src="data:image/jpeg;base64,([A-Za-z0-9+/=]+)".*?<code>([^<]+)</code>',
            audited["html"],
        )
    )
    shown = Image.open(io.BytesIO(base64.b64decode(figures[item["photo"]["member"]])))
    plain = thumbnail(wristband(), [])
    box = next(m["box"] for m in item["photo"]["marks"] if m["source"] == "text")
    scale = 160 / 1100
    x, y, w, h = (round(v * scale) for v in box)
    region = (x + 2, y, x + max(w - 2, 3), y + max(h, 2))
    before = ImageStat.Stat(plain.convert("L").crop(region)).var[0]
    after = ImageStat.Stat(shown.convert("L").crop(region)).var[0]
    assert after < before / 4, (before, after)


def test_budget_zero_lists_every_photo_as_not_screened(export: Path, tmp_path: Path) -> None:
    options = AuditOptions(photos=PhotoOptions(budget=0.0))
    report = run_audit([export], None, tmp_path, options=options)
    stats = report.summary.photos
    assert stats.found == 4 and stats.screened == 0 and stats.not_screened == 4
    late = [s.path for s in report.document.skipped if "time budget" in s.reason]
    assert sorted(p.rsplit("/", 1)[-1] for p in late) == sorted(IMAGES)
    assert not any(c.photo for c in report.document.content)


def test_no_photos_option_opens_none(export: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["audit", str(export), "--out", str(tmp_path), "--no-photos", "--json", "-q"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    assert summary["photos"]["skipped_by_option"] is True and summary["photos"]["found"] == 0
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert not any(c["photo"] for c in data["content"])
    assert "Photos were not screened" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_cli_budget_option_and_audit_log_summary_has_no_text(export: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["audit", str(export), "--out", str(tmp_path), "--photo-budget", "0", "--json", "-q"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    assert summary["photos"]["not_screened"] == 4
    assert "Hughes" not in json.dumps(summary)


@pytest.mark.parametrize(
    ("name", "platform"),
    [
        ("your_facebook_activity/posts/media/Album/1.jpg", Platform.FACEBOOK),
        ("your_activity_across_facebook/posts/media/x.jpg", Platform.FACEBOOK),
        ("media/posts/202501/17.jpg", Platform.INSTAGRAM),
        ("instagram-dr/media/stories/202501/1.heic", Platform.INSTAGRAM),
        ("data/tweets_media/1-abc.jpg", Platform.X),
        ("media_attachments/files/109/000/original/ab.png", Platform.MASTODON),
        ("blobs/bafkreiabc", Platform.BLUESKY),
        ("your_facebook_activity/messages/inbox/p_1/photos/1.jpg", None),
        ("your_instagram_activity/media/posts_1.json", None),
        ("Shares.csv", None),
    ],
)
def test_own_content_photo_folders(name: str, platform: Platform | None) -> None:
    assert photo_platform(name) == platform
