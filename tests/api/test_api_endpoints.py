"""``/api/v1`` on both backends: the CLI's JSON contracts, events, errors, limits, headers."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from _local import local_client
from armslength.config import Settings
from armslength.server import Limits, create_app
from armslength.store import Store

PROBLEM = "application/problem+json"


def test_advise_returns_the_cli_contract_and_logs_an_event(
    client: TestClient, store: Store
) -> None:
    response = client.post(
        "/api/v1/advise",
        json={"relationship": "current-patient", "kind": "friend", "account": "personal"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "decline"
    assert {"reasons", "reply", "alternatives", "policy_version"} <= body.keys()
    assert body["reasons"][0]["sources"][0]["url"].startswith("http")
    assert response.headers["armslength-audit-log"] == "recorded"
    event = store.events()[0]
    assert event.type == "advice.given" and event.actor == "api"
    assert event.data["source"] == "api"
    assert event.data["rules"] == [r["rule"] for r in body["reasons"]]


def test_advise_rejects_unknown_options(client: TestClient) -> None:
    response = client.post("/api/v1/advise", json={"relationship": "patient-ish"})
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 422 and problem["errors"][0]["field"] == "body.relationship"
    assert "patient-ish" not in response.text


def test_screen_single(client: TestClient, store: Store) -> None:
    text = "Saw John Smith on ward 4 today, call 555-123-4567"
    plain = client.post("/api/v1/screen", json={"text": text, "kind": "post"}).json()
    assert plain["risk"] in {"medium", "high"}
    assert "redacted" not in plain
    found = plain["findings"][0]
    assert text[found["start"] : found["end"]] == found["text"]
    redacted = client.post("/api/v1/screen", json={"text": text, "redact": True}).json()
    assert "John Smith" not in redacted["redacted"]
    event = store.events()[0]
    assert event.type == "text.screened"
    assert event.data["findings"] == len(redacted["findings"]) and event.data["redacted"] is True
    assert event.data["length"] == len(text)


def test_screen_batch_keeps_order_and_ids(client: TestClient, store: Store) -> None:
    items = [
        {"id": "a", "text": "Lovely walk this morning."},
        {"id": "b", "text": "Mrs Jones, 84, from bed 12 is doing well", "kind": "comment"},
        {"text": "Thanks for the review!"},
    ]
    response = client.post("/api/v1/screen", json={"items": items, "kind": "reply"})
    results = response.json()["results"]
    assert [r["id"] for r in results] == ["a", "b", None]
    assert results[0]["risk"] == "none" and results[1]["risk"] != "none"
    kinds = [e.data["kind"] for e in store.events(type="text.screened")]
    assert kinds == ["reply", "comment", "reply"]


@pytest.mark.parametrize(
    "body",
    [{}, {"text": 5}, {"items": "x"}, {"text": "a", "kind": "tweet"}, {"text": "a", "extra": 1}],
)
def test_screen_bad_bodies_are_problems(client: TestClient, body: dict[str, Any]) -> None:
    response = client.post("/api/v1/screen", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM


def test_malformed_json_is_a_problem(client: TestClient) -> None:
    response = client.post(
        "/api/v1/screen", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["title"] == "Unprocessable Entity"


def test_events_filters_and_paging(client: TestClient) -> None:
    for n in range(3):
        client.post("/api/v1/screen", json={"text": f"hello {n}"})
    client.post("/api/v1/advise", json={"relationship": "colleague"})
    page = client.get("/api/v1/events", params={"limit": 2}).json()
    assert [e["type"] for e in page["events"]] == ["advice.given", "text.screened"]
    assert page["next_before_id"] == page["events"][-1]["id"]
    older = client.get("/api/v1/events", params={"before_id": page["next_before_id"]}).json()
    assert len(older["events"]) == 2 and older["next_before_id"] is None
    only = client.get("/api/v1/events", params={"type": "advice.given"}).json()["events"]
    assert len(only) == 1
    assert client.get("/api/v1/events", params={"since": "2999-01-01"}).json()["events"] == []
    assert len(client.get("/api/v1/events", params={"until": "2999-01-01"}).json()["events"]) == 4
    assert client.get("/api/v1/events", params={"type": "nope"}).status_code == 422
    assert client.get("/api/v1/events/verify").json() == {"ok": True, "first_bad_id": None}


def test_unknown_paths_and_methods_are_problems(client: TestClient) -> None:
    missing = client.get("/api/v1/nothing")
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    assert client.get("/api/v1/screen").status_code == 405


def test_security_headers_everywhere(client: TestClient) -> None:
    for path in ("/", "/screen", "/openapi.json", "/static/style.css"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "http" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
    response = client.post("/api/v1/screen", json={"text": "x"})
    assert response.headers["cache-control"] == "no-store"


def test_no_swagger_ui_from_a_cdn(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "Armslength"


def test_openapi_is_complete(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/v1/advise", "/api/v1/screen", "/api/v1/audits", "/api/v1/events"):
        assert path in paths
    assert "/" not in paths and "/screen" not in paths
    schemas = spec["components"]["schemas"]
    for name in ("AdviseRequest", "ScreenRequest", "ScreenBatchRequest", "EventOut", "AuditJob"):
        assert schemas[name].get("examples"), name
    for path, operations in paths.items():
        for operation in operations.values():
            assert operation.get("description") or operation.get("summary"), path


def test_body_limit_declared_and_streamed(store: Store) -> None:
    app = create_app(Settings(), store, limits=Limits(max_body_bytes=1000))
    with local_client(app) as client:
        big = json.dumps({"text": "x" * 2000}).encode()
        declared = client.post(
            "/api/v1/screen", content=big, headers={"content-type": "application/json"}
        )
        assert declared.status_code == 413 and declared.headers["content-type"] == PROBLEM

        def chunks() -> Any:
            yield big[:600]
            yield big[600:]

        streamed = client.post(
            "/api/v1/screen", content=chunks(), headers={"content-type": "application/json"}
        )
        assert streamed.status_code == 413
        assert client.post("/api/v1/screen", json={"text": "ok"}).status_code == 200


def test_request_timeout(store: Store) -> None:
    app = create_app(Settings(), store, limits=Limits(request_timeout=0.000_001))
    with local_client(app) as client:
        response = client.post("/api/v1/screen", json={"text": "word " * 20_000})
        assert response.status_code == 503
        assert "took longer" in response.json()["detail"]
    time.sleep(0.2)  # let the abandoned thread finish before the store closes


def test_store_failure_keeps_the_answer(db_url: str) -> None:
    from armslength.store import Store as RawStore

    broken = RawStore("postgresql://nobody:x@127.0.0.1:1/none")
    with local_client(create_app(Settings(), broken)) as client:
        response = client.post("/api/v1/advise", json={"relationship": "current-patient"})
        assert response.status_code == 200
        assert response.headers["armslength-audit-log"] == "failed"
        events = client.get("/api/v1/events")
        assert events.status_code == 503 and events.headers["content-type"] == PROBLEM
