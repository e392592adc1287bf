"""The FastAPI application factory: API, web page, middleware, error handling."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from starlette.responses import RedirectResponse, Response
from starlette.staticfiles import StaticFiles

from armslength._version import __version__
from armslength.api import _problems
from armslength.api._audits import AuditJobs
from armslength.api._limits import Limits
from armslength.api._middleware import AccessLog, BodyLimit, SecurityHeaders, Timeout
from armslength.api._routes import router
from armslength.config import Settings, load_settings
from armslength.service import Core
from armslength.store import Store, open_store

DESCRIPTION = """\
Armslength's REST API: advise on social-media interactions with patients, screen text for
patient information before it is published, audit downloaded archives against a roster, and
read the audit log. Bodies use the CLI's option names in snake_case and answer with the CLI's
`--json` output. Errors are `application/problem+json`. On loopback no token is needed; bound
elsewhere, send `Authorization: Bearer <token>` (`armslength token create --role ROLE`).
"""


def _static_dir() -> Path:
    return Path(str(resources.files("armslength.web").joinpath("static")))


async def _to_login(_request: Request, _exc: Exception) -> Response:
    return RedirectResponse("/login", status_code=303)


def create_app(
    settings: Settings | None = None,
    store: Store | None = None,
    *,
    require_token: bool = False,
    limits: Limits | None = None,
) -> FastAPI:
    """The Armslength server. *require_token*: every call needs a Bearer token (or login)."""
    from armslength.errors import LoginRequiredError
    from armslength.web import router as web_router

    settings = settings or load_settings()
    store = store or open_store(settings_url=settings.database_url)
    limits = limits or Limits()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.audits.close()

    app = FastAPI(
        title="Armslength",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # Swagger UI loads from a CDN: the page must work offline
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings, app.state.store, app.state.limits = settings, store, limits
    app.state.require_token = require_token
    app.state.core = Core.for_server(settings, store)
    app.state.audits = AuditJobs(
        store, settings, workers=limits.audit_workers, max_jobs=limits.audit_jobs_kept
    )
    _problems.install(app)
    app.add_exception_handler(LoginRequiredError, _to_login)
    app.include_router(router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=_static_dir()), name="static")
    app.add_middleware(Timeout, limits=limits)
    app.add_middleware(BodyLimit, limits=limits)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AccessLog)
    return app
