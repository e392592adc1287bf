"""Archive safety and bad input: each problem is reported by name, the rest is still read."""

from __future__ import annotations

import io
import os
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest
from exportkit import T0, facebook_files, meta_json, write_folder, write_targz, write_zip, zip_bytes

from armslength.config import ExportLimits
from armslength.errors import InputError, UnsupportedExportError
from armslength.exports import read_export, read_exports

FRIENDS = meta_json({"friends_v2": [{"name": "Ana Ruiz", "timestamp": T0}]})
GOOD = {"connections/friends/your_friends.json": FRIENDS}


def _reasons(path: Path, limits: ExportLimits | None = None) -> dict[str, str]:
    result = read_export(path, limits=limits)
    assert [c.name for c in result.connections] == ["Ana Ruiz"]
    return {s.path: s.reason for s in result.skipped}


def _zip_with(tmp_path: Path, extra: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("connections/friends/your_friends.json", FRIENDS)
        for info, data in extra:
            archive.writestr(info, data)
    return path


@pytest.mark.parametrize(
    ("member", "reason"),
    [
        ("../../outside/your_friends.json", "path traversal"),
        ("/etc/your_friends.json", "absolute member name"),
        ("C:/Users/x/your_friends.json", "absolute member name"),
    ],
)
def test_unsafe_zip_names_are_refused(tmp_path: Path, member: str, reason: str) -> None:
    path = _zip_with(tmp_path, [(member, FRIENDS)])
    reasons = _reasons(path)
    assert reason in reasons[f"{path}:{member}"]


def test_zip_symlink_is_refused(tmp_path: Path) -> None:
    info = zipfile.ZipInfo("link.json")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = _zip_with(tmp_path, [(info, b"/etc/passwd")])
    assert "symbolic link" in _reasons(path)[f"{path}:link.json"]


def test_encrypted_zip_member_is_skipped(tmp_path: Path) -> None:
    path = _zip_with(tmp_path, [("secret.json", b"{}")])
    raw = bytearray(path.read_bytes())
    for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        start = 0
        while (start := raw.find(signature, start)) >= 0:
            if raw[start + name_at : start + name_at + 11] == b"secret.json":
                raw[start + flag_at] |= 0x1
            start += 4
    path.write_bytes(bytes(raw))
    assert "encrypted" in _reasons(path)[f"{path}:secret.json"]


def test_zip_bomb_by_ratio_is_refused(tmp_path: Path) -> None:
    bomb = b"[" + b" " * (4 * 1024**2) + b"]"
    path = _zip_with(tmp_path, [("your_posts_1.json", bomb)])
    assert "compression ratio" in _reasons(path)[f"{path}:your_posts_1.json"]


def test_member_declared_larger_than_the_limit(tmp_path: Path) -> None:
    path = _zip_with(tmp_path, [("your_posts_1.json", b"[" + b"0," * 800 + b"0]")])
    limits = ExportLimits(max_member_size=1000)
    assert "member limit" in _reasons(path, limits)[f"{path}:your_posts_1.json"]


def test_two_gigabyte_sparse_file_is_skipped_unread(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "export", GOOD)
    huge = folder / "your_posts_1.json"
    with huge.open("wb") as handle:
        handle.truncate(2 * 1024**3 + 1)
    assert "member limit" in _reasons(folder)[str(huge)]


def test_total_uncompressed_limit(tmp_path: Path) -> None:
    files = dict(GOOD)
    files["your_posts_1.json"] = meta_json([{"timestamp": T0, "data": [{"post": "x" * 5000}]}])
    files["your_posts_2.json"] = files["your_posts_1.json"]
    path = write_zip(tmp_path / "e.zip", files)
    limits = ExportLimits(max_total_uncompressed=len(FRIENDS) + 100)
    reasons = _reasons(path, limits)
    assert reasons == {
        f"{path}:your_posts_1.json": "the export holds more than "
        f"{len(FRIENDS) + 100} bytes of text (max_total_uncompressed); the rest was not read"
    }


def test_member_count_limit(tmp_path: Path) -> None:
    files = dict(GOOD) | {f"n/{i}.txt": b"x" for i in range(5)}
    path = write_zip(tmp_path / "e.zip", files)
    assert "max_members" in _reasons(path, ExportLimits(max_members=3))[str(path)]


def test_nested_archives_beyond_the_depth_are_refused(tmp_path: Path) -> None:
    level3 = zip_bytes({"deep/your_friends.json": FRIENDS})
    level2 = zip_bytes({"level3.zip": level3, "connections/friends/your_friends.json": FRIENDS})
    level1 = zip_bytes({"level2.zip": level2})
    path = write_zip(tmp_path / "outer.zip", {"level1.zip": level1})
    result = read_export(path)
    assert [c.name for c in result.connections] == ["Ana Ruiz"]
    inner = f"{path}:level1.zip:level2.zip:level3.zip"
    assert "nested more than 2 levels" in {s.path: s.reason for s in result.skipped}[inner]


def test_corrupt_zip_is_reported_and_other_inputs_read(tmp_path: Path) -> None:
    corrupt = tmp_path / "part2.zip"
    corrupt.write_bytes(b"PK\x03\x04" + os.urandom(200))
    good = write_zip(tmp_path / "part1.zip", GOOD)
    result = read_export(good, corrupt)
    assert len(result.connections) == 1
    assert {s.path: s.reason for s in result.skipped}[str(corrupt)].startswith("corrupt")


def test_only_a_corrupt_zip_is_not_a_supported_export(tmp_path: Path) -> None:
    corrupt = tmp_path / "export.zip"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(UnsupportedExportError, match="not a supported export"):
        read_export(corrupt)


def test_truncated_tar_keeps_what_came_before(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in [("a/your_friends.json", FRIENDS), ("b/big.json", os.urandom(300_000))]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    path = tmp_path / "archive.tar.gz"
    path.write_bytes(buffer.getvalue()[:-150_000])
    reasons = _reasons(path)
    assert any("truncated" in r for r in reasons.values())


def test_tar_links_and_devices_are_refused(tmp_path: Path) -> None:
    path = write_targz(tmp_path / "a.tar.gz", GOOD)
    with tarfile.open(path, "w:gz") as archive:
        data = io.BytesIO(FRIENDS)
        info = tarfile.TarInfo("connections/friends/your_friends.json")
        info.size = len(FRIENDS)
        archive.addfile(info, data)
        for name, kind in [("sym.json", tarfile.SYMTYPE), ("hard.json", tarfile.LNKTYPE)]:
            link = tarfile.TarInfo(name)
            link.type, link.linkname = kind, "connections/friends/your_friends.json"
            archive.addfile(link)
        fifo = tarfile.TarInfo("pipe")
        fifo.type = tarfile.FIFOTYPE
        archive.addfile(fifo)
        traversal = tarfile.TarInfo("../up.json")
        traversal.size = 2
        archive.addfile(traversal, io.BytesIO(b"{}"))
    reasons = _reasons(path)
    assert reasons[f"{path}:sym.json"] == "symbolic link refused"
    assert reasons[f"{path}:hard.json"] == "hard link refused"
    assert reasons[f"{path}:pipe"] == "not a regular file"
    assert "traversal" in reasons[f"{path}:../up.json"]


def test_folder_symlink_is_not_followed(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "export", GOOD)
    outside = write_folder(tmp_path / "outside", {"your_friends.json": FRIENDS})
    (folder / "linked.json").symlink_to(outside / "your_friends.json")
    (folder / "linked_dir").symlink_to(outside)
    reasons = _reasons(folder)
    assert reasons[str(folder / "linked.json")] == "symbolic link not followed"
    assert reasons[str(folder / "linked_dir")] == "symbolic link not followed"


def test_bad_encoding_and_malformed_json_are_skipped_by_name(tmp_path: Path) -> None:
    files = dict(GOOD)
    files["connections/friends/sent_friend_requests.json"] = (
        '{"sent_requests_v2": [{"name": "Zoë"}]}'.encode("latin-1")
    )
    files["connections/friends/removed_friends.json"] = b'{"deleted_friends_v2": [{"name": '
    files["connections/friends/rejected_friend_requests.json"] = b'{"rejected_requests_v2": [1, 2]}'
    folder = write_folder(tmp_path / "e", files)
    reasons = _reasons(folder)
    base = folder / "connections/friends"
    assert "not UTF-8" in reasons[str(base / "sent_friend_requests.json")]
    assert "malformed JSON" in reasons[str(base / "removed_friends.json")]
    assert reasons[str(base / "rejected_friend_requests.json")].startswith("2 entries")


def test_crc_error_in_a_member_is_reported(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "e.zip", GOOD | {"your_posts_1.json": b"[" + b" " * 500 + b"]"})
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("your_posts_1.json")
    raw[info.header_offset + 30 + len(info.filename) + 5] ^= 0xFF
    path.write_bytes(bytes(raw))
    assert "corrupt" in _reasons(path)[f"{path}:your_posts_1.json"]


def test_html_export_is_named_in_the_error(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "e", {"messages/inbox/x/message_1.html": b"<html></html>", "index.html": b""}
    )
    with pytest.raises(UnsupportedExportError, match="JSON format"):
        read_export(folder)


def test_media_only_folder_is_not_a_supported_export(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "e", {"photos/1.jpg": b"\xff\xd8", "notes.txt": b"hi"})
    with pytest.raises(UnsupportedExportError):
        read_export(folder)


def test_media_is_never_opened(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "e", facebook_files("2026"))
    photo = next(folder.rglob("*.jpg"))
    photo.chmod(0)
    try:
        result = read_export(folder)
    finally:
        photo.chmod(0o644)
    assert result.skipped == []


def test_missing_input_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="export not found"):
        read_exports(tmp_path / "nope.zip")
    with pytest.raises(InputError, match="no export"):
        read_exports()


def test_several_platforms_refused_by_read_export(tmp_path: Path) -> None:
    fb = write_folder(tmp_path / "fb", GOOD)
    li = tmp_path / "Connections.csv"
    li.write_bytes(b"First Name,Last Name,Connected On\nA,B,01 Jan 2020\n")
    with pytest.raises(InputError, match="several platforms"):
        read_export(fb, li)


def test_tar_gz_bomb_is_stopped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name, data in [("a/your_friends.json", FRIENDS), ("b/media.bin", b"\0" * 5 * 1024**2)]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    assert "exceeds the limits" in _reasons(path)[str(path)]
