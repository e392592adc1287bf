"""``armslength serve``: loopback by default with a launch link; beyond it, only with tokens."""

from __future__ import annotations

from pathlib import Path

import pytest
from _live import start_server, stop_server
from typer.testing import CliRunner

from armslength.cli import app
from armslength.cli.serve import allowed_hosts, is_loopback


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


def test_allowed_hosts() -> None:
    loopback = ["127.0.0.1:8000", "localhost:8000", "[::1]:8000"]
    assert allowed_hosts("127.0.0.1", 8000, []) == loopback
    assert allowed_hosts("192.0.2.10", 8000, []) == [*loopback, "192.0.2.10:8000"]
    assert allowed_hosts("2001:db8::1", 8000, [])[-1] == "[2001:db8::1]:8000"
    assert allowed_hosts("0.0.0.0", 8000, ["armslength.test"])[-1] == "armslength.test"
    assert "localhost" in allowed_hosts("127.0.0.1", 80, [])  # browsers omit port 80


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "0.0.0.0"], "--allowed-host"),
        (["--host", "192.0.2.10", "--no-auth-on-loopback"], "applies only to loopback"),
        (["--allowed-host", "not a host"], "not a host name"),
    ],
)
def test_refuses_unsafe_combinations(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["serve", *args, "--db", f"sqlite:///{tmp_path / 'a.db'}"])
    assert result.exit_code == 2
    assert message in result.output


def test_no_auth_on_loopback_warns_and_asks_nobody(tmp_path: Path) -> None:
    import httpx

    server = start_server(tmp_path, "--no-auth-on-loopback")
    try:
        assert server.launch_url is None
        response = httpx.post(f"{server.url}/api/v1/screen", json={"text": "hi"})
        assert response.status_code == 200
        assert httpx.get(f"{server.url}/", headers={"Host": "evil.example"}).status_code == 421
    finally:
        stop_server(server)
    log = server.log.read_text()
    assert "WARNING: --no-auth-on-loopback" in log and "token=" not in log


def test_serves_the_api_and_logs_requests(tmp_path: Path) -> None:
    import httpx

    server = start_server(tmp_path)
    try:
        url = f"{server.url}/api/v1/screen?note=secret-query"
        assert httpx.post(url, json={"text": "hi"}).status_code == 401
        response = httpx.post(url, json={"text": "hi"}, headers=server.auth())
        assert response.status_code == 200
        assert httpx.get(f"{server.url}/openapi.json").json()["openapi"].startswith("3.")
    finally:
        stop_server(server)
    log = server.log.read_text()
    assert "Armslength on http://127.0.0.1:" in log
    assert "POST /api/v1/screen 200" in log and "POST /api/v1/screen 401" in log
    assert f"{server.url}/login?token={server.secret}" in log
    assert "secret-query" not in log


@pytest.mark.postgres
def test_two_servers_on_one_postgres_keep_one_chain(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    from _backends import drop_schema, fresh_schema_url, postgres_url
    from armslength.store import open_store

    base = postgres_url()
    url, schema = fresh_schema_url(base)
    open_store(url).close()  # migrate once, before both servers start
    servers = [start_server(tmp_path / f"s{n}", "--db", url) for n in range(2)]
    try:

        def post(n: int) -> int:
            target = servers[n % 2]
            body = {"text": f"draft number {n}", "kind": "post"}
            url = f"{target.url}/api/v1/screen"
            return httpx.post(url, json=body, headers=target.auth(), timeout=None).status_code

        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(post, range(200)))
        assert statuses == [200] * 200
        store = open_store(url)
        assert store.count("text.screened") == 200
        assert store.verify() == (True, None)
        store.close()
    finally:
        for server in servers:
            stop_server(server)
        drop_schema(base, schema)
