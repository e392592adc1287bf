"""What a message is about: clinical or general, from the shared clinical vocabulary.

The message is clinical when it names a condition, symptom, drug, procedure, test or insurer,
asks an individual clinical question, or mentions care ('appointment', 'prescription') — the
same vocabulary the screen uses (:mod:`armslength.vocabulary`). Only the topic leaves this
module; the message text is never stored or echoed.
"""

from __future__ import annotations

from enum import StrEnum

from armslength import vocabulary
from armslength.vocabulary import TermClass

_CLINICAL = vocabulary.SPECIFIC | {TermClass.QUESTION, TermClass.CARE}


class Topic(StrEnum):
    CLINICAL = "clinical"
    GENERAL = "general"


def classify(message: str | None) -> Topic:
    """``clinical`` when the message asks about health, symptoms, medicines or care."""
    if message and vocabulary.find(message, _CLINICAL):
        return Topic.CLINICAL
    return Topic.GENERAL
