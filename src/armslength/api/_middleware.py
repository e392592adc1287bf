"""Raw ASGI middleware: access log without PHI, security headers, the Host allow-list,
cross-origin refusals, body limits, timeouts."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armslength.api._limits import Limits
from armslength.api._problems import send_problem
from armslength.errors import InputError

access_log = logging.getLogger("armslength.access")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # no-referrer would make forms send "Origin: null"
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def _route_template(scope: Scope) -> str:
    """The matched route's template (``/api/v1/audits/{audit_id}``), never the raw path."""
    route: Any = scope.get("route")
    if route is not None and hasattr(route, "path"):
        return str(route.path)
    path = str(scope.get("path", ""))
    return "/static/*" if path.startswith("/static/") else "<unmatched>"


class AccessLog:
    """One line per request: method, route template, status, duration. No query, no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = [500]
        started = time.perf_counter()

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            duration = (time.perf_counter() - started) * 1000
            access_log.info(
                "%s %s %d %.1fms", scope["method"], _route_template(scope), status[0], duration
            )


class SecurityHeaders:
    """CSP without external origins, nosniff, no framing, no referrer to other origins, no
    caching of API data."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, add_headers)


class BodyLimit:
    """413 when a request body is larger than allowed (declared or streamed)."""

    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    def _limit(self, scope: Scope) -> int:
        return self.limits.body_limit(str(scope.get("path", "")))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await send_problem(send, 413, f"request body is larger than {limit} bytes")
            return
        state = {"received": 0, "exceeded": False, "started": False}

        async def counted() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:
                    state["exceeded"] = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            if state["exceeded"]:
                return
            state["started"] = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not state["exceeded"]:
                raise
        if state["exceeded"] and not state["started"]:
            await send_problem(send, 413, f"request body is larger than {limit} bytes")


class Timeout:
    """503 when a request takes longer than its time limit (uploads get a longer one)."""

    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        upload = self.limits.is_upload(str(scope.get("path", "")))
        seconds = self.limits.upload_timeout if upload else self.limits.request_timeout
        started = [False]

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                started[0] = True
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, watch), seconds)
        except TimeoutError:
            if not started[0]:
                await send_problem(send, 503, f"the request took longer than {seconds:g} s")


_HOST = re.compile(r"^(?P<name>\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(?P<port>[0-9]{1,5}))?$")


def split_host(value: str) -> tuple[str, int | None] | None:
    """``name[:port]`` (IPv6 in brackets) as (lower-case name, port); None when malformed."""
    found = _HOST.match(value.strip().lower())
    if found is None:
        return None
    port = found["port"]
    return found["name"], int(port) if port else None


def parse_hosts(hosts: Iterable[str]) -> frozenset[tuple[str, int | None]]:
    """Allow-list entries: ``name`` (any port) or ``name:port``; a malformed one is an error."""
    allowed = set()
    for entry in hosts:
        parsed = split_host(entry)
        if parsed is None:
            raise InputError(f"not a host name or host:port: {entry!r}", field="allowed_host")
        allowed.add(parsed)
    return frozenset(allowed)


class HostCheck:
    """421 unless the ``Host`` header names this server.

    After DNS rebinding a foreign page's own name resolves to this machine, so the browser
    treats the server as that page's origin; the ``Host`` header still carries the foreign name.
    """

    def __init__(self, app: ASGIApp, hosts: Iterable[str]) -> None:
        self.app = app
        self.allowed = parse_hosts(hosts)

    def allows(self, value: str | None) -> bool:
        parsed = split_host(value) if value else None
        if parsed is None:
            return False
        return parsed in self.allowed or (parsed[0], None) in self.allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self.allows(
            Headers(scope=scope).get("host")
        ):
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
        else:
            await send_problem(send, 421, "this server does not answer for that host name")


SAFE_METHODS = frozenset({"GET", "HEAD"})


def same_origin(origin: str, host: str) -> bool:
    """Whether an ``Origin`` header names the host the request was sent to (any scheme)."""
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower() != ""


def cross_site_refusal(scope: Scope) -> str | None:
    """Why a request looks sent by another site's page (None: it does not)."""
    headers = Headers(scope=scope)
    method, path = scope["method"], str(scope.get("path", ""))
    if method == "OPTIONS" and "access-control-request-method" in headers:
        return "cross-origin requests are not allowed (no CORS)"
    origin, site = headers.get("origin"), headers.get("sec-fetch-site")
    opaque_but_ours = origin == "null" and site == "same-origin"  # a no-referrer page's form
    if (
        origin is not None
        and not opaque_but_ours
        and not same_origin(origin, headers.get("host", ""))
    ):
        return "requests from another origin are refused"
    if site in ("cross-site", "same-site") and (
        method not in SAFE_METHODS or path.startswith("/api/")
    ):
        return "requests from another site are refused"
    return None


class CrossOrigin:
    """403 for what another site's page can make a browser send: a foreign ``Origin``, a CORS
    preflight, or (``Sec-Fetch-Site``) a cross-site write or API call. CORS stays closed: no
    response ever carries ``Access-Control-Allow-*``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        reason = cross_site_refusal(scope) if scope["type"] == "http" else None
        if reason is None:
            await self.app(scope, receive, send)
        else:
            await send_problem(send, 403, reason)
