"""Running named stages: progress goes to a reporter, each stage's duration into the timings."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

T = TypeVar("T")

Advance = Callable[[int], None]
"""What a stage calls as it gets through its items (for the progress bar)."""


class Reporter(Protocol):
    """Progress of a run, stage by stage (the CLI shows a bar per stage)."""

    def start(self, stage: str, total: int | None) -> None: ...
    def advance(self, amount: int = 1) -> None: ...


class Silent:
    """A reporter that shows nothing."""

    def start(self, stage: str, total: int | None) -> None:
        return None

    def advance(self, amount: int = 1) -> None:
        return None


@dataclass(frozen=True)
class Stage:
    """One named step of a run: *key* names its timing, *title* is what progress shows."""

    key: str
    title: str

    @property
    def timing_key(self) -> str:
        return f"ms_{self.key}"


class StageRunner:
    """Runs stages one after another, telling the reporter and timing each (milliseconds)."""

    def __init__(self, reporter: Reporter | None = None) -> None:
        self.reporter: Reporter = reporter or Silent()
        self.timings: dict[str, int] = {}

    def run(self, stage: Stage, work: Callable[[Advance], T], total: int | None = None) -> T:
        """Start *stage* on the reporter (with *total* items if known), do *work*, time it."""
        self.reporter.start(stage.title, total)
        began = time.perf_counter()
        result = work(self.reporter.advance)
        self.timings[stage.timing_key] = round((time.perf_counter() - began) * 1000)
        return result
