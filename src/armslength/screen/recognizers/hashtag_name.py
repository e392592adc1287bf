"""Hashtags that spell a person's name: #RayWilkins, #dianeabbott, #boris."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from armslength import _lexicon
from armslength.model import Category, Severity
from armslength.screen._doc import Doc, Span
from armslength.screen._needs import scan
from armslength.screen.recognizers._base import Recognizer

_HASHTAG = re.compile(r"(?<![\w#])#(?P<tag>[^\W\d_]{3,40})(?![\w])")
_CAMEL = re.compile(r"[A-Z][a-z]+")
MIN_PART = 3


@cache
def _lex() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    words = _lexicon.words("english_words") - _lexicon.words("strong_names")
    first = frozenset(_lexicon.ranked("first_names")) | _lexicon.words("modern_first_names")
    return first, frozenset(_lexicon.ranked("surnames")), words


def split_name(tag: str) -> tuple[str, str] | None:
    """('ray', 'wilkins') when the tag is a given name followed by a surname, else None."""
    first, last, words = _lex()
    camel = _CAMEL.findall(tag)
    if len(camel) == 2 and "".join(camel) == tag:
        given, family = (part.lower() for part in camel)
        return (given, family) if given in first else None
    lower = tag.lower()
    for cut in range(MIN_PART, len(lower) - MIN_PART + 1):
        given, family = lower[:cut], lower[cut:]
        if given in first and family in last and given not in words and family not in words:
            return given, family
    return None


class HashtagNameRecognizer(Recognizer):
    rule = "phi-hashtag-name"

    def find(self, doc: Doc) -> Iterator[Span]:
        first, _, words = _lex()
        for match in scan(_HASHTAG, doc.text):
            tag = match.group("tag")
            lower = tag.lower()
            if split_name(tag) is not None:
                why = "a hashtag that spells a full name"
                score = 0.75
            elif lower in first and lower not in words:
                why = "a hashtag that is a given name"
                score = 0.6
            else:
                continue
            yield Span(
                match.start(),
                match.end(),
                "NAME",
                Category.PHI,
                Severity.MEDIUM,
                score,
                self.rule,
                why,
            )
