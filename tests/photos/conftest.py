"""The photo tests need the photos extra (Pillow; RapidOCR and OpenCV for text and faces)."""

from __future__ import annotations

import pytest


@pytest.fixture
def needs_ocr() -> None:
    pytest.importorskip("rapidocr_onnxruntime", reason="the photos extra (RapidOCR) is missing")


@pytest.fixture
def needs_faces() -> None:
    pytest.importorskip("cv2", reason="the photos extra (OpenCV) is missing")
