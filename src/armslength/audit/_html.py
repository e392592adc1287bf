"""report.html: one self-contained, offline, accessible page (Jinja2, inline CSS/SVG/JS)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import jinja2

from armslength.model import Finding

from ._charts import all_charts
from ._model import ContentResult, ReportDocument

PAGE_SIZE = 50
MAX_ITEMS = 5000


@dataclass(frozen=True)
class Piece:
    text: str
    finding: Finding | None


def highlight(text: str, findings: list[Finding]) -> list[Piece]:
    """Split *text* into plain and highlighted pieces (the first of overlapping findings wins)."""
    pieces: list[Piece] = []
    cursor = 0
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if finding.start < cursor or finding.end > len(text):
            continue
        if finding.start > cursor:
            pieces.append(Piece(text[cursor : finding.start], None))
        pieces.append(Piece(text[finding.start : finding.end], finding))
        cursor = finding.end
    if cursor < len(text):
        pieces.append(Piece(text[cursor:], None))
    return pieces


def _flagged(document: ReportDocument) -> list[ContentResult]:
    rank = {"high": 0, "medium": 1, "low": 2}
    items = [c for c in document.content if c.risk in rank]
    items.sort(key=lambda c: (rank[c.risk], c.platform, c.timestamp or "", c.kind))
    return items[:MAX_ITEMS]


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("armslength.audit", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["highlight"] = highlight
    return env


def _asset(name: str) -> str:
    return (
        resources.files("armslength.audit")
        .joinpath(f"templates/{name}")
        .read_text(encoding="utf-8")
    )


def render_html(document: ReportDocument) -> str:
    flagged = _flagged(document)
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            doc=document,
            s=document.summary,
            charts=all_charts(document),
            flagged=flagged,
            flagged_total=sum(1 for c in document.content if c.risk != "none"),
            page_size=PAGE_SIZE,
            css=_asset("report.css"),
            js=_asset("report.js"),
        )
    )
