"""Synthetic inputs for audit tests, written by the project's own generator."""

from __future__ import annotations

from pathlib import Path

import pytest

from armslength.samples.synthetic import Scale, write_sample

SMALL = Scale(patients=120, friends=40, followers=30, connections=20, posts=30, risky=0.3)


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_sample(tmp_path_factory.mktemp("sample"), SMALL, seed=7)
