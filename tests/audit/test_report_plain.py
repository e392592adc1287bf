"""The report leads with what to do: the guidance and rule behind each action, and the detail
of each finding, sit in <details> elements; the cited bodies are the clinician's own."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from armslength.audit import run_audit
from armslength.audit._actions import CATEGORY_SOURCES, sources_by_category
from armslength.config import Profile, Settings
from armslength.model import Jurisdiction, Role
from armslength.policy import builtin_policy

POLICY = builtin_policy()


class Cells(HTMLParser):
    """The text of each "Why" cell of the action table, split into outside and inside
    <details>."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.in_why = False
        self.cells: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "td" and ("data-label", "Why") in attrs:
            self.in_why = True
            self.cells.append({"outside": "", "inside": ""})
        elif tag == "details" and self.in_why:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "details" and self.depth:
            self.depth -= 1
        elif tag == "td":
            self.in_why = False

    def handle_data(self, data: str) -> None:
        if self.in_why:
            self.cells[-1]["inside" if self.depth else "outside"] += data


@pytest.fixture(scope="module")
def report(sample: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plain-report")
    settings = Settings(profile=Profile(role=Role.DOCTOR, jurisdiction=Jurisdiction.US))
    inputs = [sample["facebook"], sample["instagram"], sample["linkedin"]]
    run_audit(inputs, sample["roster"], out, settings=settings)
    return out


def test_rule_ids_and_sources_sit_behind_a_disclosure(report: Path) -> None:
    parser = Cells()
    parser.feed((report / "report.html").read_text(encoding="utf-8"))
    actions = json.loads((report / "report.json").read_text())["actions"]
    assert parser.cells and len(parser.cells) == len(actions)
    source_ids = set(POLICY.sources)
    for cell, action in zip(parser.cells, actions, strict=True):
        assert action["rule"] not in cell["outside"]
        assert not any(source in cell["outside"] for source in source_ids)
        if action["rule"]:
            assert action["rule"] in cell["inside"]


def test_a_us_doctor_is_cited_us_and_doctor_bodies(report: Path) -> None:
    data = json.loads((report / "report.json").read_text())
    cited = {source for action in data["actions"] for source in action["sources"]}
    assert cited and "nmc_uk" not in cited and "ncsbn" not in cited
    assert not {"gmc_2024", "bma_2011"} & {
        s for a in data["actions"] if a["action"] in ("delete", "edit") for s in a["sources"]
    }


@pytest.mark.parametrize(
    ("jurisdiction", "role", "phi"),
    [
        (Jurisdiction.UK, Role.DOCTOR, ["gmc_2024", "bma_2011", "gdpr_art9"]),
        (Jurisdiction.UK, Role.NURSE, ["nmc_uk", "gdpr_art9"]),
        (Jurisdiction.US, Role.DOCTOR, ["ama_2_3_2", "hipaa_safe_harbor"]),
        (Jurisdiction.US, Role.NURSE, ["hipaa_safe_harbor", "ncsbn"]),
        (Jurisdiction.AU, Role.DOCTOR, ["ahpra_2019"]),
        (Jurisdiction.CA, Role.DOCTOR, ["cmpa"]),
    ],
)
def test_finding_sources_follow_role_and_jurisdiction(
    jurisdiction: Jurisdiction, role: Role, phi: list[str]
) -> None:
    narrowed = sources_by_category(POLICY, jurisdiction, role)
    assert sorted(narrowed["phi"]) == sorted(phi)
    for ids in narrowed.values():
        assert ids and all(role in POLICY.sources[i].audience for i in ids)
    assert set(narrowed) == set(CATEGORY_SOURCES)


def test_guidance_opens_on_click_in_chromium(report: Path) -> None:
    from _chromium import launched_browser

    with launched_browser() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto((report / "report.html").as_uri())
        details = page.locator('[data-testid="action-details"]').first
        rule = details.locator(".rule")
        assert not rule.is_visible()  # closed: the action leads with what to do
        details.locator("summary").click()
        assert rule.is_visible() and "rule" in rule.inner_text()
        page.close()
