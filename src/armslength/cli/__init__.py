"""The ``armslength`` command line: a thin adapter over the application core.

Each command lives in its own module and registers itself on :data:`app`. :func:`main` imports
only the module of the command being run (every module for ``--help`` or an unknown name), so
one command does not pay for importing the others. Errors from the library
(:class:`armslength.errors.ArmslengthError`) become a one-line message on stderr and exit
code 2; no traceback, no locals.
"""

from __future__ import annotations

import gc
import os
import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

__all__ = ["COMMANDS", "app", "main"]

COMMANDS: dict[str, str] = {
    "advise": "advise",
    "audit": "audit",
    "config": "config",
    "init": "config",
    "db": "db",
    "demo": "demo",
    "inspect": "inspect",
    "match": "match",
    "policy": "policy",
    "review": "review",
    "screen": "screen",
    "serve": "serve",
    "spark": "spark",
    "token": "token",
}
"""Command name → the module under ``armslength.cli`` that registers it."""


_KEEPS_PATTERNS = frozenset({"advise", "screen"})
"""Commands that start with the compiled patterns of their last run (:mod:`armslength._regex_cache`)."""


def load_commands(names: list[str] | None = None) -> typer.Typer:
    """The Typer app with the modules of *names* (default: every command) registered."""
    from armslength.cli._app import app

    modules = sorted(set(COMMANDS.values())) if names is None else names
    for module in modules:
        import_module(f"armslength.cli.{module}")
    return app


def _command_module(argv: list[str]) -> str | None:
    """The module of the command *argv* runs, or None when every command is needed."""
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    if first is None or "--help" in argv[: argv.index(first)]:
        return None
    return COMMANDS.get(first)


def main() -> None:
    """Console-script entry point."""
    argv = sys.argv[1:]
    if argv == ["--version"]:
        from armslength._version import __version__

        sys.stdout.write(f"armslength {__version__}\n")
        return
    # Start-up allocates hundreds of thousands of long-lived objects (modules, models, rules,
    # lexicons) and frees almost none: collecting the young generation every 700 allocations
    # (the default) costs a one-post screening about 0.1 s of CPU for nothing. Every 20,000
    # still bounds what a long run can leave in uncollected cycles.
    gc.set_threshold(20_000, 20, 20)
    # Pydantic plugins observe every validation, the texts being screened among them: the
    # command line loads none (unless the environment asks), which also spares it reading every
    # installed package's entry points.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    module = _command_module(argv)
    if module in _KEEPS_PATTERNS and not any(arg.startswith("--roster") for arg in argv):
        from armslength import _regex_cache

        _regex_cache.start(module or "")  # compiled patterns from its last run (no roster: see doc)
    if argv[:1] == ["screen"]:
        from armslength.cli import _fast

        _fast.run(argv[1:])  # exits when it ran the command; else Typer runs it
    app = load_commands(None if module is None else [module])
    # What is allocated so far (modules, models, compiled patterns) lives as long as the
    # process: moved out of the collector's generations, no collection walks it again (a
    # batch's collections walked it some 10 times: about 0.05 s of CPU over ASQ-PHI).
    gc.freeze()
    app(prog_name="armslength")


def __getattr__(name: str) -> Any:
    if name == "app":  # from Python (tests, docs): every command registered
        return load_commands()
    raise AttributeError(f"module 'armslength.cli' has no attribute {name!r}")
