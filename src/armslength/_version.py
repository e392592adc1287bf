"""Package version.

A literal, not ``importlib.metadata.version()``: importing ``importlib.metadata`` costs more
CPU than the rest of ``armslength --version``. ``tests/test_startup.py`` keeps it equal to the
installed metadata (``pyproject.toml``'s ``version``).
"""

__version__ = "0.1.0"
