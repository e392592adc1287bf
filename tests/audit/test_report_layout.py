"""report.html's layout in a real Chromium (Playwright), at laptop and phone widths and in print.

Screenshots go to ``test-artifacts/`` (kept by CI as artifacts).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _chromium import launched_browser
from armslength.audit import run_audit

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
FOLD = 900
CONNECTION_VERBS = {"unfriend", "remove-follower", "unfollow", "decline-request", "review"}


@pytest.fixture(scope="module")
def report(sample: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("layout-report")
    inputs = [sample["facebook"], sample["instagram"], sample["linkedin"]]
    return run_audit(inputs, sample["roster"], out).files["html"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_browser() as launched:
        yield launched


def open_report(browser: Any, report: Path, width: int) -> Any:
    page = browser.new_page(viewport={"width": width, "height": FOLD})
    page.goto(report.as_uri())
    return page


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_start_here_is_above_the_fold_on_a_laptop(browser: Any, report: Path) -> None:
    page = open_report(browser, report, 1400)
    first = page.locator('[data-testid="start-action"]').first.bounding_box()
    assert first is not None and first["y"] + 40 < FOLD
    assert page.locator('[data-testid="start-action"]').count() == 3
    shot(page, "report-1400")
    page.close()


def test_platform_column_fits_facebook_on_one_line(browser: Any, report: Path) -> None:
    page = open_report(browser, report, 1400)
    cell = page.locator('table.actions td.platform:text-is("facebook")').first
    text_lines = cell.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e);"
        " return r.getClientRects().length; }"
    )
    assert text_lines == 1
    page.close()


def test_phone_has_no_sideways_scrolling(browser: Any, report: Path) -> None:
    page = open_report(browser, report, 390)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    wide = page.evaluate(
        "Array.from(document.querySelectorAll('main *'))"
        ".filter(e => e.getBoundingClientRect().right > 391).length"
    )
    assert wide == 0
    first = page.locator('[data-testid="start-action"]').first.bounding_box()
    assert first is not None and first["y"] < FOLD
    shot(page, "report-390")
    page.close()


def test_every_connection_action_shows_its_reply(browser: Any, report: Path) -> None:
    page = open_report(browser, report, 1400)
    rows = page.locator('[data-testid="action"]')
    verbs = rows.locator(".badge").all_inner_texts()
    expected = sum(1 for verb in verbs if verb in CONNECTION_VERBS)
    assert expected >= 1
    assert page.locator('[data-testid="reply"]').count() == expected
    page.close()


def test_each_limitation_is_shown_once(browser: Any, report: Path) -> None:
    page = open_report(browser, report, 1400)
    texts = page.locator('[data-testid="limitation"]').all_inner_texts()
    assert texts and len(texts) == len(set(texts))
    page.close()


def test_generated_time_reads_as_a_date(browser: Any, report: Path) -> None:
    page = open_report(browser, report, 1400)
    shown = page.locator("header time").inner_text()
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC", shown), shown
    page.close()


@pytest.mark.parametrize(("paper", "width_mm"), [("A4", 210), ("Letter", 216)])
def test_action_list_prints_within_the_page(
    browser: Any, report: Path, paper: str, width_mm: int
) -> None:
    printable = round((width_mm - 24) / 25.4 * 96)  # 12 mm margins, 96 px an inch
    page = browser.new_page(viewport={"width": printable, "height": 1000})
    page.goto(report.as_uri())
    page.emulate_media(media="print")
    table = page.locator("table.actions")
    assert table.evaluate("e => e.scrollWidth") <= printable
    hidden = page.locator('[data-testid="action"]').evaluate_all(
        "rows => rows.filter(r => r.offsetParent === null).length"
    )
    assert hidden == 0  # every page of the paginated list prints
    pdf = page.pdf(format=paper)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.close()


def test_csv_and_json_carry_the_replies(report: Path) -> None:
    with (report.parent / "actions.csv").open(encoding="utf-8") as stream:
        rows = [r for r in csv.DictReader(stream) if r["action"] in CONNECTION_VERBS]
    assert rows and all(r["reply"] for r in rows)
    document = json.loads((report.parent / "report.json").read_text(encoding="utf-8"))
    actions = [a for a in document["actions"] if a["action"] in CONNECTION_VERBS]
    assert all(a["reply"] for a in actions)
