"""Decisions made in the web page, the API or the CLI are honoured by the next audit of any
face; stored decisions and events hold keyed hashes only."""

from __future__ import annotations

import json
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from _local import browser_client, launch, local_client
from _review_export import (
    FRIENDS,
    RECEIVED,
    REJECTED,
    REMOVED,
    ROSTER,
    facebook_export,
    facebook_zip,
    roster_file,
)
from armslength.cli import app
from armslength.config import Settings
from armslength.server import create_app
from armslength.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def cli(*args: object, input: str | None = None) -> Any:
    result = CliRunner().invoke(app, [str(a) for a in args], input=input)
    return result


def cli_audit(tmp_path: Path, out: str) -> dict[str, Any]:
    export = tmp_path / "facebook-clinician2025"
    if not export.exists():
        facebook_export(tmp_path)
    result = cli("audit", export, "--roster", roster_file(tmp_path), "--out", tmp_path / out, "-q")
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads((tmp_path / out / "report.json").read_text())
    return report


def by_name(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in report["connections"]}


def review_id(report: dict[str, Any], name: str) -> str:
    match = by_name(report)[name]["match"]
    assert match is not None and match["review_id"]
    return str(match["review_id"])


@pytest.fixture
def web(db: str) -> Iterator[TestClient]:
    store = open_store(db)
    with browser_client(create_app(Settings(), store)) as client:
        launch(client)
        yield client
    store.close()


@pytest.fixture
def api(db: str) -> Iterator[TestClient]:
    store = open_store(db)
    with local_client(create_app(Settings(), store)) as client:
        yield client
    store.close()


def _csrf(client: TestClient, **fields: str) -> dict[str, str]:
    return {"csrf_token": client.cookies["armslength_csrf"], **fields}


def web_audit(client: TestClient, tmp_path: Path) -> tuple[str, dict[str, Any]]:
    """Upload the export and the roster in the audit form; the job id and its report."""
    archive = facebook_zip(tmp_path / "upload")
    files = [
        ("exports", (archive.name, archive.read_bytes(), "application/zip")),
        ("roster", ("roster.csv", ROSTER.encode(), "text/csv")),
    ]
    started = client.post("/audit", data=_csrf(client), files=files, follow_redirects=False)
    assert started.status_code == 303, started.text[:300]
    job = started.headers["location"].rsplit("/", 1)[1]
    while 'data-status="done"' not in (page := client.get(f"/audit/{job}").text):
        assert 'data-status="failed"' not in page, page
        time.sleep(0.05)
    report: dict[str, Any] = client.get(f"/audit/{job}/report.json").json()
    return job, report


def test_a_removed_friend_is_matched_and_dated(db: str, tmp_path: Path) -> None:
    report = cli_audit(tmp_path, "out")
    removed = by_name(report)[REMOVED[0][0]]
    assert removed["kind"] == "removed" and removed["match"]["patient_id"] == "P1002"
    assert removed["meaning"].startswith("You were connected until 14 November 2023")
    rejected = by_name(report)[REJECTED[0][0]]
    assert (
        rejected["match"]["patient_id"] == "P1003" and "nothing left to do" in rejected["meaning"]
    )
    actions = {a["target"]: a for a in report["actions"]}
    assert actions[REMOVED[0][0]]["action"] == "check-messages"  # nothing to unfriend
    assert REJECTED[0][0] not in actions  # a declined request: nothing to do
    assert actions[FRIENDS[0][0]]["action"] == "unfriend"
    assert actions[RECEIVED[0][0]]["action"] == "decline-request"
    csv = (tmp_path / "out" / "actions.csv").read_text()
    assert "You were connected until 14 November 2023" in csv
    html = (tmp_path / "out" / "report.html").read_text()
    assert "You declined this request (on 22 July 2023)" in html
    assert html.count('data-testid="reviewable"') == 4
    assert f"<code>{review_id(report, REMOVED[0][0])}</code>" in html


