"""The screen page takes a photo: findings and a blurred preview; size and type refused
with a clear page (in-process, and once in Chromium)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PIL", reason="the photos extra (Pillow) is not installed")
from _live import shot

from _local import browser_client, launch
from armslength.config import Settings
from armslength.server import Limits, create_app
from armslength.store import open_store
from photos._images import jpeg_bytes, landscape, png_bytes, wristband

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture
def web(tmp_path: Path) -> Iterator[TestClient]:
    store = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    app = create_app(Settings(), store, limits=Limits(max_photo_bytes=60_000))
    with browser_client(app) as client:
        launch(client)
        yield client
    store.close()


def _post(client: TestClient, name: str, data: bytes) -> Any:
    token = {"csrf_token": client.cookies["armslength_csrf"]}
    return client.post("/screen/photo", data=token, files={"photo": (name, data, "image/png")})


def test_screen_page_has_a_photo_input(web: TestClient) -> None:
    page = web.get("/screen").text
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page


def test_photo_findings_and_preview(web: TestClient) -> None:
    pytest.importorskip("rapidocr_onnxruntime", reason="the photos extra (RapidOCR) is missing")
    page = _post(web, "band.png", png_bytes(wristband()))
    assert page.status_code == 200
    assert "Photo risk: high" in page.text or "Photo risk: medium" in page.text
    assert 'data-testid="photo-preview"' in page.text and "data:image/jpeg;base64," in page.text
    assert 'ol class="findings"' in page.text


def test_photo_errors_are_clear(web: TestClient) -> None:
    big = _post(web, "big.png", png_bytes(landscape((900, 900)).effect_spread(40)))
    assert big.status_code == 413 and "larger than" in big.text
    text = _post(web, "notes.png", b"just some words")
    assert text.status_code == 415 and "not an image" in text.text
    cut = jpeg_bytes(landscape((300, 200)))
    damaged = _post(web, "cut.jpg", cut[: len(cut) // 2])
    assert damaged.status_code == 422 and "truncated" in damaged.text
    token = {"csrf_token": "wrong"}
    files = {"photo": ("a.png", png_bytes(landscape((50, 40))), "image/png")}
    assert web.post("/screen/photo", data=token, files=files).status_code == 403


@pytest.mark.browser
def test_photo_upload_in_chromium(page: Any, tmp_path: Path) -> None:
    pytest.importorskip("rapidocr_onnxruntime", reason="the photos extra (RapidOCR) is missing")
    photo = tmp_path / "band.png"
    photo.write_bytes(png_bytes(wristband()))
    page.goto("/screen")
    page.get_by_label("Photo (JPEG, PNG, WebP, GIF or HEIC, up to 20 MB)").set_input_files(
        str(photo)
    )
    with page.expect_response(lambda r: r.request.method == "POST") as info:
        page.get_by_role("button", name="Screen the photo", exact=True).click()
    assert info.value.status == 200
    page.wait_for_load_state()
    assert page.locator("#photo-risk").inner_text().startswith("Photo risk:")
    preview = page.get_by_test_id("photo-preview")
    assert preview.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator("ol.findings li").count() >= 1
    shot(page, "web-screen-photo")
