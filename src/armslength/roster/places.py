"""Postcodes and ZIP codes in a shown location: the area they name, for the location hint.

A UK postcode's outward code (``LS6`` of ``LS6 3AB``) or a US ZIP's five digits is
compared, not the full code: an account that shows where someone lives rarely shows
the full postcode, and the outward code is the area people name.
"""

from __future__ import annotations

import re

__all__ = ["Location", "postcode_area", "split_location"]

_UK = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)(?:\s*([0-9][A-Z]{2}))?\b")
_UK_FULL = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*[0-9][A-Z]{2}$")
_ZIP = re.compile(r"\b([0-9]{5})(?:-[0-9]{4})?\b")


def postcode_area(text: str | None) -> str | None:
    """``"LS6 3AB"`` → ``uk:LS6``; ``"10027-1234"`` → ``us:10027``; anything else → None."""
    if not text:
        return None
    value = text.strip().upper()
    uk = _UK_FULL.match(value) or re.fullmatch(r"([A-Z]{1,2}[0-9][A-Z0-9]?)", value)
    if uk:
        return f"uk:{uk.group(1)}"
    us = re.fullmatch(r"([0-9]{5})(?:-[0-9]{4})?", value)
    return f"us:{us.group(1)}" if us else None


class Location:
    """A shown location taken apart: the place name and the postcode area, if any."""

    def __init__(self, city: str | None, area: str | None) -> None:
        self.city, self.area = city, area


def split_location(text: str | None) -> Location:
    """``"Leeds LS6 3AB"`` → (Leeds, uk:LS6); ``"10027"`` → (None, us:10027)."""
    if not text or not text.strip():
        return Location(None, None)
    upper = text.upper()
    found = _ZIP.search(upper)
    area = f"us:{found.group(1)}" if found else None
    if found is None:
        uk = _UK.search(upper)
        if uk and uk.group(2):
            found, area = uk, f"uk:{uk.group(1)}"
    if found is None:
        whole = postcode_area(text)
        return Location(None, whole) if whole else Location(text, None)
    rest = (text[: found.start()] + text[found.end() :]).strip(" ,;")
    return Location(rest or None, area)
