"""The audit end to end on synthetic exports in the real platform formats."""

from __future__ import annotations

import csv
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from armslength.audit import AuditOptions, Thresholds, report_schema, run_audit
from armslength.audit._schema import generated_schema
from armslength.config import Channels, Profile, Settings
from armslength.errors import InputError, RosterError
from armslength.model import Platform

FIXED = AuditOptions(now=lambda: datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
SETTINGS = Settings(
    profile=Profile(
        practice_name="Riverside Surgery", channels=Channels(portal="https://portal.example")
    )
)


def exports(sample: dict[str, Path]) -> list[Path]:
    return [sample["facebook"], sample["instagram"], sample["linkedin"]]


@pytest.fixture(scope="module")
def report(sample: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("out")
    result = run_audit(exports(sample), sample["roster"], out, settings=SETTINGS, options=FIXED)
    assert set(result.files) == {"json", "csv", "html"}
    return {"result": result, "out": out, "json": json.loads((out / "report.json").read_text())}


def test_report_json_follows_the_contract(report: dict[str, object]) -> None:
    data = report["json"]
    assert isinstance(data, dict)
    assert set(data) >= {"summary", "connections", "content"}
    first = data["connections"][0]
    assert set(first) >= {"platform", "kind", "name", "match", "advice"}
    matched = [c for c in data["connections"] if c["match"]]
    assert matched
    assert set(matched[0]["match"]) >= {"patient_id", "score"}
    assert set(data["content"][0]) >= {"platform", "kind", "timestamp", "risk", "findings"}
    assert data["summary"]["platforms"].keys() == {"facebook", "instagram", "linkedin"}


def test_report_json_validates_against_the_shipped_schema(report: dict[str, object]) -> None:
    jsonschema.validate(report["json"], report_schema())


def test_shipped_schema_matches_the_model() -> None:
    assert report_schema() == json.loads(json.dumps(generated_schema()))


def test_patients_are_found_and_get_advice(report: dict[str, object]) -> None:
    data = report["json"]
    assert isinstance(data, dict)
    patients = [c for c in data["connections"] if c["match"] and c["match"]["score"] >= 0.8]
    assert patients, "the sample plants patients among connections"
    for connection in patients:
        assert connection["advice"]["verdict"] in {"decline", "review"}
    requests = [
        c for c in patients if c["kind"] == "request_received" and c["account"] == "personal"
    ]
    for connection in requests:
        assert connection["advice"]["verdict"] == "decline"
        assert "https://portal.example" in connection["advice"]["reply"]


def test_actions_are_ordered_and_written_as_csv(report: dict[str, object]) -> None:
    out = report["out"]
    assert isinstance(out, Path)
    with (out / "actions.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert rows
    assert [int(r["rank"]) for r in rows] == list(range(1, len(rows) + 1))
    priorities = [int(r["priority"]) for r in rows]
    assert priorities == sorted(priorities, reverse=True)
    assert {"delete", "unfriend"} & {r["action"] for r in rows}
    assert all(r["reason"] and r["rule"] for r in rows)


def test_risky_content_is_flagged_with_redaction(report: dict[str, object]) -> None:
    data = report["json"]
    assert isinstance(data, dict)
    flagged = [c for c in data["content"] if c["risk"] == "high"]
    assert flagged
    for item in flagged:
        for finding in item["findings"]:
            assert item["text"][finding["start"] : finding["end"]] == finding["text"]
        names = [f["text"] for f in item["findings"] if f["label"] == "NAME"]
        for name in names:
            assert name not in item["redacted"]


def test_separation_flags_a_clinician_presenting_on_a_personal_account(
    report: dict[str, object],
) -> None:
    data = report["json"]
    assert isinstance(data, dict)
    assert {f["rule"] for f in data["separation"]} & {
        "title-in-post",
        "workplace-in-post",
        "shift-talk",
    }


def test_platform_limitations_are_reported(report: dict[str, object]) -> None:
    data = report["json"]
    assert isinstance(data, dict)
    assert any(limit["platform"] == "instagram" for limit in data["limitations"])


def test_same_inputs_give_the_same_report(
    sample: dict[str, Path], report: dict[str, object], tmp_path: Path
) -> None:
    run_audit(exports(sample), sample["roster"], tmp_path, settings=SETTINGS, options=FIXED)
    out = report["out"]
    assert isinstance(out, Path)
    for name in ("report.json", "actions.csv", "report.html"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_professional_account_followers_are_accepted(
    sample: dict[str, Path], tmp_path: Path
) -> None:
    options = AuditOptions(
        professional=frozenset({Platform.INSTAGRAM}), thresholds=Thresholds(0.5, 0.3)
    )
    result = run_audit(
        [sample["instagram"]], sample["roster"], tmp_path, settings=SETTINGS, options=options
    )
    followers = [c for c in result.document.connections if c.kind == "follower" and c.advice]
    assert followers
    assert {c.advice["verdict"] for c in followers if c.advice} == {"accept"}
    assert all(c.account == "professional" for c in followers)


def test_a_bad_export_among_good_ones_is_skipped(sample: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("nothing here", encoding="utf-8")
    result = run_audit(
        [broken, sample["facebook"], empty], sample["roster"], tmp_path / "out", settings=SETTINGS
    )
    paths = [s.path for s in result.document.skipped]
    assert any("broken.zip" in p for p in paths)
    assert any("empty" in p for p in paths)
    assert result.summary.connections > 0


def test_nothing_readable_is_an_error(sample: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip at all")
    with pytest.raises(InputError, match="nothing could be audited"):
        run_audit([broken], sample["roster"], tmp_path / "out")


def test_roster_bad_rows_are_listed_without_their_content(
    sample: dict[str, Path], tmp_path: Path
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        sample["roster"].read_text(encoding="utf-8")
        + ",,,,\nP9999999,Zebedee,,not-a-date,Nowhere\n",
        encoding="utf-8",
    )
    result = run_audit([sample["linkedin"]], roster, tmp_path / "out", settings=SETTINGS)
    roster_skips = [s for s in result.document.skipped if s.path.startswith(str(roster))]
    assert roster_skips
    report_text = (tmp_path / "out" / "report.json").read_text(encoding="utf-8")
    assert "Zebedee" not in json.dumps([s.model_dump() for s in roster_skips])
    assert result.summary.roster.skipped_rows == len(roster_skips)
    assert report_text


def test_missing_roster_is_an_error(sample: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(RosterError):
        run_audit([sample["linkedin"]], tmp_path / "absent.csv", tmp_path / "out")


def test_zip_members_with_traversal_are_refused(sample: dict[str, Path], tmp_path: Path) -> None:
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(sample["facebook"]) as source, zipfile.ZipFile(evil, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("../../escape.json", b"{}")
    result = run_audit([evil], sample["roster"], tmp_path / "out", settings=SETTINGS)
    assert any("escape.json" in s.path for s in result.document.skipped)
    assert not (tmp_path.parent / "escape.json").exists()


def test_parallel_screening_gives_the_same_report(sample: dict[str, Path], tmp_path: Path) -> None:
    serial = AuditOptions(now=FIXED.now, workers=1)
    parallel = AuditOptions(now=FIXED.now, workers=2)
    one = run_audit(
        exports(sample), sample["roster"], tmp_path / "one", settings=SETTINGS, options=serial
    )
    two = run_audit(
        exports(sample), sample["roster"], tmp_path / "two", settings=SETTINGS, options=parallel
    )
    assert one.document == two.document
    assert (tmp_path / "one" / "report.json").read_bytes() == (
        tmp_path / "two" / "report.json"
    ).read_bytes()


def test_input_hashes_are_the_ones_the_api_and_log_use(
    report: dict[str, object], sample: dict[str, Path]
) -> None:
    from armslength.store import file_hash

    data = report["json"]
    assert isinstance(data, dict)
    hashes = {i["name"]: i["sha256"] for i in data["summary"]["inputs"]}
    assert hashes["linkedin"] == file_hash(sample["linkedin"])
    assert hashes["facebook.zip"] == file_hash(sample["facebook"])
    assert data["summary"]["roster"]["sha256"] == file_hash(sample["roster"])
