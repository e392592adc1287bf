"""The user's own posts, comments, messages and replies, screened with the roster as known names."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime

from armslength.errors import InputError
from armslength.model import Content, ContentKind, Patient, ScreenResult, Severity
from armslength.screen import Screener

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


CHUNK = 500
PARALLEL_FROM = 4_000
_worker: Screener | None = None


def _init_worker(patients: list[Patient], allow_terms: tuple[str, ...]) -> None:
    global _worker
    _worker = Screener(roster=patients, allow_terms=allow_terms)


def _screen_chunk(
    items: list[tuple[int, str, str, str]],
) -> list[tuple[ScreenResult | None, str | None]]:
    assert _worker is not None
    return [_screen_one(_worker, *item) for item in items]


def _screen_one(
    screener: Screener, position: int, platform: str, kind: str, text: str
) -> tuple[ScreenResult | None, str | None]:
    try:
        return screener.screen(text, ContentKind(kind), redact=True), None
    except InputError as exc:
        return None, f"{platform} {kind} #{position + 1}: {exc.detail}"


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
) -> tuple[list[ScreenResult | None], list[str]]:
    """Screen every item (same order, redacted); items that cannot be screened are ``None``.

    Large batches are spread over one process per core, each with its own screener built
    once. The second list says why, per item that failed, naming its position, never its text.
    """
    items = [(i, c.platform.value, c.kind.value, c.text) for i, c in enumerate(content)]
    allow = tuple(allow_terms)
    count = workers or _workers(len(items))
    chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
    outcomes: list[tuple[ScreenResult | None, str | None]] = []
    if count == 1:
        screener = Screener(roster=list(patients), allow_terms=allow)
        for chunk in chunks:
            outcomes += [_screen_one(screener, *item) for item in chunk]
            if progress is not None:
                progress(len(chunk))
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(count, context, _init_worker, (list(patients), allow)) as pool:
            for chunk, done in zip(chunks, pool.map(_screen_chunk, chunks), strict=True):
                outcomes += done
                if progress is not None:
                    progress(len(chunk))
    return [r for r, _ in outcomes], [p for _, p in outcomes if p is not None]


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
