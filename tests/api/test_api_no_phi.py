"""A unique marker sent through every entry point never reaches the database or the logs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from armslength.store import Store

MARKER = "Quixotelbaum Zephyrine"


def database_dump(store: Store, db_url: str) -> str:
    parts = []
    with store.engine.connect() as conn:
        for table in ("events", "chain_head", "api_tokens"):
            parts += [str(tuple(row)) for row in conn.execute(text(f"SELECT * FROM {table}"))]
    if db_url.startswith("sqlite"):
        path = Path(db_url.removeprefix("sqlite:///"))
        for file in (path, path.with_name(path.name + "-wal")):
            if file.exists():
                parts.append(file.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


def test_marker_reaches_neither_database_nor_logs(
    client: TestClient, store: Store, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    logging.getLogger("armslength.access").setLevel(logging.DEBUG)
    text_ = f"Saw {MARKER} (MRN 12345678) on ward 7 today"
    message = f"Dr, it's {MARKER}: can you look at my results?"
    assert (
        client.post(
            "/api/v1/advise",
            json={"relationship": "current-patient", "kind": "message", "message": message},
        ).status_code
        == 200
    )
    assert (
        client.post(
            "/api/v1/screen", json={"text": text_, "redact": True, "id": MARKER}
        ).status_code
        == 200
    )
    batch = {"items": [{"id": MARKER, "text": text_}, {"text": MARKER}]}
    assert client.post("/api/v1/screen", json=batch).status_code == 200
    assert client.post("/api/v1/screen", json={"text": text_, "kind": MARKER}).status_code == 422
    assert client.get("/api/v1/events", params={"actor": MARKER}).status_code == 200
    assert client.get(f"/api/v1/audits/{MARKER}").status_code == 404
    page = client.get("/screen")
    csrf = client.cookies["armslength_csrf"]
    shown = client.post("/screen", data={"text": text_, "kind": "post", "csrf_token": csrf})
    assert MARKER in shown.text  # the page shows the user their own text...
    assert store.count() == 5
    dump = database_dump(store, db_url)
    assert "text.screened" in dump
    assert MARKER not in dump  # ...but the audit log never holds it
    server_logs = "\n".join(
        r.getMessage()
        for r in caplog.records
        if not r.name.startswith("httpx")  # the client's
    )
    for word in MARKER.split():
        assert word not in dump
        assert word not in server_logs
    access = [r.getMessage() for r in caplog.records if r.name == "armslength.access"]
    assert "POST /api/v1/screen 200" in "\n".join(access)
    assert "GET /api/v1/audits/{audit_id} 404" in "\n".join(access)
    assert page.status_code == 200
