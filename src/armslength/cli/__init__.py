"""The ``armslength`` command line: a thin adapter over the public library.

Each command lives in its own module and registers itself on :data:`app`.
Errors from the library (:class:`armslength.errors.ArmslengthError`) become a
one-line message on stderr and exit code 2; no traceback, no locals.
"""

from __future__ import annotations

from armslength.cli import advise as _advise  # noqa: F401  (registers commands)
from armslength.cli import audit as _audit  # noqa: F401
from armslength.cli import config as _config  # noqa: F401
from armslength.cli import db as _db  # noqa: F401
from armslength.cli import demo as _demo  # noqa: F401
from armslength.cli import inspect as _inspect  # noqa: F401
from armslength.cli import match as _match  # noqa: F401
from armslength.cli import policy as _policy  # noqa: F401
from armslength.cli import screen as _screen  # noqa: F401
from armslength.cli import serve as _serve  # noqa: F401
from armslength.cli import spark as _spark  # noqa: F401
from armslength.cli import token as _token  # noqa: F401
from armslength.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app(prog_name="armslength")
