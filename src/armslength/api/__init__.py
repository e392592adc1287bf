"""The REST API under ``/api/v1`` (FastAPI): its routes, error bodies, limits and middleware.

:func:`armslength.server.create_app` composes it with the web page into the server.
"""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import FastAPI

from armslength.api import _problems
from armslength.api._limits import Limits
from armslength.api._middleware import (
    AccessLog,
    BodyLimit,
    CrossOrigin,
    HostCheck,
    SecurityHeaders,
    Timeout,
    parse_hosts,
)
from armslength.api._routes import router

__all__ = ["LOOPBACK_HOSTS", "Limits", "install", "parse_hosts", "protect", "router"]

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
"""The names a loopback server answers to (any port unless given as ``name:port``)."""


def install(app: FastAPI) -> None:
    """Add the API's routes and its problem+json error handlers to *app*."""
    _problems.install(app)
    app.include_router(router)


def protect(app: FastAPI, limits: Limits, hosts: Iterable[str] = LOOPBACK_HOSTS) -> None:
    """Wrap the whole server (API and page) in its middleware, outermost first: the access log,
    security headers, the *hosts* allow-list (421), cross-origin refusals (403), body size
    (413) and time (503) limits."""
    app.add_middleware(Timeout, limits=limits)
    app.add_middleware(BodyLimit, limits=limits)
    app.add_middleware(CrossOrigin)
    app.add_middleware(HostCheck, hosts=tuple(hosts))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AccessLog)
