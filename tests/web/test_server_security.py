"""Issue 17 on a real ``armslength serve``: what a foreign page in the clinician's browser can
make it send (a foreign Host after DNS rebinding, a foreign Origin, a preflight, no credentials,
another clinician's audit) is refused on every route.

The API's routes come from the server's own ``/openapi.json`` and the page's from its router,
so a new route is covered (and must be protected) without anyone editing this file.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from _live import Server, start_server, stop_server

from armslength.samples.synthetic import Scale, write_sample
from armslength.store import open_store
from armslength.web import router as web_router

EVIL = "evil.example"
PUBLIC = {("GET", "/login"), ("POST", "/login"), ("POST", "/logout")}
"""The only routes anyone may call without credentials (the log-in form and log-out)."""
DUMMY_ID = "0123456789abcdef"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("secure"))
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def tokens(server: Server) -> dict[str, str]:
    """API tokens created while the server runs (it checks the store on every call)."""
    store = open_store(server.db_url)
    try:
        roles = {"alice": "clinician", "bob": "clinician", "officer": "privacy_officer"}
        return {who: store.create_token(role)[1] for who, role in roles.items()}  # type: ignore[arg-type]
    finally:
        store.close()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    small = Scale(patients=30, friends=10, followers=6, connections=5, posts=6, risky=0.5)
    return write_sample(tmp_path_factory.mktemp("sample"), small, seed=17)


def _fill(path: str, parameters: list[dict[str, Any]]) -> str:
    for parameter in parameters:
        if parameter.get("in") == "path":
            enum = parameter.get("schema", {}).get("enum")
            value = enum[0] if enum else DUMMY_ID
            path = path.replace("{" + parameter["name"] + "}", str(value))
    return path


def api_routes(server: Server) -> list[tuple[str, str]]:
    """Every operation of the server's OpenAPI document, with its path parameters filled."""
    document = httpx.get(f"{server.url}/openapi.json").json()
    routes = [
        (method.upper(), _fill(path, operation.get("parameters", [])))
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    ]
    assert len(routes) >= 7  # advise, screen, audits x3, events x2
    return routes


def web_routes() -> list[tuple[str, str]]:
    """Every route of the web page (not in the OpenAPI document), path parameters filled."""
    routes = []
    for route in web_router.routes:
        path = re.sub(r"\{name\}", "report.json", route.path)
        path = re.sub(r"\{[a-z_]+\}", DUMMY_ID, path)
        routes += [(method, path) for method in sorted(route.methods)]
    assert ("GET", "/audit/0123456789abcdef/report.json") in routes
    return routes


def all_routes(server: Server) -> list[tuple[str, str]]:
    return [*api_routes(server), *web_routes(), ("GET", "/openapi.json"), ("GET", "/static/app.js")]


def call(server: Server, method: str, path: str, **kwargs: Any) -> httpx.Response:
    return httpx.request(method, f"{server.url}{path}", follow_redirects=False, **kwargs)


def port(server: Server) -> int:
    return int(server.url.rsplit(":", 1)[1])


def test_a_foreign_host_gets_421_and_nothing_of_interest(server: Server) -> None:
    for method, path in all_routes(server):
        for credentials in ({}, server.auth()):
            headers = {"Host": f"{EVIL}:{port(server)}", **credentials}
            response = call(server, method, path, headers=headers)
            assert response.status_code == 421, (method, path)
            assert response.headers["content-type"] == "application/problem+json"
            body = response.text.lower()
            assert len(body) < 200 and "openapi" not in body and "event" not in body
            assert "set-cookie" not in response.headers


def test_the_server_answers_its_own_names(server: Server) -> None:
    for host in (f"127.0.0.1:{port(server)}", f"localhost:{port(server)}"):
        response = call(server, "GET", "/api/v1/events", headers={"Host": host, **server.auth()})
        assert response.status_code == 200, host
    for host in ("127.0.0.1", "127.0.0.1:1", f"localhost.{EVIL}:{port(server)}", "", "a b"):
        response = call(server, "GET", "/api/v1/events", headers={"Host": host, **server.auth()})
        assert response.status_code in (400, 421), host


def test_the_three_commands_of_the_issue_are_refused(
    server: Server, sample: dict[str, Path]
) -> None:
    headers = {"Host": f"{EVIL}:{port(server)}"}
    files = [
        ("exports", sample["facebook"].read_bytes()),
        ("roster", sample["roster"].read_bytes()),
    ]
    started = call(server, "POST", "/api/v1/audits", headers=headers, files=files)
    assert started.status_code == 421
    report = call(server, "GET", f"/api/v1/audits/{DUMMY_ID}/files/report.json", headers=headers)
    assert report.status_code == 421
    assert call(server, "GET", "/api/v1/events", headers=headers).status_code == 421
    store = open_store(server.db_url)
    try:
        assert store.count("audit.run") == 0  # nothing was started
    finally:
        store.close()


def _unauthenticated_refusal(response: httpx.Response) -> bool:
    return response.status_code == 401 or (
        response.status_code == 303 and response.headers["location"] == "/login"
    )


def test_every_route_needs_credentials(server: Server) -> None:
    for method, path in api_routes(server):
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Cookie": "armslength_session=x"}):
            response = call(server, method, path, headers=headers)
            assert response.status_code == 401, (method, path, headers)
            assert response.headers["www-authenticate"] == "Bearer"
    for method, path in web_routes():
        if (method, path) not in PUBLIC:
            response = call(server, method, path)
            assert _unauthenticated_refusal(response), (method, path, response.status_code)