def test_cli_decisions_are_honoured_by_the_next_audit(db: str, tmp_path: Path) -> None:
    first = cli_audit(tmp_path, "one")
    assert first["summary"]["since_last"] == {}  # the first audit of this platform
    listed = cli("review", tmp_path / "one", "--list")
    assert listed.exit_code == 0 and review_id(first, FRIENDS[0][0]) in listed.output
    result = cli("review", tmp_path / "one", "--reject", review_id(first, FRIENDS[0][0]))
    assert result.exit_code == 0, result.output
    assert "1 decision(s) kept" in result.output
    second = cli_audit(tmp_path, "two")
    assert by_name(second)[FRIENDS[0][0]]["match"] is None  # rejected: stays quiet
    assert FRIENDS[0][0] not in {a["target"] for a in second["actions"]}
    assert second["summary"]["reviews_applied"] == {"rejected": 1}
    since = second["summary"]["since_last"]["facebook"]
    assert since["new_connections"] == 0 and since["resolved_actions"] == 1
    assert all(c["new"] is False for c in second["connections"])
    assert "1 action resolved" in (tmp_path / "two" / "report.html").read_text()


def test_interactive_review_and_unknown_ids(db: str, tmp_path: Path) -> None:
    report = cli_audit(tmp_path, "one")
    # the list is best first, then by platform, account: answer reject, skip, skip, confirm
    asked = cli("review", tmp_path / "one", input="s\ns\nr\ns\n")
    assert asked.exit_code == 0, asked.output
    assert asked.output.count("[c]onfirm, [r]eject or [s]kip") == 4
    assert "1 decision(s) kept" in asked.output
    bad = cli("review", tmp_path / "one", "--confirm", "0123456789ab")
    assert bad.exit_code == 2 and "no possible patient with review id" in bad.output
    assert "Oyelaran" not in bad.output
    by_number = cli("review", tmp_path / "one", "--confirm", "1", "--json")
    assert by_number.exit_code == 0, by_number.output
    assert json.loads(by_number.output)["reviews"][0]["decision"] == "confirmed"
    assert len(report["connections"]) == 5


def test_a_web_decision_is_honoured_by_the_next_cli_audit(
    db: str, web: TestClient, tmp_path: Path
) -> None:
    job, report = web_audit(web, tmp_path)
    page = web.get(f"/audit/{job}").text
    assert page.count('data-testid="possible-patient"') == 4
    rid = review_id(report, REMOVED[0][0])
    done = web.post(
        f"/audit/{job}/review",
        data=_csrf(web, review_id=rid, decision="rejected"),
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"].endswith(f"#review-{rid}")
    assert '<strong data-testid="decision">rejected</strong>' in web.get(f"/audit/{job}").text
    no_csrf = web.post(f"/audit/{job}/review", data={"review_id": rid, "decision": "rejected"})
    assert no_csrf.status_code in (400, 403)
    unknown = web.post(
        f"/audit/{job}/review", data=_csrf(web, review_id="0" * 12, decision="confirmed")
    )
    assert unknown.status_code == 404
    after = cli_audit(tmp_path, "cli")
    assert by_name(after)[REMOVED[0][0]]["match"] is None
    assert "check-messages" not in {a["action"] for a in after["actions"]}


def test_a_cli_decision_is_honoured_by_the_next_web_audit(
    db: str, web: TestClient, tmp_path: Path
) -> None:
    report = cli_audit(tmp_path, "cli")
    target = REJECTED[0][0]
    assert cli("review", tmp_path / "cli", "--confirm", review_id(report, target)).exit_code == 0
    _, web_report = web_audit(web, tmp_path)
    match = by_name(web_report)[target]["match"]
    assert match["score"] == 1.0 and match["review"] == "confirmed"
    assert "you confirmed this match in a review" in match["evidence"]
    assert web_report["summary"]["reviews_applied"] == {"confirmed": 1}


def test_an_api_decision_is_honoured_by_the_next_cli_audit(
    db: str, api: TestClient, tmp_path: Path
) -> None:
    archive = facebook_zip(tmp_path / "upload")
    files = [
        ("exports", (archive.name, archive.read_bytes(), "application/zip")),
        ("roster", ("roster.csv", ROSTER.encode(), "text/csv")),
    ]
    job = api.post("/api/v1/audits", files=files).json()
    while (state := api.get(f"/api/v1/audits/{job['id']}").json())["status"] != "done":
        assert state["status"] != "failed", state
        time.sleep(0.05)
    rid = review_id(state["report"], RECEIVED[0][0])
    url = f"/api/v1/audits/{job['id']}/reviews"
    kept = api.post(url, json={"decisions": [{"review_id": rid, "decision": "rejected"}]})
    assert kept.status_code == 200, kept.text
    assert kept.json()["reviews"][0] | {"event_id": 0} == {
        "review_id": rid, "decision": "rejected", "event_id": 0,
    }  # fmt: skip
    event = api.get("/api/v1/events", params={"type": "match.reviewed"}).json()["events"][0]
    assert event["data"]["source"] == "api" and event["data"]["decision"] == "rejected"
    assert (
        api.post(
            url, json={"decisions": [{"review_id": "0" * 12, "decision": "rejected"}]}
        ).status_code
        == 404
    )
    assert (
        api.post(url, json={"decisions": [{"review_id": rid, "decision": "maybe"}]}).status_code
        == 422
    )
    assert (
        api.post(
            "/api/v1/audits/nope/reviews",
            json={"decisions": [{"review_id": rid, "decision": "rejected"}]},
        ).status_code
        == 404
    )
    after = cli_audit(tmp_path, "cli")
    assert by_name(after)[RECEIVED[0][0]]["match"] is None


def test_no_name_or_id_in_the_stored_decisions_or_events(
    db: str, web: TestClient, tmp_path: Path
) -> None:
    report = cli_audit(tmp_path, "one")
    ids = [review_id(report, name) for name, _ in FRIENDS[:1] + REMOVED + REJECTED]
    assert cli("review", tmp_path / "one", "--reject", ids[0], "--confirm", ids[1]).exit_code == 0
    job, web_report = web_audit(web, tmp_path)
    rid = review_id(web_report, RECEIVED[0][0])
    web.post(f"/audit/{job}/review", data=_csrf(web, review_id=rid, decision="rejected"))
    cli_audit(tmp_path, "two")
    store = open_store(db)
    assert store.count("match.reviewed") == 3 and len(store.reviews()) == 3
    store.close()
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("audit.db*"))
    assert len(stored) > 10_000 and b"match.reviewed" in stored  # the log's own bytes
    for name, _ in FRIENDS + REMOVED + REJECTED + RECEIVED:
        for part in name.split():
            assert part.encode() not in stored, part
    for patient in ("P1001", "P1002", "P1003", "P1004", "p1001", "p1002", "p1003", "p1004"):
        assert patient.encode() not in stored, patient
    for rid in ids:
        assert rid.encode() not in stored  # not even the report's review ids


