"""report.html: one self-contained, offline, accessible page (Jinja2, inline CSS/SVG/JS)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources

import jinja2

from armslength._plain import short_why
from armslength.model import Finding

from ._charts import all_charts
from ._history import reviewable
from ._model import Action, ContentResult, PlatformLimit, ReportDocument

PAGE_SIZE = 50
MAX_ITEMS = 5000
START_HERE = 3


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


def humane_time(stamp: str | None) -> str:
    """``2026-12-02T07:07:18.56Z`` as ``2 December 2026, 07:07 UTC``; a bare date as ``2 December 2026``."""
    if not stamp:
        return "undated"
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    day = f"{moment.day} {moment:%B %Y}"
    if len(stamp) <= 10:
        return day
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return f"{day}, {moment:%H:%M} UTC"


def start_here(actions: list[Action]) -> list[Action]:
    """The most urgent actions, for the block above the fold."""
    return actions[:START_HERE]


def limits_by_platform(limits: list[PlatformLimit]) -> dict[str, list[str]]:
    """Each limitation once, under the platform (or platforms, joined) it applies to."""
    platforms: dict[str, list[str]] = defaultdict(list)
    for limit in limits:
        if limit.platform not in platforms[limit.limitation]:
            platforms[limit.limitation].append(limit.platform)
    grouped: dict[str, list[str]] = defaultdict(list)
    for text, names in platforms.items():
        grouped[", ".join(names)].append(text)
    return dict(grouped)


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
    env.filters["humane"] = humane_time
    env.filters["short_why"] = short_why
    return env


def _asset(name: str) -> str:
    return (
        resources.files("armslength.audit")
        .joinpath(f"templates/{name}")
        .read_text(encoding="utf-8")
    )


def render_html(document: ReportDocument, thumbnails: Mapping[str, str] | None = None) -> str:
    """The page; *thumbnails* are the photos' blurred previews (data: URIs) by member."""
    flagged = _flagged(document)
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            doc=document,
            s=document.summary,
            charts=all_charts(document),
            flagged=flagged,
            start=start_here(document.actions),
            review=reviewable(document),
            limits=limits_by_platform(document.limitations),
            flagged_total=sum(1 for c in document.content if c.risk != "none"),
            page_size=PAGE_SIZE,
            thumbnails=dict(thumbnails or {}),
            css=_asset("report.css"),
            js=_asset("report.js"),
        )
    )
