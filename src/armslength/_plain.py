"""Plain words for a screen finding's explanation, as a clinician reads it first.

A finding's ``why`` is the recognizer's explanation, then ``;``-separated notes of what raised
its severity ("raised one level: care context …", "patient story: …"), with technical asides in
parentheses ("(GeoNames gazetteer; finer than a state)"). The short form keeps the explanation
and drops the notes and asides; the full text stays in the JSON and behind "details".
"""

from __future__ import annotations

import re

_ASIDE = re.compile(r"\s*\([^()]*\)")


def _first_clause(text: str) -> str:
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            return text[:index]
    return text


def short_why(why: str) -> str:
    """The first clause of *why*, without parenthesised asides."""
    clause = _first_clause(why).strip()
    plain = _ASIDE.sub("", clause).strip()
    return plain or clause
