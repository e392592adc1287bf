"""Debian's Chromium for the browser tests: where it is and the flags it runs with offline."""

from __future__ import annotations

import os
import shutil

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
