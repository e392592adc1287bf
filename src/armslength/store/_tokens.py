"""API tokens: random 32-byte secrets, stored only as their SHA-256."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

TOKEN_PREFIX = "alt_"  # noqa: S105  (a prefix, not a secret)


class TokenRole(StrEnum):
    CLINICIAN = "clinician"
    PRIVACY_OFFICER = "privacy_officer"


class TokenInfo(BaseModel):
    """What is known about a token (never its secret)."""

    model_config = ConfigDict(frozen=True)

    id: str
    role: TokenRole
    label: str | None = None
    created: datetime
    revoked: datetime | None = None


def new_secret() -> tuple[str, str, str]:
    """A new token: (id, full token to hand out, SHA-256 of its secret part)."""
    token_id = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    return token_id, f"{TOKEN_PREFIX}{token_id}.{secret}", secret_hash(secret)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def split_token(token: str) -> tuple[str, str] | None:
    """(id, secret) of a well-formed token, else None."""
    if not token.startswith(TOKEN_PREFIX) or "." not in token:
        return None
    token_id, _, secret = token[len(TOKEN_PREFIX) :].partition(".")
    if not token_id or not secret:
        return None
    return token_id, secret


def matches(secret: str, stored_hash: str) -> bool:
    return hmac.compare_digest(secret_hash(secret), stored_hash)
