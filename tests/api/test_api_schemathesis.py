"""Property-based tests from ``/openapi.json`` (schemathesis): no input makes the server fail."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from armslength.api import Limits
from armslength.auth import Access
from armslength.config import Settings
from armslength.server import LOOPBACK_HOSTS, create_app
from armslength.store import open_store

_DB = Path(tempfile.mkdtemp(prefix="armslength-schemathesis-")) / "audit.db"
ACCESS = Access.launch()
# No wall-clock limit on either side: a batch of 1,000 items on a loaded machine is slow, not
# wrong (the server's request timeout has its own test in test_api_endpoints).
UNTIMED = Limits(request_timeout=float("inf"), upload_timeout=float("inf"))
# schemathesis calls the app in-process as "testserver": the one extra name it answers to
APP = create_app(
    Settings(),
    open_store(f"sqlite:///{_DB}"),
    access=ACCESS,
    hosts=(*LOOPBACK_HOSTS, "testserver"),
    limits=UNTIMED,
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
AUTH = {"Authorization": f"Bearer {ACCESS.secret}"}


@schema.parametrize()
@settings(
    max_examples=40,
    derandomize=True,  # the same inputs on every run: CI is reproducible
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case: schemathesis.Case) -> None:
    response = case.call_and_validate(
        headers=AUTH,
        timeout=None,  # schemathesis would otherwise give up reading after 10 s
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
    )
    assert response.status_code != 401  # the launch secret opens every route