def test_a_foreign_origin_is_refused_on_every_route(server: Server) -> None:
    own = f"http://127.0.0.1:{port(server)}"
    foreign = [f"http://{EVIL}:{port(server)}", "null", "http://127.0.0.1:1", f"https://{EVIL}"]
    for method, path in all_routes(server):
        for origin in foreign:
            response = call(server, method, path, headers={"Origin": origin, **server.auth()})
            assert response.status_code == 403, (method, path, origin)
            assert not [h for h in response.headers if h.startswith("access-control-")]
    screened = call(
        server,
        "POST",
        "/api/v1/screen",
        json={"text": "hi"},
        headers={"Origin": own, **server.auth()},
    )
    assert screened.status_code == 200  # the page's own origin is welcome


def test_cross_site_writes_without_origin_are_refused(server: Server) -> None:
    for site in ("cross-site", "same-site"):
        headers = {"Sec-Fetch-Site": site, **server.auth()}
        response = call(server, "POST", "/api/v1/screen", json={"text": "hi"}, headers=headers)
        assert response.status_code == 403
        assert call(server, "GET", "/api/v1/events", headers=headers).status_code == 403
    navigation = call(server, "GET", "/", headers={"Sec-Fetch-Site": "cross-site"})
    assert navigation.status_code == 303  # a link from elsewhere may open the page (to log in)


def test_preflights_get_no_permission(server: Server) -> None:
    for _, path in all_routes(server):
        for origin in (f"http://{EVIL}", f"http://127.0.0.1:{port(server)}"):
            headers = {
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            }
            response = call(server, "OPTIONS", path, headers=headers)
            assert response.status_code == 403, path
            assert not [h for h in response.headers if h.startswith("access-control-")], path


def _cookie_attributes(response: httpx.Response, name: str) -> set[str]:
    (header,) = [h for h in response.headers.get_list("set-cookie") if h.startswith(name + "=")]
    return {part.strip().lower() for part in header.split(";")[1:]}


def test_the_launch_link_sets_a_strict_http_only_session(server: Server) -> None:
    assert server.launch_url and server.launch_url.startswith(f"{server.url}/login?token=")
    with httpx.Client(base_url=server.url) as browser:
        assert browser.get("/", follow_redirects=False).headers["location"] == "/login"
        opened = browser.get(server.launch_url.removeprefix(server.url), follow_redirects=False)
        assert opened.status_code == 303 and opened.headers["location"] == "/"
        attributes = _cookie_attributes(opened, "armslength_session")
        assert {"httponly", "samesite=strict", "path=/"} <= attributes
        assert server.secret not in opened.headers["set-cookie"]  # the cookie is a session id
        home = browser.get("/")
        assert home.status_code == 200 and "Advise" in home.text
        screened = browser.post("/api/v1/screen", json={"text": "hi"})
        assert screened.status_code == 200
        assert browser.get("/api/v1/events").json()["events"][0]["actor"] == "api"
        csrf = browser.cookies["armslength_csrf"]
        assert browser.post("/logout", data={"csrf_token": csrf}).status_code in (200, 303)
        browser.cookies.clear()
    with httpx.Client(base_url=server.url) as other:
        wrong = other.get("/login?token=guess", follow_redirects=False)
        assert wrong.status_code == 401 and "armslength_session" not in other.cookies


def test_logging_out_ends_the_session(server: Server) -> None:
    assert server.launch_url
    with httpx.Client(base_url=server.url) as browser:
        browser.get(server.launch_url.removeprefix(server.url), follow_redirects=True)
        session = browser.cookies["armslength_session"]
        browser.post("/logout", data={"csrf_token": browser.cookies["armslength_csrf"]})
    replay = call(server, "GET", "/api/v1/events", cookies={"armslength_session": session})
    assert replay.status_code == 401


def _wait_done(server: Server, audit_id: str, headers: dict[str, str]) -> None:
    while True:  # no deadline: the job ends done or failed; a loaded machine is only slower
        job = call(server, "GET", f"/api/v1/audits/{audit_id}", headers=headers).json()
        if job["status"] in ("done", "failed"):
            assert job["status"] == "done", job
            return
        time.sleep(0.2)


def test_another_clinicians_audit_is_not_found(
    server: Server, tokens: dict[str, str], sample: dict[str, Path]
) -> None:
    alice = {"Authorization": f"Bearer {tokens['alice']}"}
    files = [
        ("exports", ("facebook.zip", sample["facebook"].read_bytes())),
        ("roster", ("roster.csv", sample["roster"].read_bytes())),
    ]
    created = call(server, "POST", "/api/v1/audits", headers=alice, files=files)
    assert created.status_code == 202
    audit_id = created.json()["id"]
    _wait_done(server, audit_id, alice)
    paths = [
        f"/api/v1/audits/{audit_id}",
        *(f"/api/v1/audits/{audit_id}/files/{n}" for n in ("report.json", "report.html")),
        f"/audit/{audit_id}",
        f"/audit/{audit_id}/report.json",
    ]
    readers = {
        "alice": (alice, 200),
        "bob": ({"Authorization": f"Bearer {tokens['bob']}"}, 404),
        "officer": ({"Authorization": f"Bearer {tokens['officer']}"}, 200),
        "nobody": ({}, 401),
    }
    for path in paths:
        for who, (headers, status) in readers.items():
            response = call(server, "GET", path, headers=headers)
            expected = 303 if who == "nobody" and not path.startswith("/api/") else status
            assert response.status_code == expected, (who, path)
    bob_events = call(server, "GET", "/api/v1/events", headers=readers["bob"][0]).json()["events"]
    assert all(event["type"] != "audit.run" for event in bob_events)  # his own only
