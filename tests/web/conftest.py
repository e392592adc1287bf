"""Fixtures: a real server (``armslength serve``) and Debian's Chromium via Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from _live import Server, start_server, stop_server

from _chromium import launched_browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("server"))
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_browser() as launched:
        yield launched


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    context = browser.new_context(base_url=server.url, viewport={"width": 1100, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    opened = context.new_page()
    opened.set_default_timeout(20_000)
    opened.goto(server.launch_url)  # as the clinician does: the link `armslength serve` printed
    yield opened
    context.close()
