"""Reading the files a user hands to Armslength, with one mapping of OS and decoding errors.

Every file the package reads on a user's behalf (settings, policy overrides, rosters,
exports, texts to screen) is opened here, so a missing file, a folder, a permission
problem or bad UTF-8 always reads the same way: an :class:`~armslength.errors.InputError`
(or the error class the caller names, such as ``ConfigError``) that names the path and
what was expected, and never carries the file's content.

>>> read_text("settings.toml", what="config file", error=ConfigError)  # doctest: +SKIP
"""

from __future__ import annotations

import codecs
import errno
import os
import sys
from pathlib import Path
from typing import BinaryIO

from armslength.errors import ArmslengthError, InputError

STDIN = "-"
"""The path that means standard input (where a caller allows it)."""
STDIN_LABEL = "<stdin>"

ErrorClass = type[ArmslengthError]
PathArg = str | os.PathLike[str]


def _a(what: str) -> str:
    return f"an {what}" if what[:1].lower() in "aeiou" else f"a {what}"


def _source(path: PathArg, stdin: bool) -> PathArg:
    """How messages name *path*: ``<stdin>`` when ``-`` means standard input."""
    return STDIN_LABEL if stdin and os.fspath(path) == STDIN else path


def _os_detail(exc: OSError, what: str) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"{what} not found"
    if isinstance(exc, IsADirectoryError):
        return f"is a folder, expected {_a(what)}"
    if isinstance(exc, NotADirectoryError):
        return f"{what} not found (a part of the path is a file, not a folder)"
    if isinstance(exc, PermissionError):
        return f"cannot read the {what}: permission denied"
    reason = exc.strerror or (errno.errorcode.get(exc.errno or 0)) or type(exc).__name__
    return f"cannot read the {what} ({reason})"


def input_error(
    exc: OSError, path: PathArg, *, what: str, error: ErrorClass = InputError
) -> ArmslengthError:
    """The error to raise for *exc*, met while reading *path* (which should hold *what*)."""
    return error(_os_detail(exc, what), path=os.fspath(path))


def _encoding_name(encoding: str) -> str:
    name = codecs.lookup(encoding).name
    return "UTF-8" if name in ("utf-8", "utf-8-sig") else name.upper()


def _bom_length(data: bytes, encoding: str) -> int:
    """Bytes a ``-sig`` codec skipped before the offsets it reports."""
    sig = codecs.lookup(encoding).name == "utf-8-sig" and data.startswith(codecs.BOM_UTF8)
    return len(codecs.BOM_UTF8) if sig else 0


def decode_text(
    data: bytes,
    path: PathArg,
    *,
    what: str,
    encoding: str = "utf-8",
    error: ErrorClass = InputError,
) -> str:
    """*data* decoded strictly; bad bytes raise *error* with the line and byte offset."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        offset = exc.start + _bom_length(data, encoding)
        line = data.count(b"\n", 0, offset) + 1
        detail = (
            f"{what} is not {_encoding_name(encoding)} text ({exc.reason} at byte offset {offset})"
        )
        raise error(detail, path=os.fspath(path), line=line) from None


def open_input(path: PathArg, *, what: str, error: ErrorClass = InputError) -> BinaryIO:
    """*path* opened for binary reading (use it in a ``with`` block).

    Errors while opening become *error*; errors while reading are the caller's to map with
    :func:`input_error`.
    """
    try:
        return Path(path).open("rb")
    except OSError as exc:
        raise input_error(exc, path, what=what, error=error) from None


def read_bytes(
    path: PathArg, *, what: str, error: ErrorClass = InputError, stdin: bool = True
) -> bytes:
    """The bytes of *path* (``-``: standard input, unless *stdin* is false)."""
    source = _source(path, stdin)
    try:
        if source == STDIN_LABEL:
            return sys.stdin.buffer.read()
        return Path(path).read_bytes()
    except OSError as exc:
        raise input_error(exc, source, what=what, error=error) from None


def read_text(
    path: PathArg,
    *,
    what: str,
    encoding: str = "utf-8",
    error: ErrorClass = InputError,
    stdin: bool = True,
) -> str:
    """The text of *path*, decoded strictly (bad bytes: *error* naming the byte offset)."""
    data = read_bytes(path, what=what, error=error, stdin=stdin)
    return decode_text(data, _source(path, stdin), what=what, encoding=encoding, error=error)
