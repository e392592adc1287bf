"""The Armslength server: the REST API and the web page composed into one FastAPI app.

Neither face imports the other; this module puts them side by side over one core, one
audit log and one set of audit jobs.

>>> app = create_app()            # doctest: +SKIP   (uvicorn serves it: ``armslength serve``)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from armslength import api, web
from armslength._version import __version__
from armslength.api import Limits
from armslength.config import Settings, load_settings
from armslength.jobs import AuditJobs
from armslength.service import Core
from armslength.store import Store, open_store

__all__ = ["Limits", "create_app"]

DESCRIPTION = """\
Armslength's REST API: advise on social-media interactions with patients, screen text for
patient information before it is published, audit downloaded archives against a roster, and
read the audit log. Bodies use the CLI's option names in snake_case and answer with the CLI's
`--json` output. Errors are `application/problem+json`. On loopback no token is needed; bound
elsewhere, send `Authorization: Bearer <token>` (`armslength token create --role ROLE`).
"""


def create_app(
    settings: Settings | None = None,
    store: Store | None = None,
    *,
    require_token: bool = False,
    limits: Limits | None = None,
) -> FastAPI:
    """The Armslength server. *require_token*: every call needs a Bearer token (or login)."""
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
    core = Core.for_server(settings, store)
    app.state.core = core
    app.state.audits = AuditJobs(
        core, workers=limits.audit_workers, max_jobs=limits.audit_jobs_kept
    )
    api.install(app)
    web.install(app)
    api.protect(app, limits)
    return app
