"""The local web page: server-rendered forms (Jinja2) with a little progressive JavaScript.

Advise, screen, audit and history, all through the same service functions as the API.
"""

from __future__ import annotations

from armslength.web._routes import router

__all__ = ["router"]
