"""One audit log (SQLite) shared by the CLI, the web page and the API of a test."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    monkeypatch.setenv("ARMSLENGTH_DATABASE_URL", url)
    return url
