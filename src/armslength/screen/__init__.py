"""Screen text before it is published: PHI, replies that confirm a patient, professionalism.

Detection and redaction are separate steps: :func:`screen` reports findings (and redacts only
when asked); :func:`armslength.screen.redact.redact` works on any list of findings.
"""

from __future__ import annotations

from collections.abc import Iterable

from armslength._checks import check_strings, check_type
from armslength.errors import InputError
from armslength.model import ContentKind, ScreenResult
from armslength.screen.engine import Screener, default_screener
from armslength.screen.redact import RedactStyle, redact

__all__ = ["RedactStyle", "Screener", "redact", "screen"]


def _check_redact(value: object) -> None:
    expected = "False, True or one of: " + ", ".join(RedactStyle)
    check_type("redact", value, (bool, str), expected)
    if isinstance(value, str) and value not in tuple(RedactStyle):
        raise InputError(f"unknown redact style (expected {expected})", field="redact")


def screen(
    text: str,
    kind: ContentKind | str = "post",
    *,
    roster: object = None,
    allow_terms: Iterable[str] = (),
    redact: bool | RedactStyle | str = False,
    id: str | None = None,
    disable: Iterable[str] = (),
) -> ScreenResult:
    """Screen one text. ``roster`` is a sequence of ``Patient`` or a ``Roster``.

    ``redact`` is False (default), True (``[NAME]``-style tags) or a :class:`RedactStyle`
    (``"tag"``, ``"mask"``, ``"fake"``). ``disable`` turns rule ids off
    (:func:`armslength.screen.recognizers.screen_rules` lists them).
    """
    allow, off = check_strings("allow_terms", allow_terms), check_strings("disable", disable)
    _check_redact(redact)
    check_type("id", id, (str, type(None)), "str or None")
    screener = (
        default_screener()
        if roster is None and not allow and not off
        else Screener(roster=roster, allow_terms=allow, disable=off)
    )
    return screener.screen(text, kind, redact=redact, id=id)
