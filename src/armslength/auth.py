"""Who is calling, and what they may see: shared by the REST API and the web page.

How a caller proves who it is depends on how the server was started (an :class:`Access`):

- **on loopback** (the default) ``armslength serve`` prints a launch link with a secret. Opening
  it sets an HttpOnly, SameSite=Strict session cookie; scripts send the same secret as
  ``Authorization: Bearer <secret>``. API tokens (``armslength token create``) work too.
- **beyond loopback** only API tokens: ``Authorization: Bearer <token>`` for the API, the log-in
  form (which keeps the token in an HttpOnly, SameSite=Strict cookie) for the page.
- ``--no-auth-on-loopback`` asks nobody (scripts on a single-user machine).

The launch secret acts for the person who started the server (no role: everything allowed);
an API token has a role. Clinicians see only their own events and audits; privacy officers see
everything (:func:`visible_actor`, :func:`may_read`).
"""

from __future__ import annotations

import hmac
import secrets
import threading
from dataclasses import dataclass
from typing import Literal

from fastapi import Request, Security
from fastapi.security import APIKeyCookie, HTTPBearer
from starlette.exceptions import HTTPException
from starlette.responses import Response

from armslength.store import Store, TokenRole

__all__ = [
    "COOKIE",
    "LAUNCH_PARAM",
    "SESSION_COOKIE",
    "Access",
    "Gate",
    "Principal",
    "api_principal",
    "gate",
    "may_read",
    "require",
    "visible_actor",
    "web_principal",
]

COOKIE = "armslength_token"
"""The page's log-in cookie: an API token typed into ``/login`` (servers beyond loopback)."""
SESSION_COOKIE = "armslength_session"
"""The session opened by the launch link (a random id; the secret itself is never a cookie)."""
LAUNCH_PARAM = "token"
"""The launch link's query parameter: ``/login?token=<secret>``."""

Face = Literal["api", "web"]
_bearer_scheme = HTTPBearer(
    scheme_name="bearer",
    auto_error=False,
    description="The launch secret printed by `armslength serve`, or an API token "
    "(`armslength token create --role ROLE`).",
)
_session_scheme = APIKeyCookie(
    name=SESSION_COOKIE,
    scheme_name="session",
    auto_error=False,
    description="Set by opening the launch link (`/login?token=<secret>`).",
)


@dataclass(frozen=True)
class Principal:
    """The caller: an actor name for the audit log and a role (None = the local user, all)."""

    actor: str
    role: TokenRole | None = None

    def may(self, needed: TokenRole) -> bool:
        return self.role is None or self.role == needed or self.role == TokenRole.PRIVACY_OFFICER


@dataclass(frozen=True)
class Access:
    """How callers of one server prove who they are (fixed when the server starts)."""

    secret: str | None = None
    """The launch secret (loopback), or None: API tokens only."""
    open: bool = False
    """True: nobody is asked (``--no-auth-on-loopback``)."""

    @classmethod
    def launch(cls, secret: str | None = None) -> Access:
        """Loopback: a launch secret (a fresh random one unless given) or API tokens."""
        return cls(secret=secret or secrets.token_urlsafe(32))

    @classmethod
    def tokens_only(cls) -> Access:
        """Beyond loopback: API tokens only."""
        return cls()

    @classmethod
    def unauthenticated(cls) -> Access:
        """Every request is the local user's (``--no-auth-on-loopback``)."""
        return cls(open=True)

    def launch_path(self) -> str | None:
        """The path of the launch link (``/login?token=…``), or None without a secret."""
        return f"/login?{LAUNCH_PARAM}={self.secret}" if self.secret else None


class Gate:
    """One server's door: resolves each request's principal and keeps the launch sessions."""

    def __init__(self, access: Access, store: Store) -> None:
        self.access = access
        self.store = store
        self._sessions: set[str] = set()
        self._lock = threading.Lock()

    def is_launch_secret(self, value: str | None) -> bool:
        secret = self.access.secret
        return bool(secret and value) and hmac.compare_digest(
            str(value).encode(), str(secret).encode()
        )

    def principal(self, request: Request, face: Face) -> Principal | None:
        """Who sent *request*: bearer secret or token, launch session, log-in cookie; or None."""
        if self.access.open:
            return Principal(actor=face)
        token = _bearer(request)
        if token is not None:  # a bearer header decides alone: a wrong one is never rescued
            return Principal(actor=face) if self.is_launch_secret(token) else self._token(token)
        if self._has_session(request.cookies.get(SESSION_COOKIE)):
            return Principal(actor=face)
        return self._token(request.cookies.get(COOKIE))

    def _token(self, token: str | None) -> Principal | None:
        info = self.store.authenticate(token) if token else None
        return Principal(actor=f"token:{info.id}", role=info.role) if info else None

    def _has_session(self, session: str | None) -> bool:
        with self._lock:
            return session is not None and session in self._sessions

    def log_in(self, request: Request, response: Response, secret_or_token: str) -> bool:
        """Set the cookie for a launch secret (a new session) or an API token; False if neither."""
        if self.is_launch_secret(secret_or_token):
            session = secrets.token_urlsafe(32)
            with self._lock:
                self._sessions.add(session)
            _set_cookie(request, response, SESSION_COOKIE, session)
            return True
        if not self.access.open and self._token(secret_or_token) is not None:
            _set_cookie(request, response, COOKIE, secret_or_token)
            return True
        return False

    def log_out(self, request: Request, response: Response) -> None:
        """End the request's session (if any) and clear both cookies."""
        with self._lock:
            self._sessions.discard(request.cookies.get(SESSION_COOKIE, ""))
        for name in (SESSION_COOKIE, COOKIE):
            response.delete_cookie(name, httponly=True, samesite="strict")


def _set_cookie(request: Request, response: Response, name: str, value: str) -> None:
    secure = request.url.scheme == "https"
    response.set_cookie(name, value, httponly=True, samesite="strict", secure=secure, path="/")


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def gate(request: Request) -> Gate:
    """The server's :class:`Gate` (``create_app`` puts it on ``app.state``)."""
    found: Gate = request.app.state.gate
    return found


def api_principal(
    request: Request,
    _bearer_doc: object = Security(_bearer_scheme),
    _session_doc: object = Security(_session_scheme),
) -> Principal:
    """FastAPI dependency for ``/api/v1``: 401 unless the caller proved who it is.

    The two unused parameters only declare the schemes in the OpenAPI document.
    """
    principal = gate(request).principal(request, "api")
    if principal is None:
        raise HTTPException(
            401,
            "a token is required: open the link `armslength serve` printed, or send "
            "Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return principal


def web_principal(request: Request) -> Principal | None:
    """The web page's caller, or None when a log-in is needed."""
    return gate(request).principal(request, "web")


def require(principal: Principal, role: TokenRole) -> None:
    if not principal.may(role):
        raise HTTPException(403, f"this needs the {role.value} role")


def visible_actor(principal: Principal, requested: str | None) -> str | None:
    """The actor filter for listing events: clinicians see only their own."""
    return principal.actor if principal.role == TokenRole.CLINICIAN else requested


def may_read(principal: Principal, owner: str) -> bool:
    """Whether *principal* may see what *owner* created (an audit and its report)."""
    return principal.role != TokenRole.CLINICIAN or principal.actor == owner
