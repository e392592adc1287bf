"""Who may call: API tokens with roles (beyond loopback), the launch secret (loopback), hosts."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from _local import browser_client
from armslength.auth import Access
from armslength.config import Settings
from armslength.errors import InputError
from armslength.server import LOOPBACK_HOSTS, create_app
from armslength.store import Store


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_no_token_no_service(secured: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = secured
    for headers in ({}, bearer("alt_x.y"), {"Authorization": "Basic abc"}):
        response = client.post("/api/v1/screen", json={"text": "hi"}, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.headers["content-type"] == "application/problem+json"


def test_clinician_may_screen_and_advise_but_not_verify(
    secured: tuple[TestClient, dict[str, str]], store: Store
) -> None:
    client, tokens = secured
    headers = bearer(tokens["clinician"])
    assert client.post("/api/v1/screen", json={"text": "hi"}, headers=headers).status_code == 200
    assert client.post("/api/v1/advise", json={}, headers=headers).status_code == 200
    assert client.get("/api/v1/events/verify", headers=headers).status_code == 403
    mine = client.get("/api/v1/events", headers=headers).json()["events"]
    assert {e["actor"] for e in mine} == {store.events(type="text.screened")[0].actor}
    assert all(e["type"] != "token.changed" for e in mine)


def test_privacy_officer_sees_everything(secured: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = secured
    client.post("/api/v1/screen", json={"text": "hi"}, headers=bearer(tokens["clinician"]))
    headers = bearer(tokens["privacy_officer"])
    types = {e["type"] for e in client.get("/api/v1/events", headers=headers).json()["events"]}
    assert types == {"text.screened", "token.changed"}
    assert client.get("/api/v1/events/verify", headers=headers).json()["ok"] is True


def test_revoked_token_stops_working(
    secured: tuple[TestClient, dict[str, str]], store: Store
) -> None:
    client, tokens = secured
    token_id = tokens["clinician"].removeprefix("alt_").split(".")[0]
    store.revoke_token(token_id)
    response = client.post(
        "/api/v1/screen", json={"text": "hi"}, headers=bearer(tokens["clinician"])
    )
    assert response.status_code == 401


def test_web_pages_need_a_login(secured: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = secured
    response = client.get("/screen", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    page = client.get("/login")
    csrf = client.cookies["armslength_csrf"]
    assert csrf in page.text
    bad = client.post("/login", data={"token": "alt_no.pe", "csrf_token": csrf})
    assert bad.status_code == 401
    ok = client.post(
        "/login", data={"token": tokens["clinician"], "csrf_token": csrf}, follow_redirects=False
    )
    assert ok.status_code == 303
    assert client.get("/screen").status_code == 200
    assert "Log out" in client.get("/").text
    client.post("/logout", data={"csrf_token": csrf})
    assert client.get("/screen", follow_redirects=False).status_code == 303


def test_clinicians_see_only_their_own_audits(
    secured: tuple[TestClient, dict[str, str]], store: Store
) -> None:
    client, tokens = secured
    _, other = store.create_token("clinician")
    files = [
        ("exports", ("x.bin", b"nothing", "application/octet-stream")),
        ("roster", ("r.csv", b"id\n", "text/csv")),
    ]
    mine = bearer(tokens["clinician"])
    job = client.post("/api/v1/audits", files=files, headers=mine).json()
    assert client.get(f"/api/v1/audits/{job['id']}", headers=mine).status_code == 200
    assert client.get(f"/api/v1/audits/{job['id']}", headers=bearer(other)).status_code == 404
    officer = bearer(tokens["privacy_officer"])
    assert client.get(f"/api/v1/audits/{job['id']}", headers=officer).status_code == 200


def test_loopback_takes_the_launch_secret_or_an_api_token(store: Store) -> None:

    access = Access.launch("launch-secret-for-this-test")
    _, clinician = store.create_token("clinician")
    with browser_client(create_app(Settings(), store, access=access)) as client:
        assert client.get("/api/v1/events").status_code == 401
        assert (
            client.get("/api/v1/events", headers=bearer("launch-secret-for-this")).status_code
            == 401
        )
        assert client.get("/api/v1/events", headers=bearer(access.secret or "")).status_code == 200
        assert client.get("/api/v1/events", headers=bearer(clinician)).status_code == 200
        client.get("/login")
        csrf = client.cookies["armslength_csrf"]
        pasted = client.post("/login", data={"token": access.secret, "csrf_token": csrf})
        assert pasted.status_code == 200 and "armslength_session" in client.cookies
        assert "armslength_token" not in client.cookies  # the secret itself is never a cookie
        assert client.get("/api/v1/events").status_code == 200


def test_tokens_only_refuses_the_launch_link(store: Store) -> None:

    app = create_app(Settings(), store, access=Access.tokens_only())
    assert app.state.gate.access.launch_path() is None
    with browser_client(app) as client:
        assert client.get("/login?token=", follow_redirects=False).status_code == 401
        assert client.get("/api/v1/events", headers=bearer("")).status_code == 401


def test_configured_hosts_are_answered_and_others_are_not(store: Store) -> None:
    hosts = (*LOOPBACK_HOSTS, "armslength.test", "10.0.0.5:8443")
    app = create_app(Settings(), store, access=Access.unauthenticated(), hosts=hosts)
    for base, status in [
        ("http://armslength.test", 200), ("https://armslength.test:443", 200),
        ("http://10.0.0.5:8443", 200), ("http://10.0.0.5:8000", 421),
        ("http://[::1]:9", 200), ("http://evil.example", 421), ("http://testserver", 421),
    ]:  # fmt: skip
        with TestClient(app, base_url=base) as client:
            assert client.get("/api/v1/events").status_code == status, base
    with pytest.raises(InputError, match="not a host name"):
        create_app(Settings(), store, hosts=["http://x/"])
