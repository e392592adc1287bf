"""Errors as RFC 9457 problem details (``application/problem+json``), never with input text."""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response
from starlette.types import Send

from armslength.errors import ArmslengthError, InputError, StoreError

PROBLEM_TYPE = "application/problem+json"
log = logging.getLogger("armslength.api")


def problem_body(status: int, detail: str | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "about:blank", "title": HTTPStatus(status).phrase}
    body["status"] = status
    if detail:
        body["detail"] = detail
    body.update(extra)
    return body


def problem(
    status: int, detail: str | None = None, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse(
        problem_body(status, detail, **extra),
        status_code=status,
        media_type=PROBLEM_TYPE,
        headers=headers,
    )


async def send_problem(send: Send, status: int, detail: str) -> None:
    """Send a problem response from raw ASGI middleware."""
    body = json.dumps(problem_body(status, detail)).encode()
    headers = [
        (b"content-type", PROBLEM_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _where(loc: tuple[int | str, ...] | list[int | str]) -> str:
    return ".".join(str(part) for part in loc)


async def _validation(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {
            "field": _where(err.get("loc", ())),
            "message": str(err.get("msg", "")),
            "type": err.get("type"),
        }
        for err in exc.errors()
    ]  # the offending input is never echoed: it may be patient text
    return problem(422, "the request does not match the schema", errors=errors)


async def _http(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return problem(
        exc.status_code,
        str(exc.detail) if exc.detail else None,
        headers=dict(exc.headers) if exc.headers else None,
    )


async def _library(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ArmslengthError)
    if isinstance(exc, StoreError):
        return problem(503, str(exc))
    status = 422 if isinstance(exc, InputError) else 400
    return problem(status, str(exc))  # library messages never carry PHI


async def _unexpected(_request: Request, exc: Exception) -> Response:
    log.error("unexpected error: %s", type(exc).__name__)
    return problem(500, "internal error")


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(ArmslengthError, _library)
    app.add_exception_handler(Exception, _unexpected)
