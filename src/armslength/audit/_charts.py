"""Data for the report's inline SVG bar charts.

Three small bar charts need no charting library, and inline SVG keeps report.html a single
offline file with no scripts from anywhere else.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ._model import ReportDocument

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 110
CHART_WIDTH = 560


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    value: int
    css: str
    label: str


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    segments: list[Segment]
    total: int


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    bars: list[Bar]
    height: int
    legend: list[tuple[str, str]]
    empty: bool


def _chart(
    title: str,
    description: str,
    rows: list[tuple[str, list[tuple[int, str, str]]]],
    legend: list[tuple[str, str]],
) -> Chart:
    largest = max((sum(v for v, _, _ in parts) for _, parts in rows), default=0) or 1
    scale = (CHART_WIDTH - LABEL_WIDTH - 60) / largest
    bars = []
    for index, (label, parts) in enumerate(rows):
        x = float(LABEL_WIDTH)
        segments = []
        for value, css, name in parts:
            segments.append(Segment(x, value * scale, value, css, name))
            x += value * scale
        bars.append(Bar(label, index * (BAR_HEIGHT + GAP), segments, sum(v for v, _, _ in parts)))
    height = max(len(rows) * (BAR_HEIGHT + GAP), BAR_HEIGHT + GAP)
    return Chart(title, description, bars, height, legend, empty=not any(b.total for b in bars))


def patients_per_platform(document: ReportDocument) -> Chart:
    rows = []
    for platform, stats in document.summary.platforms.items():
        others = stats.connections - stats.patients - stats.possible_patients
        rows.append(
            (
                platform,
                [
                    (stats.patients, "sev-high", "patients"),
                    (stats.possible_patients, "sev-medium", "possible patients"),
                    (others, "neutral", "others"),
                ],
            )
        )
    return _chart(
        "Patients among your connections",
        "Connections per platform: roster patients, possible "
        "patients to review, and everyone else.",
        rows,
        [("sev-high", "patients"), ("sev-medium", "possible patients"), ("neutral", "others")],
    )


def findings_by_category(document: ReportDocument) -> Chart:
    counts: Counter[tuple[str, str]] = Counter()
    for item in document.content:
        for finding in item.findings:
            counts[(str(finding.category), str(finding.severity))] += 1
    rows = [
        (
            category,
            [(counts[(category, sev)], f"sev-{sev}", sev) for sev in ("high", "medium", "low")],
        )
        for category in ("phi", "relationship", "professionalism")
    ]
    return _chart(
        "Findings by category and severity",
        "Findings in your own content, by category, split by severity.",
        rows,
        [("sev-high", "high"), ("sev-medium", "medium"), ("sev-low", "low")],
    )


def risky_content_over_time(document: ReportDocument) -> Chart:
    months: Counter[str] = Counter()
    for item in document.content:
        if item.risk in ("medium", "high"):
            months[item.timestamp[:7] if item.timestamp else "undated"] += 1
    rows = [(month, [(months[month], "sev-high", "risky items")]) for month in sorted(months)]
    return _chart(
        "Risky content over time",
        "Posts, comments and messages with medium or high risk, per month.",
        rows[-36:],
        [("sev-high", "medium or high risk")],
    )


def all_charts(document: ReportDocument) -> list[Chart]:
    return [
        patients_per_platform(document),
        findings_by_category(document),
        risky_content_over_time(document),
    ]
