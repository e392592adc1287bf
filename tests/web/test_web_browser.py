"""The three jobs and the history in a real Chromium against a real ``armslength serve``.

Screenshots go to ``test-artifacts/`` (kept by CI as artifacts).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from _live import Server, shot
from sqlalchemy import text

from armslength.samples.synthetic import Scale, write_sample
from armslength.store import open_store

pytestmark = pytest.mark.browser
NAME = "Zephyrine Quixotelbaum"
DRAFT = f"Lovely chat with Mrs {NAME} (MRN 48213377) on ward 7 today, call her on 555-201-7788"


def submit(page: Any, button: str) -> None:
    """Click a form's submit button; the POST must answer 200 (else show what it said)."""
    with page.expect_response(lambda r: r.request.method == "POST") as info:
        page.get_by_role("button", name=button, exact=True).click()
    response = info.value
    assert response.status == 200, (response.status, response.text()[:300])
    page.wait_for_load_state()


def test_advise_flow(page: Any) -> None:
    page.goto("/")
    page.get_by_role("link", name="Advise").first.click()
    page.get_by_label("Who is the other person to you?").select_option("current-patient")
    page.get_by_label("What did they do?").select_option("friend")
    page.get_by_label("Platform").select_option("facebook")
    submit(page, "Get advice")
    verdict = page.locator("#verdict")
    assert verdict.inner_text() == "Don't connect — send this reply"
    assert page.locator(".action").inner_text().startswith("Do not connect")
    reply = page.get_by_label("Reply to send")
    assert len(reply.input_value()) > 40
    page.get_by_role("button", name="Copy reply").click()
    page.get_by_text("Copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == reply.input_value()
    sources = page.locator(".sources a")
    assert sources.count() >= 1 and not sources.first.is_visible()  # behind the disclosure
    shot(page, "web-advise")
    page.get_by_text("Why, and the guidance behind it").click()
    assert sources.first.is_visible()
    assert "rule current-patient-connection-personal" in page.locator(".reasons").inner_text()


def test_screen_flow_highlights_and_redacts(page: Any) -> None:
    page.goto("/screen")
    page.get_by_label("Text to screen").fill(DRAFT)
    submit(page, "Screen")
    assert page.locator("#risk").inner_text().startswith("Risk: high")
    marks = page.locator(".screened mark")
    assert marks.count() >= 4
    assert NAME in marks.all_inner_texts()[0]
    assert page.locator("ol.findings li").count() == marks.count()
    assert "why" not in page.locator("ol.findings li").first.inner_text().lower()[:3]
    marks.first.locator("a").click()
    assert page.url.endswith("#f1")
    redacted = page.get_by_label("Redacted version").input_value()
    assert NAME not in redacted and "48213377" not in redacted and "[NAME]" in redacted
    shot(page, "web-screen")


def test_screen_on_a_phone(browser: Any, server: Server) -> None:
    context = browser.new_context(
        base_url=server.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    phone = context.new_page()
    phone.goto(server.launch_url)
    phone.goto("/screen")
    phone.get_by_label("Text to screen").fill(DRAFT)
    submit(phone, "Screen")
    phone.locator("#risk").wait_for()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # no sideways scrolling
    shot(phone, "web-screen-phone")
    context.close()


def test_audit_flow(page: Any, tmp_path: Path) -> None:
    small = Scale(patients=40, friends=15, followers=10, connections=8, posts=10, risky=0.4)
    sample = write_sample(tmp_path, small, seed=5)
    page.goto("/audit")
    page.get_by_label("Archives").set_input_files(
        [str(sample["facebook"]), str(sample["instagram"])]
    )
    page.get_by_label("Patient roster").set_input_files(str(sample["roster"]))
    page.get_by_role("button", name="Start the audit").click()
    page.wait_for_url(re.compile(r"/audit/[0-9a-f]+$"))
    page.get_by_role("heading", name="Done").wait_for()
    assert int(page.locator(".summary dd").first.inner_text()) > 0
    shot(page, "web-audit")
    csv = page.request.get(page.url + "/actions.csv")
    assert csv.status == 200 and csv.text().count("\n") >= 1
    assert page.request.get(page.url + "/secrets.txt").status == 404
    page.get_by_role("link", name="Open the full report").click()
    page.wait_for_load_state()
    assert page.url.endswith("/report.html")
    shot(page, "web-audit-report")


def test_history_filters_and_verify(page: Any, server: Server) -> None:
    page.goto("/history")
    page.get_by_label("Event type").select_option("text.screened")
    with page.expect_navigation():  # the filtered page has loaded before rows are counted
        page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    rows = page.locator("tbody tr")
    assert rows.count() >= 1
    assert set(page.locator("tbody tr td:nth-child(3)").all_inner_texts()) == {"text.screened"}
    page.get_by_role("button", name="Verify the chain").click()
    page.get_by_text("hash chain is intact").wait_for()
    shot(page, "web-history")


def test_every_form_control_has_a_label(page: Any) -> None:
    for path in ("/advise", "/screen", "/audit", "/history"):
        page.goto(path)
        unlabeled = page.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                 .filter(el => !(el.labels && el.labels.length)).map(el => el.name)"""
        )
        assert unlabeled == [], path
        assert page.locator("h1").count() == 1


def test_forms_without_csrf_token_are_refused(page: Any) -> None:
    page.goto("/screen")
    response = page.request.post("/screen", form={"text": "hello", "kind": "post"})
    assert response.status == 403


def test_server_log_and_database_hold_no_text(page: Any, server: Server) -> None:
    page.goto("/screen")
    page.get_by_label("Text to screen").fill(DRAFT)
    submit(page, "Screen")
    page.locator("#risk").wait_for()
    log = server.log.read_text()
    assert "POST /screen 200" in log
    store = open_store(server.db_url)
    with store.engine.connect() as conn:
        rows = " ".join(str(tuple(r)) for r in conn.execute(text("SELECT * FROM events")))
    for word in NAME.split():
        assert word not in log and word not in rows
    assert store.verify() == (True, None)
