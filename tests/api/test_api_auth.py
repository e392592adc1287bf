"""Beyond loopback every call needs a Bearer token; roles decide what it may do."""

from __future__ import annotations

from fastapi.testclient import TestClient

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
