"""`armslength audit` and `armslength demo` as a user runs them."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from armslength.cli import app

runner = CliRunner()


def test_audit_command_writes_the_report(sample: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "audit",
            str(sample["facebook"]),
            str(sample["linkedin"]),
            "--roster",
            str(sample["roster"]),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Report:" in result.stdout
    assert {p.name for p in out.iterdir()} == {"report.html", "report.json", "actions.csv"}


def test_audit_json_and_quiet(sample: dict[str, Path], tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "audit",
            str(sample["instagram"]),
            "--roster",
            str(sample["roster"]),
            "--out",
            str(tmp_path),
            "--json",
        ],
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["summary"]["platforms"]["instagram"]["connections"] > 0
    quiet = runner.invoke(
        app,
        [
            "audit",
            str(sample["instagram"]),
            "--roster",
            str(sample["roster"]),
            "--out",
            str(tmp_path),
            "-q",
        ],
    )
    assert quiet.exit_code == 0
    assert quiet.stdout == ""


def test_audit_warns_about_skipped_inputs(sample: dict[str, Path], tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"garbage")
    result = runner.invoke(
        app,
        [
            "audit",
            str(bad),
            str(sample["linkedin"]),
            "--roster",
            str(sample["roster"]),
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 0
    assert "skipped" in result.stderr
    assert f"{bad}: not a supported export" in " ".join(result.stderr.split())


def _truncated_facebook(sample: dict[str, Path], folder: Path) -> tuple[Path, int]:
    """The sample Facebook archive unpacked, its friends file cut to a fifth: (folder, friends)."""
    with zipfile.ZipFile(sample["facebook"]) as archive:
        archive.extractall(folder)
    friends = next(folder.rglob("your_friends.json"))
    data = friends.read_bytes()
    total = len(json.loads(data)["friends_v2"])
    friends.write_bytes(data[: len(data) // 5])
    return folder, total


def test_truncated_json_keeps_what_came_before_and_says_so(
    sample: dict[str, Path], tmp_path: Path
) -> None:
    folder, total = _truncated_facebook(sample, tmp_path / "fb")
    args = ["audit", str(folder), "--roster", str(sample["roster"]), "--out", str(tmp_path / "o")]
    result = runner.invoke(app, [*args, "-q"])
    assert result.exit_code == 0
    err = " ".join(result.stderr.split())
    assert "your_friends.json: JSON ends at byte" in err
    kept = int(re.search(r"(\d+) entries before the break were read", err).group(1))  # type: ignore[union-attr]
    assert 0 < kept < total
    friends = [
        c
        for c in json.loads((tmp_path / "o" / "report.json").read_text())["connections"]
        if c["kind"] == "friend"
    ]
    assert len(friends) == kept
    strict = runner.invoke(app, [*args, "-q", "--strict"])
    assert strict.exit_code == 2
    assert "--strict: exit 2" in " ".join(strict.stderr.split())


def test_audit_exits_2_when_nothing_can_be_audited(sample: dict[str, Path], tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"garbage")
    result = runner.invoke(
        app, ["audit", str(bad), "--roster", str(sample["roster"]), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "nothing could be audited" in result.stderr


def test_demo_audits_the_bundled_samples(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "The report is at" in result.stdout
    assert (tmp_path / "demo" / "report.html").exists()
    data = json.loads(runner.invoke(app, ["demo", "--out", str(tmp_path / "d2"), "--json"]).stdout)
    assert data["audit"]["summary"]["connections"] > 0
    assert {"decline", "accept", "review"} <= {a["advice"]["verdict"] for a in data["advice"]}


def test_the_demo_is_logged_and_its_report_can_be_reviewed(tmp_path: Path) -> None:
    """The quick start's demo runs the main job through the core like `audit` does: the
    audit is logged (SQLite by default) and its possible patients carry review ids."""
    out = tmp_path / "demo"
    assert runner.invoke(app, ["demo", "--out", str(out)]).exit_code == 0
    listed = runner.invoke(app, ["review", str(out), "--list"])
    assert listed.exit_code == 0, listed.output
    first = listed.stdout.splitlines()[0].split()
    assert first[0] == "1" and len(first[1]) == 12
    rejected = runner.invoke(app, ["review", str(out), "--reject", "1"])
    assert rejected.exit_code == 0, rejected.output  # kept and logged as match.reviewed


def test_bundled_samples_are_what_the_generator_writes(tmp_path: Path) -> None:
    from armslength.cli.demo import sample_inputs
    from armslength.samples.synthetic import write_sample

    fresh = write_sample(tmp_path)
    exports, roster = sample_inputs()
    assert roster.read_bytes() == fresh["roster"].read_bytes()
    for bundled in exports:
        generated = fresh[bundled.stem]
        if bundled.is_dir():
            for file in bundled.iterdir():
                assert file.read_bytes() == (generated / file.name).read_bytes()
        else:
            assert bundled.read_bytes() == generated.read_bytes()


def test_audit_run_is_recorded_without_phi(sample: dict[str, Path], tmp_path: Path) -> None:
    from armslength.store import open_store

    db = tmp_path / "audit.db"
    env = {"ARMSLENGTH_DATABASE_URL": f"sqlite:///{db}"}
    result = runner.invoke(
        app,
        [
            "audit",
            str(sample["facebook"]),
            "--roster",
            str(sample["roster"]),
            "--out",
            str(tmp_path / "o"),
        ],
        env=env,
    )
    assert result.exit_code == 0, result.output
    store = open_store(f"sqlite:///{db}")
    try:
        events = [e for e in store.events() if e.type == "audit.run"]
        assert len(events) == 1
        ok, _ = store.verify()
        assert ok
    finally:
        store.close()
    raw = db.read_bytes()
    report = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    names = [c["name"] for c in report["connections"] if c["name"]]
    assert names
    for name in names[:50]:
        assert name.encode() not in raw
    for item in report["content"][:50]:
        assert item["text"] is None or item["text"].encode() not in raw
