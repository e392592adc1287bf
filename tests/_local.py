"""In-process clients of the server as a loopback caller (``Host: 127.0.0.1``) would be."""

from __future__ import annotations

import warnings
from typing import Any

from fastapi import FastAPI

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

BASE_URL = "http://127.0.0.1:8000"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def local_client(app: FastAPI, **kwargs: Any) -> TestClient:
    """A client that sends the app's launch secret as a Bearer token (scripts on loopback)."""
    secret = app.state.gate.access.secret
    headers = bearer(secret) if secret else {}
    return TestClient(app, base_url=BASE_URL, headers=headers, **kwargs)


def browser_client(app: FastAPI, **kwargs: Any) -> TestClient:
    """A client without credentials; :func:`launch` logs it in as the printed link does."""
    return TestClient(app, base_url=BASE_URL, **kwargs)


def launch(client: TestClient) -> None:
    """Open the launch link: a session cookie, then the home page (and its CSRF cookie)."""
    app: Any = client.app
    path = app.state.gate.access.launch_path()
    assert path is not None
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
