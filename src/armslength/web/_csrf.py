"""Double-submit CSRF tokens: a random cookie that every form must echo."""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.responses import Response

CSRF_COOKIE = "armslength_csrf"
CSRF_FIELD = "csrf_token"


def csrf_token(request: Request) -> str:
    """The request's CSRF token (the cookie's, or a new one that the response will set)."""
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not token:
        token = secrets.token_urlsafe(32)
        request.state.new_csrf = token
    return str(token)


def set_csrf_cookie(request: Request, response: Response) -> None:
    new = getattr(request.state, "new_csrf", None)
    if new:
        response.set_cookie(
            CSRF_COOKIE, new, httponly=True, samesite="strict", secure=request.url.scheme == "https"
        )


def check_csrf(request: Request, form: FormData) -> None:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    sent = form.get(CSRF_FIELD)
    if not cookie or not isinstance(sent, str) or not hmac.compare_digest(cookie, sent):
        raise HTTPException(403, "the form's CSRF token is missing or wrong: reload the page")
