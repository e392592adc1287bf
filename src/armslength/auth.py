"""Who is calling, and what they may see: shared by the REST API and the web page.

Nobody needs a token on loopback; beyond it, a Bearer token (API) or the login cookie (page)
names a principal with a role. Clinicians see only their own events and audits; privacy
officers see everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from starlette.exceptions import HTTPException

from armslength.store import Store, TokenRole

COOKIE = "armslength_token"


@dataclass(frozen=True)
class Principal:
    """The caller: an actor name for the audit log and a role (None = local, all allowed)."""

    actor: str
    role: TokenRole | None = None

    def may(self, needed: TokenRole) -> bool:
        return self.role is None or self.role == needed or self.role == TokenRole.PRIVACY_OFFICER


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _authenticate(store: Store, token: str | None) -> Principal | None:
    if not token:
        return None
    info = store.authenticate(token)
    return Principal(actor=f"token:{info.id}", role=info.role) if info else None


def api_principal(request: Request) -> Principal:
    """FastAPI dependency for ``/api/v1``: a Bearer token when the server requires one."""
    if not request.app.state.require_token:
        return Principal(actor="api")
    principal = _authenticate(request.app.state.store, _bearer(request))
    if principal is None:
        raise HTTPException(
            401, "a valid API token is required", headers={"WWW-Authenticate": "Bearer"}
        )
    return principal


def web_principal(request: Request) -> Principal | None:
    """The web page's caller (token from the login cookie), or None when a login is needed."""
    if not request.app.state.require_token:
        return Principal(actor="web")
    return _authenticate(request.app.state.store, request.cookies.get(COOKIE))


def require(principal: Principal, role: TokenRole) -> None:
    if not principal.may(role):
        raise HTTPException(403, f"this needs the {role.value} role")


def visible_actor(principal: Principal, requested: str | None) -> str | None:
    """The actor filter for listing events: clinicians see only their own."""
    return principal.actor if principal.role == TokenRole.CLINICIAN else requested


def may_read(principal: Principal, owner: str) -> bool:
    """Whether *principal* may see what *owner* created (an audit and its report)."""
    return principal.role != TokenRole.CLINICIAN or principal.actor == owner
