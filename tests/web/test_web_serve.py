"""``armslength serve``: loopback by default; beyond it, only with tokens."""

from __future__ import annotations

from pathlib import Path

import pytest
from _live import start_server, stop_server
from typer.testing import CliRunner

from armslength.cli import app
from armslength.cli.serve import is_loopback


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.3.2.1", True), ("::1", True), ("[::1]", True),
     ("localhost", True), ("0.0.0.0", False), ("192.0.2.10", False), ("example.org", False)],
)  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_refuses_a_public_host_without_tokens(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["serve", "--host", "192.0.2.10", "--db", f"sqlite:///{tmp_path / 'a.db'}"]
    )
    assert result.exit_code == 2
    assert "armslength token create --role clinician" in result.output


def test_serves_the_api_and_logs_requests(tmp_path: Path) -> None:
    import httpx

    server = start_server(tmp_path)
    try:
        response = httpx.post(f"{server.url}/api/v1/screen?note=secret-query", json={"text": "hi"})
        assert response.status_code == 200
        assert httpx.get(f"{server.url}/openapi.json").json()["openapi"].startswith("3.")
    finally:
        stop_server(server)
    log = server.log.read_text()
    assert "Armslength on http://127.0.0.1:" in log
    assert "POST /api/v1/screen 200" in log
    assert "secret-query" not in log
