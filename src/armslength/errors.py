"""The one exception tree of Armslength.

Every error message names a file, line, field, option or rule id and what was
expected. Messages never carry patient data: no names, no text from a post or a
roster row. The CLI turns any :class:`ArmslengthError` into a one-line message on
stderr and exit code 2.
"""

from __future__ import annotations

from pathlib import Path


class ArmslengthError(Exception):
    """Base class of every error Armslength raises on purpose."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        self.detail = message
        super().__init__(self._render())

    def _render(self) -> str:
        where = []
        if self.path is not None:
            where.append(self.path if self.line is None else f"{self.path}:{self.line}")
        elif self.line is not None:
            where.append(f"line {self.line}")
        if self.field is not None:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.detail}" if where else self.detail


class ConfigError(ArmslengthError):
    """The settings / clinician profile file is missing, unreadable or invalid."""


class PolicyError(ArmslengthError):
    """The rulebook or an organisation override file is invalid."""


class InputError(ArmslengthError):
    """A user-supplied file or value cannot be used (bad format, encoding, option)."""


class ExportError(InputError):
    """A social-media export cannot be read."""


class UnsupportedExportError(ExportError):
    """No file in the given input is a recognised platform export."""


class ArchiveSafetyError(ExportError):
    """An archive breaks a safety limit (path traversal, zip bomb, symlink, depth)."""


class RosterError(InputError):
    """A patient roster cannot be read or has no usable rows."""


class StoreError(ArmslengthError):
    """The audit log database cannot be used."""


class AuthError(ArmslengthError):
    """A caller of the server is not signed in, or may not do what it asked."""


class LoginRequiredError(AuthError):
    """The server needs a token and the browser has not logged in (the web page redirects)."""

    def __init__(self, message: str = "log in first: this server needs an API token") -> None:
        super().__init__(message)


class PhotoError(InputError):
    """A photo cannot be screened: unknown or unsupported type, truncated, or too large."""
