"""Debian's Chromium for the browser tests: where it is and the flags it runs with offline."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
"""Headless, as root in a container, and with nothing that would reach the network."""


def chromium_path() -> str:
    """The browser's path; skips (fails on CI) when it is not installed."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        message = "Chromium not installed: scripts/test.sh installs Debian's chromium as root"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " — required on CI")
        pytest.skip(message)
    return found


@contextmanager
def launched_browser() -> Iterator[Any]:
    """Chromium launched through Playwright with :data:`FLAGS`, closed afterwards."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield launched
        launched.close()
