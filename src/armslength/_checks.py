"""Argument checks at the public boundary: a wrong type is an InputError naming the parameter.

The messages name the parameter and the type that was given, never the value (it may be
patient data).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from armslength.errors import InputError


def wrong_type(name: str, expected: str, value: object) -> InputError:
    """The error for argument *name* holding *value* where *expected* was wanted."""
    return InputError(f"expected {expected}, got {type(value).__name__}", field=name)


def check_type(name: str, value: object, kind: type | tuple[type, ...], expected: str) -> None:
    """An :class:`InputError` naming *name* unless *value* is an instance of *kind*.

    ``True`` and ``False`` do not count as numbers here.
    """
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise wrong_type(name, expected, value)


def check_path(name: str, value: object) -> Path:
    """*value* (a ``str`` or ``os.PathLike``) as a :class:`Path`."""
    if isinstance(value, str | os.PathLike):
        text = os.fspath(value)
        if isinstance(text, str):
            return Path(text)
    raise wrong_type(name, "a path (str or os.PathLike)", value)


def check_optional_path(name: str, value: object) -> Path | None:
    return None if value is None else check_path(name, value)


def check_strings(name: str, value: object) -> tuple[str, ...]:
    """*value*, an iterable of ``str`` (a single ``str`` is refused), as a tuple."""
    items = tuple(check_iterable(name, value, "an iterable of str"))
    for position, item in enumerate(items):
        if not isinstance(item, str):
            raise wrong_type(f"{name}[{position}]", "str", item)
    return items


def check_iterable(name: str, value: object, expected: str) -> Iterable[Any]:
    """*value*, which must be iterable and not a ``str`` or ``bytes``.

    A single string is refused: it iterates as characters, a common slip for a list of one.
    """
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise wrong_type(name, expected, value)
    return value
