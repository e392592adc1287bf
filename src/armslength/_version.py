"""Package version, read from the installed metadata."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("armslength")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"
