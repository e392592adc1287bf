"""report.html in a real headless Chromium: it renders offline, and the key parts are there."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from _chromium import FLAGS, chromium_path
from armslength.audit import run_audit

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [chromium_path(), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def report_html(sample: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser-report")
    inputs = [sample["facebook"], sample["instagram"], sample["linkedin"]]
    return run_audit(inputs, sample["roster"], out).files["html"]


def test_report_renders_summary_actions_and_highlights(report_html: Path, tmp_path: Path) -> None:
    result = run_chromium(tmp_path, "--dump-dom", report_html.as_uri())
    dom = result.stdout
    assert '<h2 id="summary-h">Summary</h2>' in dom
    assert re.search(r'data-testid="patients">\d+<', dom)
    assert dom.count('data-testid="action"') >= 1
    assert re.search(r'<mark class="high"[^>]*title="[^"]+">', dom)
    assert 'class="pager"' in dom or dom.count('data-testid="flagged"') <= 50


def test_report_is_self_contained(report_html: Path) -> None:
    html = report_html.read_text(encoding="utf-8")
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
    assert "@import" not in html
    assert "<script src" not in html


def test_report_screenshots(report_html: Path, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for name, size in (("report-laptop.png", "1280,2000"), ("report-phone.png", "390,1800")):
        target = ARTIFACTS / name
        target.unlink(missing_ok=True)
        run_chromium(
            tmp_path, f"--window-size={size}", f"--screenshot={target}", report_html.as_uri()
        )
        assert target.exists()
        assert target.stat().st_size > 10_000
