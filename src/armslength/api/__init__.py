"""The REST API under ``/api/v1`` (FastAPI): its routes, error bodies, limits and middleware.

:func:`armslength.server.create_app` composes it with the web page into the server.
"""

from __future__ import annotations

from fastapi import FastAPI

from armslength.api import _problems
from armslength.api._limits import Limits
from armslength.api._middleware import AccessLog, BodyLimit, SecurityHeaders, Timeout
from armslength.api._routes import router

__all__ = ["Limits", "install", "protect", "router"]


def install(app: FastAPI) -> None:
    """Add the API's routes and its problem+json error handlers to *app*."""
    _problems.install(app)
    app.include_router(router)


def protect(app: FastAPI, limits: Limits) -> None:
    """Wrap the whole server (API and page) in the time, size, header and log middleware."""
    app.add_middleware(Timeout, limits=limits)
    app.add_middleware(BodyLimit, limits=limits)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AccessLog)
