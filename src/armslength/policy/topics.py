"""What a message is about, from a small lexicon: clinical or general.

Only the topic leaves this module; the message text is never stored or echoed.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from importlib import resources

import yaml


class Topic(StrEnum):
    CLINICAL = "clinical"
    GENERAL = "general"


@cache
def _pattern() -> re.Pattern[str]:
    text = resources.files("armslength.policy").joinpath("data/clinical_terms.yaml").read_text()
    terms: list[str] = yaml.safe_load(text)["terms"]
    alternatives = "|".join(re.escape(term).replace(r"\ ", r"\s+") for term in terms)
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def classify(message: str | None) -> Topic:
    """``clinical`` when the message asks about health, symptoms, medicines or care."""
    if message and _pattern().search(message):
        return Topic.CLINICAL
    return Topic.GENERAL
