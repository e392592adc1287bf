"""Limits of the server: body sizes, timeouts, batch sizes, how long audits are kept."""

from __future__ import annotations

from dataclasses import dataclass


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

    def is_upload(self, path: str) -> bool:
        return path in self.upload_paths
