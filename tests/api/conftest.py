"""An app per backend (SQLite, PostgreSQL), served in-process by Starlette's TestClient.

``client`` calls as a loopback script does (``Host: 127.0.0.1``, the launch secret as a Bearer
token); ``secured`` is a server beyond loopback (API tokens only).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from _backends import db_url, store
from _local import browser_client, local_client
from armslength.auth import Access
from armslength.config import Settings
from armslength.samples.synthetic import Scale, write_sample
from armslength.server import create_app
from armslength.store import Store

__all__ = ["db_url", "store"]


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with local_client(create_app(Settings(), store)) as test_client:
        yield test_client


@pytest.fixture
def secured(store: Store) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """An app that requires tokens, and a token per role."""
    tokens = {role: store.create_token(role)[1] for role in ("clinician", "privacy_officer")}
    app = create_app(Settings(), store, access=Access.tokens_only())
    with browser_client(app) as test_client:
        yield test_client, tokens


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    small = Scale(patients=40, friends=15, followers=10, connections=8, posts=10, risky=0.4)
    return write_sample(tmp_path_factory.mktemp("sample"), small, seed=11)
