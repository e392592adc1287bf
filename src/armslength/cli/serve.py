"""``armslength serve``: the REST API and the web page (uvicorn)."""

from __future__ import annotations

import ipaddress
import logging
from typing import Annotated

import typer

from armslength.cli._app import app
from armslength.cli._common import ConfigOption, settings_from
from armslength.cli._store_common import DbOption
from armslength.errors import InputError
from armslength.store import open_store

LOOPBACK_NAMES = {"localhost", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: the only hosts served without tokens."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _access_logging() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("armslength.access", "armslength.api"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to bind. Beyond loopback, tokens are required.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Serve the REST API (/api/v1, /openapi.json) and the web page (/) with uvicorn."""
    import uvicorn

    from armslength.server import create_app

    settings = settings_from(config)
    store = open_store(db, settings_url=settings.database_url)
    remote = not is_loopback(host)
    if remote and not store.has_tokens():
        raise InputError(
            f"refusing to listen on {host} without API tokens; create one first with "
            "`armslength token create --role clinician` (or privacy_officer)",
            field="host",
        )
    _access_logging()
    application = create_app(settings, store, require_token=remote)
    typer.echo(f"Armslength on http://{host}:{port}/ (audit log: {store.status().url})", err=True)
    uvicorn.run(application, host=host, port=port, access_log=False, log_level="warning")
