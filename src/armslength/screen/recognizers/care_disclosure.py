"""Replies, comments and messages that tell the person addressed about their own care."""

from __future__ import annotations

from collections.abc import Iterator

from armslength.model import Category
from armslength.screen import disclosure
from armslength.screen._doc import Doc, Span
from armslength.screen.recognizers._base import Recognizer


class CareDisclosureRecognizer(Recognizer):
    """A reply, comment or message that confirms the person is a patient or discloses their
    care ("your colonoscopy results were normal", "as you know, we only met twice")."""

    rule = "relationship-disclosure"
    category = Category.RELATIONSHIP

    def find(self, doc: Doc) -> Iterator[Span]:
        return disclosure.relationship_spans(doc)

    @classmethod
    def sub_rules(cls) -> list[tuple[str, str]]:
        return [
            (
                "rel-discloses-care",
                "names the person's own condition, medicine, test, bill or insurer",
            ),
            ("rel-met-you", "says the writer met, treated or looked after the person"),
            ("rel-helped-you", "says the writer saw or helped the person with something clinical"),
            ("rel-patient-story", "a public comment about a particular patient"),
        ]
