"""The web routes in-process: forms, CSRF, errors, audit pages, history filters."""

from __future__ import annotations

import re
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _local import browser_client, launch
from armslength.config import Settings
from armslength.model import Category, Finding, Severity
from armslength.samples.synthetic import Scale, write_sample
from armslength.server import Limits, create_app
from armslength.store import open_store
from armslength.web._details import event_details
from armslength.web._highlight import ordered, pieces
from armslength.web._routes import may_be_patients

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture
def web(tmp_path: Path) -> Iterator[TestClient]:
    store = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    app = create_app(Settings(), store, limits=Limits(max_text_chars=500))
    with browser_client(app) as client:
        launch(client)
        yield client
    store.close()


def form(client: TestClient, **fields: str) -> dict[str, str]:
    return {"csrf_token": client.cookies["armslength_csrf"], **fields}


def test_advise_form(web: TestClient) -> None:
    page = web.post(
        "/advise",
        data=form(
            web, relationship="current-patient", kind="friend", preexisting="on", message="hello"
        ),
    )
    assert page.status_code == 200
    assert 'id="verdict"' in page.text
    assert "checked" in page.text
    decline = web.post("/advise", data=form(web, relationship="current-patient", tone="formal"))
    assert "Decline" in decline.text and "Copy reply" in decline.text
    bad = web.post("/advise", data=form(web, relationship="stranger"))
    assert bad.status_code == 422 and "Please check the choices" in bad.text


def test_screen_form_errors(web: TestClient) -> None:
    assert web.post("/screen", data=form(web, text="   ")).status_code == 422
    assert web.post("/screen", data=form(web, text="hi", kind="tweet")).status_code == 422
    assert web.post("/screen", data=form(web, text="x" * 501)).status_code == 413
    clean = web.post("/screen", data=form(web, text="Nice weather", kind="comment"))
    assert clean.status_code == 200 and "No findings" in clean.text


def test_csrf_is_required(web: TestClient) -> None:
    assert web.post("/screen", data={"text": "hi"}).status_code == 403
    assert web.post("/screen", data={"text": "hi", "csrf_token": "wrong"}).status_code == 403


def test_audit_pages(web: TestClient, tmp_path: Path) -> None:
    sample = write_sample(
        tmp_path / "s", Scale(patients=30, friends=10, followers=5, connections=5, posts=5), seed=3
    )
    assert web.post("/audit", data=form(web)).status_code == 422
    files = [
        ("exports", ("facebook.zip", sample["facebook"].read_bytes(), "application/zip")),
        ("roster", ("roster.csv", sample["roster"].read_bytes(), "text/csv")),
    ]
    started = web.post("/audit", data=form(web), files=files, follow_redirects=False)
    assert started.status_code == 303
    url = started.headers["location"]
    deadline = time.monotonic() + 60
    page = web.get(url)
    while "<h2>Done</h2>" not in page.text and time.monotonic() < deadline:
        assert 'http-equiv="refresh"' in page.text
        time.sleep(0.2)
        page = web.get(url)
    assert "Open the full report" in page.text
    report = web.get(url + "/report.json").json()
    assert report["summary"]["connections"] > 0
    floor = report["summary"]["thresholds"]["review"]
    shown = [float(x) for x in re.findall(r"<td>(\d\.\d\d)</td>", page.text)]
    assert all(score >= floor for score in shown)
    history = web.get("/history", params={"type": "audit.run"}).text
    assert "actions_by_type" not in history and "connections" in history
    assert re.search(r"\d+ actions \(", history)
    assert web.get(url + "/nope.txt").status_code == 404
    assert web.get("/audit/nope").status_code == 404
    assert web.get("/audit/nope/report.html").status_code == 404


def test_failed_audit_page(web: TestClient) -> None:
    files = [
        ("exports", ("x.bin", b"nothing", "application/octet-stream")),
        ("roster", ("r.csv", b"id\n", "text/csv")),
    ]
    url = web.post("/audit", data=form(web), files=files, follow_redirects=False).headers[
        "location"
    ]
    deadline = time.monotonic() + 30
    page = web.get(url)
    while "failed" not in page.text and time.monotonic() < deadline:
        time.sleep(0.1)
        page = web.get(url)
    assert "The audit failed" in page.text


def test_history_filters(web: TestClient) -> None:
    web.post("/screen", data=form(web, text="hello there"))
    web.post("/advise", data=form(web, relationship="colleague"))
    page = web.get(
        "/history", params={"type": "advice.given", "since": "2000-01-01", "until": "2999-01-01"}
    )
    assert page.text.count("<tr><td>") == 1 and "advice.given" in page.text
    assert "No events match" in web.get("/history", params={"since": "2999-01-01"}).text
    assert (
        web.get("/history", params={"since": "not-a-date", "type": "bogus"}).text.count("<tr><td>")
        == 2
    )
    assert "chain is intact" in web.get("/history", params={"verify": "1"}).text
    web.post("/screen", data=form(web, text="Call Mrs Ada Whitfield on 555-201-7788"))
    table = web.get("/history", params={"type": "text.screened"}).text
    assert "phi-phone" in table and "['" not in table and "{'" not in table


def finding(start: int, end: int) -> Finding:
    return Finding(
        start=start,
        end=end,
        text="x",
        category=Category.PHI,
        severity=Severity.HIGH,
        score=1,
        rule="r",
        why="w",
    )


def test_pieces_skip_overlaps_and_out_of_range() -> None:
    text = "abcdefghij"
    found = ordered([finding(5, 8), finding(0, 3), finding(1, 2), finding(8, 99)])
    parts = pieces(text, found)
    assert [p.text for p in parts] == ["abc", "de", "fgh", "ij"]
    assert [p.number for p in parts] == [1, None, 3, None]


def test_audit_table_is_riskiest_first_and_hides_low_scores() -> None:
    def connection(platform: str, score: float, verdict: str | None) -> dict[str, Any]:
        advice = {"verdict": verdict} if verdict else None
        return {"platform": platform, "match": {"score": score}, "advice": advice}

    report = {
        "summary": {"thresholds": {"patient": 0.8, "review": 0.5}},
        "connections": [
            connection("facebook", 0.01, None),
            connection("facebook", 0.6, "review"),
            connection("instagram", 0.9, "decline"),
            connection("linkedin", 0.7, "review"),
        ],
    }
    shown = may_be_patients(report)
    assert [(c["platform"], c["match"]["score"]) for c in shown] == [
        ("instagram", 0.9),
        ("linkedin", 0.7),
        ("facebook", 0.6),
    ]
    assert may_be_patients(None) == []


def test_history_details_read_as_sentences() -> None:
    details = event_details(
        {
            "counts": {"connections": 310, "actions": 52, "actions_by_type.delete": 21},
            "roster_sha256": "a" * 64,
            "verdict": "decline",
        }
    )
    assert details.headline == ["310 connections", "52 actions (delete 21)", "verdict: decline"]
    assert details.more == ["roster sha256 aaaaaaaaaaaa…"]
