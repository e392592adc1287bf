"""Data for the report's inline SVG charts.

Small bar charts and one score strip need no charting library, and inline SVG keeps
report.html a single offline file with no scripts from anywhere else. Each chart is built
to carry information: time is binned by quarter or year (never 20 bars of 1), and empty
categories are left out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ._model import ReportDocument

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 110
CHART_WIDTH = 560
MAX_QUARTERS = 12
RISKS = ("high", "medium", "low")
SCORE_BINS = 10


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
class Marker:
    """A vertical line on a chart (a threshold), at *x* in chart units."""

    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    bars: list[Bar]
    height: int
    legend: list[tuple[str, str]]
    empty: bool
    markers: list[Marker] = field(default_factory=list)
    column_width: float = 0.0
    """Above zero for a column chart: each bar's one segment is a column, its width its height."""


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


def flagged_by_platform(document: ReportDocument) -> Chart:
    """Flagged posts, comments and messages per platform, split by risk."""
    counts: Counter[tuple[str, str]] = Counter()
    for item in document.content:
        if item.risk in RISKS:
            counts[(item.platform, item.risk)] += 1
    platforms = sorted({platform for platform, _ in counts})
    rows = [
        (platform, [(counts[(platform, risk)], f"sev-{risk}", f"{risk} risk") for risk in RISKS])
        for platform in platforms
    ]
    return _chart(
        "Flagged content by platform and risk",
        "Your posts, comments and messages that were flagged, per platform, by risk.",
        rows,
        [(f"sev-{risk}", f"{risk} risk") for risk in RISKS],
    )


def _period(timestamp: str | None, quarterly: bool) -> str:
    if not timestamp:
        return "undated"
    year = timestamp[:4]
    if not quarterly:
        return year
    return f"{year} Q{(int(timestamp[5:7]) - 1) // 3 + 1}"


def _quarterly(years: set[str]) -> bool:
    return len(years) * 4 <= MAX_QUARTERS


def risky_content_over_time(document: ReportDocument) -> Chart:
    """Medium and high risk content per quarter (short spans) or per year (long spans)."""
    risky = [c for c in document.content if c.risk in ("high", "medium")]
    quarterly = _quarterly({c.timestamp[:4] for c in risky if c.timestamp})
    counts: Counter[tuple[str, str]] = Counter(
        (_period(c.timestamp, quarterly), c.risk) for c in risky
    )
    periods = sorted({p for p, _ in counts}, key=lambda p: (p == "undated", p))
    rows = [
        (period, [(counts[(period, risk)], f"sev-{risk}", f"{risk} risk") for risk in RISKS[:2]])
        for period in periods
    ]
    unit = "quarter" if quarterly else "year"
    return _chart(
        f"Risky content by {unit}",
        f"Posts, comments and messages with medium or high risk, per {unit}.",
        rows,
        [("sev-high", "high risk"), ("sev-medium", "medium risk")],
    )


def _score_css(low: float, thresholds: dict[str, float]) -> str:
    if low >= thresholds.get("patient", 0.8):
        return "sev-high"
    if low >= thresholds.get("review", 0.5):
        return "sev-medium"
    return "neutral"


def match_scores(document: ReportDocument) -> Chart:
    """How many connections matched a roster patient, by match score (columns of 0.1)."""
    thresholds = document.summary.thresholds
    bins: Counter[int] = Counter()
    for connection in document.connections:
        if connection.match is not None:
            bins[min(int(connection.match.score * SCORE_BINS), SCORE_BINS - 1)] += 1
    largest = max(bins.values(), default=0) or 1
    plot_height = 120
    width = (CHART_WIDTH - 40) / SCORE_BINS
    bars = []
    for index in range(SCORE_BINS):
        low = index / SCORE_BINS
        value = bins[index]
        height = value * plot_height / largest
        label = f"{low:.1f}–{low + 1 / SCORE_BINS:.1f}"
        css = _score_css(low, thresholds)
        segment = Segment(20 + index * width, height, value, css, f"connections scoring {label}")
        bars.append(Bar(label, int(plot_height - height), [segment], value))
    markers = [
        Marker(20 + thresholds[name] * (CHART_WIDTH - 40), text)
        for name, text in (("review", "review"), ("patient", "patient"))
        if name in thresholds
    ]
    return Chart(
        "Match scores of connections that resemble a roster patient",
        "How many connections matched a roster patient, by match score; "
        "the lines mark the review and patient thresholds.",
        bars,
        plot_height + 40,
        [("sev-high", "patient"), ("sev-medium", "to review"), ("neutral", "below the report")],
        empty=not bins,
        markers=markers,
        column_width=width - 4,
    )


def all_charts(document: ReportDocument) -> list[Chart]:
    charts = [
        patients_per_platform(document),
        match_scores(document),
        flagged_by_platform(document),
        risky_content_over_time(document),
    ]
    return charts
