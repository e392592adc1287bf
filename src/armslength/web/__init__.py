"""The local web page: server-rendered forms (Jinja2) with a little progressive JavaScript.

Advise, screen, audit and history, all through the same application core as the API.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from starlette.responses import RedirectResponse, Response
from starlette.staticfiles import StaticFiles

from armslength.errors import LoginRequiredError
from armslength.web._routes import router

__all__ = ["install", "router"]


def _static_dir() -> Path:
    return Path(str(resources.files("armslength.web").joinpath("static")))


async def _to_login(_request: Request, _exc: Exception) -> Response:
    return RedirectResponse("/login", status_code=303)


def install(app: FastAPI) -> None:
    """Add the page's routes, its static files and its login redirect to *app*."""
    app.add_exception_handler(LoginRequiredError, _to_login)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=_static_dir()), name="static")
