"""The photo tests need the photos extra (Pillow; RapidOCR and OpenCV for text and faces)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Any connection attempt fails (and is recorded): proves OCR fetches nothing."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("network access attempted during a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: attempts.append(a) or [])
    yield attempts


@pytest.fixture
def needs_ocr() -> None:
    pytest.importorskip("rapidocr_onnxruntime", reason="the photos extra (RapidOCR) is missing")


@pytest.fixture
def needs_faces() -> None:
    pytest.importorskip("cv2", reason="the photos extra (OpenCV) is missing")