def test_an_audit_without_a_roster_writes_the_three_files(db: str, tmp_path: Path) -> None:
    export = facebook_export(tmp_path)
    out = tmp_path / "out"
    result = cli("audit", export, "--out", out)
    assert result.exit_code == 0, result.output
    assert "No roster was given" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["actions.csv", "report.html", "report.json"]
    report = json.loads((out / "report.json").read_text())
    summary = report["summary"]
    assert summary["roster"] is None and summary["roster_given"] is False
    assert summary["patients_among_connections"] == 0 and summary["connections"] == 5
    assert all(c["match"] is None and c["meaning"] for c in report["connections"])
    assert summary["flagged_content"] == 1  # the content screen still runs
    actions = {a["action"]: a for a in report["actions"]}
    assert set(actions) == {"delete", "separate-accounts", "review"}
    pending = actions["review"]  # a request waiting for an answer: find out first
    assert pending["target"] == RECEIVED[0][0] and "Find out before you accept" in pending["reason"]
    assert pending["detail"].startswith("This account asked to connect on 30 August 2024")
    assert 'data-testid="no-roster"' in (out / "report.html").read_text()
    assert cli("review", out).output.startswith("No possible patients to review")


def test_web_and_api_audits_without_a_roster(
    db: str, web: TestClient, api: TestClient, tmp_path: Path
) -> None:
    archive = facebook_zip(tmp_path / "upload")
    upload = [("exports", (archive.name, archive.read_bytes(), "application/zip"))]
    started = web.post("/audit", data=_csrf(web), files=upload, follow_redirects=False)
    assert started.status_code == 303, started.text[:300]
    job = started.headers["location"].rsplit("/", 1)[1]
    while 'data-status="done"' not in (page := web.get(f"/audit/{job}").text):
        assert 'data-status="failed"' not in page, page
        time.sleep(0.05)
    assert web.get(f"/audit/{job}/report.json").json()["summary"]["roster_given"] is False
    assert 'data-testid="no-roster"' in page
    created = api.post("/api/v1/audits", files=upload).json()
    while (state := api.get(f"/api/v1/audits/{created['id']}").json())["status"] != "done":
        assert state["status"] != "failed", state
        time.sleep(0.05)
    assert state["report"]["summary"]["roster"] is None
    assert state["report"]["summary"]["flagged_content"] == 1
