"""Raw ASGI middleware: access log without PHI, security headers, body limits, timeouts."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armslength.api._limits import Limits
from armslength.api._problems import send_problem

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
    (b"referrer-policy", b"no-referrer"),
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
    """CSP without external origins, nosniff, no framing, no referrer, no caching of API data."""

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
        upload = self.limits.is_upload(str(scope.get("path", "")))
        return self.limits.max_upload_bytes if upload else self.limits.max_body_bytes

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
