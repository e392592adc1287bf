"""Timestamps: every source format to an aware UTC :class:`datetime` (or ``None``).

Sources without a time zone (LinkedIn invitations and shares, TikTok) are taken as UTC;
the readers say so in their limitations.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

_MIN_EPOCH = 0
_MAX_EPOCH = 253_402_300_799  # 9999-12-31T23:59:59Z


def from_epoch(value: Any, *, millis: bool = False) -> datetime | None:
    """Unix seconds (or milliseconds); ``None`` for missing, bogus or negative values."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        seconds = float(value) / (1000 if millis else 1)
    except ValueError:
        return None
    if not _MIN_EPOCH < seconds <= _MAX_EPOCH:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC)


def from_iso(value: Any) -> datetime | None:
    """ISO 8601 (``Z`` or an offset; naive values taken as UTC)."""
    if not isinstance(value, str) or not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return _utc(parsed)


def from_format(value: Any, *formats: str) -> datetime | None:
    """The first of *formats* (``strptime``) that parses *value*; naive results are UTC."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    for fmt in formats:
        try:
            return _utc(datetime.strptime(text, fmt))
        except ValueError:
            continue
    return None


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z`` suffix, as the JSON contracts print it."""
    if moment is None:
        return None
    return _utc(moment).isoformat().replace("+00:00", "Z")
