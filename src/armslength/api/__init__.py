"""The REST API and local web page (FastAPI): ``create_app`` and its limits.

>>> app = create_app()            # doctest: +SKIP   (uvicorn serves it: ``armslength serve``)
"""

from __future__ import annotations

from armslength.api._app import create_app
from armslength.api._limits import Limits

__all__ = ["Limits", "create_app"]
