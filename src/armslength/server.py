"""The Armslength server: the REST API and the web page composed into one FastAPI app.

Neither face imports the other; this module puts them side by side over one core, one
audit log and one set of audit jobs.

>>> app = create_app()            # doctest: +SKIP   (uvicorn serves it: ``armslength serve``)
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI

from armslength import api, web
from armslength._version import __version__
from armslength.api import LOOPBACK_HOSTS, Limits, parse_hosts
from armslength.auth import Access, Gate
from armslength.config import Settings, load_settings
from armslength.jobs import AuditJobs
from armslength.service import Core
from armslength.store import Store, open_store

__all__ = ["LOOPBACK_HOSTS", "Access", "Limits", "create_app"]

DESCRIPTION = """\
Armslength's REST API: advise on social-media interactions with patients, screen text for
patient information before it is published, audit downloaded archives against a roster, and
read the audit log. Bodies use the CLI's option names in snake_case and answer with the CLI's
`--json` output. Errors are `application/problem+json`. Every call needs
`Authorization: Bearer <token>`: on loopback the launch secret that `armslength serve` prints
(or the session cookie its link sets), or an API token (`armslength token create --role ROLE`).
Requests from another origin, CORS preflights and unknown `Host` names are refused.
"""


async def _sweep_periodically(jobs: AuditJobs) -> None:
    """Delete expired audits even while nobody calls the server."""
    interval = min(60.0, max(1.0, jobs.ttl.total_seconds() / 4))
    while True:
        await asyncio.sleep(interval)
        await asyncio.to_thread(jobs.sweep)


def create_app(
    settings: Settings | None = None,
    store: Store | None = None,
    *,
    access: Access | None = None,
    hosts: Iterable[str] = LOOPBACK_HOSTS,
    limits: Limits | None = None,
) -> FastAPI:
    """The Armslength server.

    *access*: how callers prove who they are; by default a fresh random launch secret
    (``app.state.gate.access.secret``) or an API token. *hosts*: the ``Host`` names it answers
    (``name`` for any port, ``name:port``); every other name gets 421.
    """
    settings = settings or load_settings()
    store = store or open_store(settings_url=settings.database_url)
    limits = limits or Limits()
    hosts = tuple(hosts)
    parse_hosts(hosts)  # a malformed entry fails here, not on the first request

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        sweeper = asyncio.create_task(_sweep_periodically(app.state.audits))
        try:
            yield
        finally:
            sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sweeper
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
    app.state.gate = Gate(access or Access.launch(), store)
    core = Core.for_server(settings, store)
    app.state.core = core
    app.state.audits = AuditJobs(
        core,
        workers=limits.audit_workers,
        max_jobs=limits.audit_jobs_kept,
        ttl=timedelta(seconds=limits.audit_ttl),
    )
    api.install(app)
    web.install(app)
    api.protect(app, limits, hosts)
    return app
