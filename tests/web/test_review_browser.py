"""In a real Chromium against a real ``armslength serve``: the Reject button on a possible
patient is honoured by the next CLI audit on the same installation."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from _live import Server, shot
from typer.testing import CliRunner

from _review_export import REMOVED, facebook_export, facebook_zip, roster_file
from armslength.cli import app

pytestmark = pytest.mark.browser


def test_reject_in_the_page_then_audit_on_the_command_line(
    page: Any, server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = facebook_zip(tmp_path / "upload")
    roster = roster_file(tmp_path)
    page.goto("/audit")
    page.get_by_label("Archives").set_input_files([str(archive)])
    page.get_by_label("Patient roster").set_input_files(str(roster))
    page.get_by_role("button", name="Start the audit").click()
    page.wait_for_url(re.compile(r"/audit/[0-9a-f]+$"))
    page.get_by_role("heading", name="Done").wait_for()
    name, _ = REMOVED[0]
    row = page.get_by_test_id("possible-patient").filter(has_text=name)
    assert "You were connected until 14 November 2023" in row.inner_text()
    row.get_by_role("button", name=re.compile(f"^Reject: {name}")).click()
    page.wait_for_load_state()
    decided = page.get_by_test_id("possible-patient").filter(has_text=name)
    assert decided.get_by_test_id("decision").inner_text() == "rejected"
    shot(page, "web-audit-reviewed")
    # the same installation: the server's data folder (its key) and audit log
    monkeypatch.setenv("XDG_DATA_HOME", str(server.log.parent / "data"))
    monkeypatch.setenv("ARMSLENGTH_DATABASE_URL", server.db_url)
    export = facebook_export(tmp_path / "cli")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["audit", str(export), "--roster", str(roster), "--out", str(out), "-q"])  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    removed = next(c for c in report["connections"] if c["name"] == name)
    assert removed["match"] is None  # rejected in the page: quiet on the command line
    assert report["summary"]["reviews_applied"] == {"rejected": 1}
