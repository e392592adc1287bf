"""JSONL batch screening: one input object per line, one result (or error) per line, in order."""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from armslength.errors import ArmslengthError, InputError
from armslength.model import ContentKind, ScreenResult
from armslength.screen._json import result_json
from armslength.screen.engine import Screener, screen_rules_check
from armslength.screen.redact import RedactStyle


@dataclass(frozen=True)
class BatchOptions:
    kind: ContentKind = ContentKind.POST
    redact: bool | RedactStyle | str = False
    roster: tuple[Any, ...] | None = None
    allow_terms: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    """Rule ids to turn off; an unknown id is an :class:`InputError` here, before any worker
    process starts."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "disable", tuple(sorted(screen_rules_check(self.disable))))


class LineError(InputError):
    """A JSONL line that cannot be screened; the message names what was expected."""

    def __init__(self, message: str, id_: object = None) -> None:
        super().__init__(message)
        self.id = id_


def parse_line(raw: bytes | str) -> dict[str, Any]:
    """Decode and validate one JSONL line into ``{"id", "text", "kind"?}``."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise LineError("line is not valid UTF-8") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LineError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise LineError("expected a JSON object with a 'text' field")
    id_ = data.get("id")
    if not isinstance(data.get("text"), str):
        raise LineError("field 'text' is missing or not a string", id_)
    return data


def _result_id(value: object) -> str | None:
    return None if value is None else str(value)


def screen_line(
    screener: Screener, options: BatchOptions, number: int, raw: bytes | str
) -> dict[str, Any]:
    """The output object of one line: a result, or ``{"id", "line", "error"}``."""
    try:
        data = parse_line(raw)
        result = screener.screen(
            data["text"],
            data.get("kind") or options.kind,
            redact=options.redact,
            id=_result_id(data.get("id")),
        )
    except LineError as exc:
        return {"id": exc.id, "line": number, "error": str(exc)}
    except ArmslengthError as exc:
        return {"id": data.get("id"), "line": number, "error": exc.detail}
    out = result_json(result)
    if not options.redact:
        out.pop("redacted", None)
    return out


def _numbered(lines: Iterable[bytes | str]) -> Iterator[tuple[int, bytes | str]]:
    for number, raw in enumerate(lines, start=1):
        if raw.strip():
            yield number, raw


_WORKER: tuple[Screener, BatchOptions] | None = None

T = TypeVar("T")
R = TypeVar("R")
Work = Callable[[Screener, BatchOptions, T], R]


def _init_worker(options: BatchOptions) -> None:
    global _WORKER
    _WORKER = (
        Screener(roster=options.roster, allow_terms=options.allow_terms, disable=options.disable),
        options,
    )


def _apply(work: Work[T, R], item: T) -> R:
    assert _WORKER is not None
    return work(_WORKER[0], _WORKER[1], item)


def _map(work: Work[T, R], items: Iterable[T], options: BatchOptions, workers: int) -> Iterator[R]:
    """*work* over *items* in order, with one screener per process, built once."""
    if workers <= 1:
        screener = Screener(
            roster=options.roster, allow_terms=options.allow_terms, disable=options.disable
        )
        for item in items:
            yield work(screener, options, item)
        return
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(options,)
    ) as pool:
        yield from pool.map(partial(_apply, work), items, chunksize=64)


def _line(
    screener: Screener, options: BatchOptions, item: tuple[int, bytes | str]
) -> dict[str, Any]:
    return screen_line(screener, options, *item)


def screen_jsonl(
    lines: Iterable[bytes | str], options: BatchOptions | None = None, *, workers: int = 1
) -> Iterator[dict[str, Any]]:
    """Screen JSONL lines (blank lines are skipped); yields one object per line, in order."""
    return _map(_line, _numbered(lines), options or BatchOptions(), workers)


def _text(screener: Screener, options: BatchOptions, item: tuple[str, str]) -> ScreenResult | str:
    text, kind = item
    try:
        return screener.screen(text, kind or options.kind, redact=options.redact)
    except ArmslengthError as exc:
        return exc.detail


def screen_texts(
    items: Iterable[tuple[str, str]], options: BatchOptions | None = None, *, workers: int = 1
) -> Iterator[ScreenResult | str]:
    """Screen ``(text, kind)`` pairs in order: a result, or why the text could not be screened."""
    return _map(_text, items, options or BatchOptions(), workers)
