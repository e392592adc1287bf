"""Limits of the server: body sizes, timeouts, batch sizes, how long audits are kept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.datastructures import UploadFile


FORM_ROOM = 64 * 1024
"""Bytes a multipart form adds around an uploaded photo (boundaries, other fields)."""


@dataclass(frozen=True)
class Limits:
    """Every limit the API enforces; the defaults suit one practice on one machine."""

    max_body_bytes: int = 2 * 1024 * 1024
    max_upload_bytes: int = 512 * 1024 * 1024
    request_timeout: float = 30.0
    upload_timeout: float = 900.0
    max_batch_items: int = 1000
    max_text_chars: int = 100_000
    audit_workers: int = 1
    audit_jobs_kept: int = 50
    audit_ttl: float = 8 * 3600.0
    """Seconds a finished audit (its report, which names patients) is kept before deletion."""
    upload_paths: tuple[str, ...] = ("/api/v1/audits", "/audit")
    max_photo_bytes: int = 20 * 1024 * 1024
    """The largest photo the API and the web page screen (the body may add a form's bytes)."""
    photo_paths: tuple[str, ...] = ("/api/v1/screen/photo", "/screen/photo")

    def is_upload(self, path: str) -> bool:
        return path in self.upload_paths

    def body_limit(self, path: str) -> int:
        """The largest request body for *path*: uploads, photos (plus room for the form), or
        any other request."""
        if self.is_upload(path):
            return self.max_upload_bytes
        if path in self.photo_paths:
            return self.max_photo_bytes + FORM_ROOM
        return self.max_body_bytes


async def read_upload(upload: UploadFile, limit: int) -> bytes | None:
    """The bytes of *upload*, or None when it holds more than *limit* bytes (read no further)."""
    data = await upload.read(limit + 1)
    return None if len(data) > limit else data
