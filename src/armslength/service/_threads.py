"""Blocking work from an async face (the server's routes) without holding its event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


async def off_loop(fn: Callable[[], T]) -> T:
    """Run blocking work in a thread; a timed-out request abandons it instead of waiting."""
    import anyio.to_thread  # only the server needs it: the CLI never loads anyio

    return await anyio.to_thread.run_sync(fn, abandon_on_cancel=True)
