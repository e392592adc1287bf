"""``POST /api/v1/screen/photo``: a photo upload screened as ``screen PHOTO --json``, size
and type refused with problem JSON, one ``photo.screened`` event without the text."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

pytest.importorskip("PIL", reason="the photos extra (Pillow) is not installed")
from fastapi.testclient import TestClient

from _local import local_client
from armslength.config import Settings
from armslength.server import Limits, create_app
from armslength.store import Store
from photos._images import jpeg_bytes, landscape, png_bytes, wristband

URL = "/api/v1/screen/photo"


@pytest.fixture
def small(store: Store) -> Iterator[TestClient]:
    """An app whose photo limit is 50 kB."""
    with local_client(create_app(Settings(), store, limits=Limits(max_photo_bytes=50_000))) as c:
        yield c


def test_photo_upload_is_screened_and_logged_without_text(client: TestClient, store: Store) -> None:
    pytest.importorskip("rapidocr_onnxruntime", reason="the photos extra (RapidOCR) is missing")
    files = {"photo": ("band.png", png_bytes(wristband()), "image/png")}
    response = client.post(URL, files=files, data={"kind": "post", "preview": "true"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["risk"] in ("medium", "high") and body["photo"]["type"] == "png"
    names = [f for f in body["findings"] if f["label"] == "NAME" and f["source"] == "text"]
    assert names and all(len(f["box"]) == 4 for f in names)
    assert body["preview"].startswith("data:image/jpeg;base64,")
    assert "text" not in body and "redacted" not in body
    assert response.headers["Armslength-Audit-Log"] == "recorded"
    [event] = store.events(type="photo.screened")
    assert event.data["risk"] == body["risk"] and event.data["image_type"] == "png"
    assert event.data["labels"].get("NAME", 0) >= 1
    assert "Hughes" not in json.dumps(event.data)


def test_photo_without_preview_has_none(client: TestClient) -> None:
    files = {"photo": ("view.jpg", jpeg_bytes(landscape((200, 120))), "image/jpeg")}
    body = client.post(URL, files=files).json()
    assert body["preview"] is None and body["photo"]["width"] == 200


def test_too_big_is_413_problem(small: TestClient) -> None:
    big = png_bytes(landscape((900, 900)).effect_spread(40))
    assert len(big) > 50_000
    response = small.post(URL, files={"photo": ("big.png", big, "image/png")})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "larger than" in response.json()["detail"]


def test_not_an_image_is_415_and_damaged_is_422(client: TestClient) -> None:
    text = client.post(URL, files={"photo": ("notes.jpg", b"Mia Hughes, bed 4", "image/jpeg")})
    assert text.status_code == 415
    assert "not an image" in text.json()["detail"] and "Hughes" not in text.text
    cut = jpeg_bytes(landscape((300, 200)))
    damaged = client.post(URL, files={"photo": ("cut.jpg", cut[: len(cut) // 2], "image/jpeg")})
    assert damaged.status_code == 422 and "truncated" in damaged.json()["detail"]


def test_photo_route_is_in_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"413", "415", "422"} <= set(paths[URL]["post"]["responses"])
