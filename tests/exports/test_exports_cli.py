from __future__ import annotations

import json
from pathlib import Path

from exportkit import FB_COUNTS, facebook_files, instagram_files, write_folder, write_zip
from typer.testing import CliRunner

from armslength.cli import app

runner = CliRunner()


def test_json_summary(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "fb.zip", facebook_files("2024-25"))
    out = runner.invoke(app, ["inspect", str(path), "--json"])
    assert out.exit_code == 0, out.output
    summary = json.loads(out.stdout)
    assert summary["platform"] == "facebook"
    assert summary["layout"] == "2024-25"
    assert summary["counts"] == FB_COUNTS
    assert summary["skipped"] == []
    assert any("display names" in note for note in summary["limitations"])


def test_json_summary_for_two_exports_is_a_list(tmp_path: Path) -> None:
    fb = write_zip(tmp_path / "fb.zip", facebook_files("2026"))
    ig = write_folder(tmp_path / "ig", instagram_files("2025+"))
    out = runner.invoke(app, ["inspect", str(fb), str(ig), "--json"])
    assert out.exit_code == 0, out.output
    assert [s["platform"] for s in json.loads(out.stdout)] == ["facebook", "instagram"]


def test_jsonl_records(tmp_path: Path) -> None:
    files = facebook_files("2022-24")
    files["connections/friends/removed_friends.json"] = b"{broken"
    path = write_folder(tmp_path / "fb", files)
    out = runner.invoke(app, ["inspect", str(path), "--jsonl"])
    assert out.exit_code == 0, out.output
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    friend = next(r for r in lines if r.get("kind") == "friend")
    assert friend == {
        "type": "connection",
        "platform": "facebook",
        "kind": "friend",
        "name": "Renée Laurent",
        "normalized_name": "renee laurent",
        "handle": None,
        "url": None,
        "timestamp": "2024-03-01T10:00:00Z",
    }
    post = next(r for r in lines if r["type"] == "content" and r["kind"] == "post")
    assert set(post) == {"type", "platform", "kind", "text", "timestamp", "visibility", "url"}
    assert len(lines) == sum(sum(v.values()) for v in FB_COUNTS.values())


def test_readable_summary_names_skipped_files(tmp_path: Path) -> None:
    files = facebook_files("2026", prefix="")
    files["connections/friends/removed_friends.json"] = b'{"deleted_friends_v2": ['
    path = write_folder(tmp_path / "fb", files)
    out = runner.invoke(app, ["inspect", str(path)])
    assert out.exit_code == 0, out.output
    assert "facebook" in out.stdout
    assert "2026" in out.stdout
    assert "removed_friends.json" in out.stdout
    assert "malformed JSON" in out.stdout


def test_unsupported_export_exits_2(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "x", {"a.json": b"{}"})
    out = runner.invoke(app, ["inspect", str(folder), "--json"])
    assert out.exit_code == 2
    assert "not a supported export" in out.stderr


def test_json_and_jsonl_together_is_a_usage_error(tmp_path: Path) -> None:
    out = runner.invoke(app, ["inspect", str(tmp_path), "--json", "--jsonl"])
    assert out.exit_code == 2


def test_config_limits_apply(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[exports]\nmax_member_size = 10\n", encoding="utf-8")
    path = write_zip(tmp_path / "fb.zip", facebook_files("2026"))
    out = runner.invoke(app, ["inspect", str(path), "--json", "--config", str(config)])
    assert out.exit_code == 2
    assert "max_member_size" in out.stderr


def test_missing_export_exits_2_naming_it(tmp_path: Path) -> None:
    out = runner.invoke(app, ["inspect", str(tmp_path / "nope.zip")])
    assert out.exit_code == 2
    assert "nope.zip: export not found" in out.stderr
