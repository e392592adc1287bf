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


def _url_host(host: str) -> str:
    return f"[{host.strip('[]')}]" if ":" in host else host


def _is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def allowed_hosts(host: str, port: int, extra: list[str]) -> list[str]:
    """The ``Host`` names the server answers: loopback's, the bound address, *extra*."""
    from armslength.api import LOOPBACK_HOSTS

    names = list(LOOPBACK_HOSTS)
    if not is_loopback(host) and not _is_wildcard(host):
        names.append(_url_host(host).lower())
    if _is_wildcard(host) and not extra:
        raise InputError(
            f"--host {host} listens on every address, but the server answers only the host "
            "names it is told: give the name or address clients use with --allowed-host NAME",
            field="allowed_host",
        )
    with_port = [f"{name}:{port}" for name in names]
    bare = names if port in (80, 443) else []  # browsers leave the default port out
    return [*with_port, *bare, *extra]


def _announce(url: str, log_url: str, launch: str | None, no_auth: bool) -> None:
    typer.echo(f"Armslength on {url} (audit log: {log_url})", err=True)
    if launch:
        typer.echo(
            "Open this link to use it (it logs this browser in; keep it private, it works "
            "until the server stops; scripts send its token as 'Authorization: Bearer …'):",
            err=True,
        )
        typer.echo(f"    {launch}", err=True)
    if no_auth:
        typer.echo(
            "WARNING: --no-auth-on-loopback: any program or user on this computer can use the "
            "server and read its audit reports, which name patients. Use it only for scripts "
            "on a single-user machine.",
            err=True,
        )


def _open_when_ready(url: str, host: str, port: int) -> None:
    """Open *url* in the browser once the server accepts connections (in a thread)."""
    import socket
    import threading
    import time
    import webbrowser

    def wait_then_open() -> None:
        for _ in range(100):
            try:
                socket.create_connection((host.strip("[]"), port), timeout=0.2).close()
            except OSError:
                time.sleep(0.1)
                continue
            webbrowser.open(url)
            return

    threading.Thread(target=wait_then_open, daemon=True).start()


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to bind. Beyond loopback, API tokens are required.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            metavar="NAME[:PORT]",
            help="Another Host name the server answers to (its DNS name behind a proxy); "
            "repeatable. Every other name gets 421.",
        ),
    ] = None,
    no_auth_on_loopback: Annotated[
        bool,
        typer.Option(
            "--no-auth-on-loopback",
            help="Ask no token on loopback (for scripts on a single-user machine; warns).",
        ),
    ] = False,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the launch link in the default browser.")
    ] = False,
    keep_audits: Annotated[
        float,
        typer.Option(
            min=1, metavar="MINUTES", help="Delete finished audits and their reports after this."
        ),
    ] = 480,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Serve the REST API (/api/v1, /openapi.json) and the web page (/) with uvicorn.

    On loopback it prints a link with a launch secret: opening it logs the browser in.
    """
    import uvicorn

    from armslength.auth import Access
    from armslength.server import Limits, create_app

    settings = settings_from(config)
    remote = not is_loopback(host)
    if remote and no_auth_on_loopback:
        raise InputError(
            f"--no-auth-on-loopback applies only to loopback; {host} is not", field="host"
        )
    hosts = allowed_hosts(host, port, list(allowed_host or []))
    store = open_store(db, settings_url=settings.database_url)
    if remote and not store.has_tokens():
        raise InputError(
            f"refusing to listen on {host} without API tokens; create one first with "
            "`armslength token create --role clinician` (or privacy_officer)",
            field="host",
        )
    if no_auth_on_loopback:
        access = Access.unauthenticated()
    else:
        access = Access.tokens_only() if remote else Access.launch()
    _access_logging()
    limits = Limits(audit_ttl=keep_audits * 60)
    application = create_app(settings, store, access=access, hosts=hosts, limits=limits)
    url = f"http://{_url_host(host)}:{port}/"
    path = access.launch_path()
    launch = url.rstrip("/") + path if path else None
    _announce(url, store.status().url, launch, no_auth_on_loopback)
    if open_browser:
        _open_when_ready(launch or url, host, port)
    uvicorn.run(application, host=host, port=port, access_log=False, log_level="warning")
