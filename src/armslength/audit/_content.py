"""The user's own posts, comments, messages and replies, screened with the roster as known names."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from armslength.model import Content, Patient, ScreenResult, Severity
from armslength.screen.batch import BatchOptions, screen_texts

from ._model import ContentResult

# Who can see it: public content weighs more than content for friends, more than direct messages.
VISIBILITY_WEIGHT: dict[str, int] = {
    "public": 3,
    "unlisted": 3,
    "everyone": 3,
    "friends": 2,
    "followers": 2,
    "connections": 2,
    "friends_of_friends": 2,
    "private": 1,
    "direct": 1,
    "only_me": 1,
}
DEFAULT_VISIBILITY_WEIGHT = 2


def visibility_weight(visibility: str | None) -> int:
    if visibility is None:
        return DEFAULT_VISIBILITY_WEIGHT
    key = visibility.strip().lower().replace(" ", "_").replace("-", "_")
    return VISIBILITY_WEIGHT.get(key, DEFAULT_VISIBILITY_WEIGHT)


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


PARALLEL_FROM = 4_000


def _workers(count: int) -> int:
    if count < PARALLEL_FROM:
        return 1
    return max(1, min(len(os.sched_getaffinity(0)), 8))


def screen_all(
    content: Sequence[Content],
    patients: Sequence[Patient],
    allow_terms: Iterable[str] = (),
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
    *,
    disable: Iterable[str] = (),
) -> tuple[list[ScreenResult | None], list[str]]:
    """Screen every item (same order, redacted); items that cannot be screened are ``None``.

    Large batches are spread over one process per core (the screen's own batch machinery, a
    screener built once per process). The second list says why, per item that failed, naming
    its position, never its text.
    """
    options = BatchOptions(
        redact=True, roster=tuple(patients), allow_terms=tuple(allow_terms), disable=tuple(disable)
    )
    items = ((c.text, c.kind.value) for c in content)
    results: list[ScreenResult | None] = []
    problems: list[str] = []
    outcomes = screen_texts(items, options, workers=workers or _workers(len(content)))
    for position, (item, outcome) in enumerate(zip(content, outcomes, strict=True)):
        if isinstance(outcome, str):
            results.append(None)
            problems.append(f"{item.platform.value} {item.kind.value} #{position + 1}: {outcome}")
        else:
            results.append(outcome)
        if progress is not None:
            progress(1)
    return results, problems


def to_result(item: Content, result: ScreenResult) -> ContentResult:
    flagged = result.risk != Severity.NONE
    return ContentResult(
        platform=item.platform.value,
        kind=item.kind.value,
        timestamp=iso(item.timestamp),
        visibility=item.visibility,
        risk=result.risk.value,
        findings=list(result.findings),
        text=item.text if flagged else None,
        redacted=result.redacted if flagged else None,
        url=item.url,
    )
