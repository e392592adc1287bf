"""Towns and cities (a gazetteer) and, at low severity, states and countries."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from armslength import _lexicon
from armslength.model import Category, Severity
from armslength.screen._doc import Doc, Span, fold
from armslength.screen._needs import scan
from armslength.screen.recognizers._base import Recognizer

_CUED = re.compile(
    r"\b(?:in|from|near|lives in|living in|moved to|returned to|based in|outside|visiting)\s+"
    r"(?P<place>[A-Z][a-z]{2,}(?:[ -][A-Z][a-z]{2,}){0,2})(?![\w'’-])"
)
_UPPER = r"[^\W\d_a-z]"
_LOWER = r"[^\W\d_A-Z]"
_MOVEMENT = (
    r"(?:flew|flying|fly|travell?(?:ing|ed)|drove|driving|moved|moving|relocated|returned"
    r"|arrived|arriving|headed|heading|went|going|came|coming|grew up|born|raised|lives?|living"
    r"|based|originally)(?:\s+(?:here|back|there|home|up))?"
)
"""Words of travel, origin or residence ('moved here', 'flew back')."""
_MOVED = re.compile(
    r"(?i:\b(?:" + _MOVEMENT + r"|i'm|i am|we're|we are|home (?:town|city))"
    r"\s+(?:to|from|at|in|near|:)?)\s*"
    r"(?P<place>" + _UPPER + r"(?:" + _LOWER + r"{2,}|" + _UPPER + r"{2,})"
    r"(?:[ -]" + _UPPER + r"(?:" + _LOWER + r"{2,}|" + _UPPER + r"{2,})){0,2})(?![\w'’-])"
)
"""A name after a word of travel, origin or residence ('flew to LEPPEN', 'originally from
Egkomi'), in any Latin, Greek or Cyrillic script, title case or capitals."""
_MOVED_LOWER = re.compile(
    r"\b(?:lives? in|living in|moved (?:here |back )?(?:to|from)|originally from|grew up in"
    r"|flew to|returned to)\s+(?P<place>[^\W\d_]{3,}(?: [^\W\d_]{3,}){0,2})(?![\w'’-])"
)
"""The same in all-lowercase text, where only the strongest cues count."""
_PLACE_NAME = re.compile(
    r"(?<![\w@#])(?:(?:[A-Z][\w'’-]+\s){1,2}(?i:village|town|city|beach|heights|springs|falls"
    r"|harbou?r|valley|bay|island|hills|creek|ridge|point|county|borough|parish)"
    r"|(?:Port|Mount|Mt\.?|Fort|Ft\.?|Lake|Saint|San|Santa|Los|Las)\s[A-Z][\w'’-]+)(?![\w'’-])"
)
_MOVED_TO = re.compile(r"\b" + _MOVEMENT + r"\s+(?:to|from|in|at)\s+(?:the\s+)?$")
_TOWN_POSTCODE = re.compile(
    r"\b(?:in|at|to|from)\s+(?P<place>" + _UPPER + r"[^\W\d_]+(?:[ -]" + _UPPER + r"[^\W\d_]*){0,2}"
    r"\s+(?:\d{4,5}|\d{3}\s\d{2}))(?![\w.,/:-]?\d)"
)
"""'in Costamezzana 43015', 'in ARENDAL 4844': a town with its postcode (most of Europe)."""
_CORNER = re.compile(
    r"\b(?i:the\s+)?(?i:corner\s+of)\s+(?P<a>\w[^\n,;?!{}]{2,50}?)\s+(?i:and|&)\s+"
    r"(?P<b>\w[^\n,;?!.{}]{2,40}?)(?=\s*(?:[,;?!.\n]|$))"
)
"""An intersection: 'the corner of Via Nuova 85 and Baranyay Mill'."""
_PLACE_NOUN = re.compile(
    r"\b(?i:the|at|from|on|near)\s+(?P<place>[A-Z][\w-]+(?:\s[A-Z][\w-]+){0,2})\s+"
    r"(?P<noun>(?i:estate|flats|gym|leisure centre|park|care home|nursing home|home|mall|shopping centre"
    r"|campus|school|academy|college|library|market|church|mosque|temple|gurdwara|synagogue"
    r"|pub|hotel|caravan park|camp|farm|marina|stadium|barracks|mine|factory|depot|station"
    r"|hostel|shelter|reserve|township|settlement|compound|colony|layout|nagar|suburb))(?![\w'’-])"
)
"""A name before a kind of place ('the Kingsmead estate', 'at the Westfield gym'): the name
is the place's, not a person's."""
_STREET_PREFIX = re.compile(
    r"(?<![\w@#])(?P<place>(?:Rue|Calle|Carrer|Via|Viale|Corso|Avenida|Rua|Strada|Ulica|ul\."
    r"|Jalan|Jln\.?|Chemin|Boulevard|Boul\.|Lorong|Soi|Marg)\s+"
    r"(?:(?:de|del|de la|des|du|da|do|dos|di|della)\s+)?[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,2})"
)
"""A street named in the languages that put the street word first ('Rue Saint-Denis')."""
_TOWN_REGION = re.compile(
    r"(?<![\w@#])(?P<place>[A-Z][a-z'’-]{2,}(?:\s[A-Z][a-z'’-]{2,})?),\s(?:BC|AB|SK|MB|ON|QC|NB|NS"
    r"|PE|NL|YT|NT|NU|NSW|VIC|QLD|TAS|ACT|AK|AL|AR|AZ|CA|CO|CT|DE|FL|GA|IA|ID|IL|KS|KY|LA|MI|MN"
    r"|MO|MS|MT|NC|ND|NE|NH|NJ|NM|NV|NY|OH|RI|SC|SD|TN|TX|UT|VA|VT|WI|WV|WY)(?![\w'’-])"
)
"""A town before its state or province's postal abbreviation ('Hope, BC'); the abbreviations
that are also credentials or words (MD, PA, MA, OK, IN, ME, OR, HI, WA, SA) are left out."""
_ROAD = re.compile(
    r"\b(?i:on|off|along|near|at|by|down|up|onto|crossing)\s+(?:the\s+)?(?P<place>(?:A|B)\d{2,4}"
    r"|M\d{1,3}(?:\s?J\d{1,2})?|I-\d{1,3}|US-?\d{1,3}|SH ?\d{1,3}"
    r"|(?:Highway|Hwy|Route|Rte|Interstate|State Highway|Road)\s\d{1,4})(?![\w-])"
)
"""A numbered road ('on the A470', 'off the M6', 'Highway 49'): in a story, where it happened."""
_NOT_PLACES = (
    "english_words", "first_names", "eponyms", "clinical.drugs", "clinical.conditions", "months",
    "clinical.insurers", "clinical.brands",
)  # fmt: skip


def _a_known_name(words: str) -> bool:
    """A given name or surname ('the Kowalchuk farm' is a family's, named for them)."""
    return any(
        fold(word) in _lexicon.words(name)
        for word in words.split()
        for name in ("first_names", "surnames")
    )


def _tagged(doc: Doc, start: int) -> bool:
    """Part of an @handle, #hashtag or a hyphenated word."""
    return start > 0 and doc.text[start - 1] in "@#-"


def _ordinary_word_opening_sentence(doc: Doc, start: int, end: int) -> bool:
    """'Reading a novel…': a town that is also an English word, capitalised only because it
    starts the sentence."""
    word = doc.text[start:end]
    if " " in word or word.lower() not in _lexicon.words("english_words"):
        return False
    before = doc.text[:start].rstrip()
    return not before or before[-1] in '.!?\n:;"“'


class PlaceRecognizer(Recognizer):
    rule = "phi-place"

    def find(self, doc: Doc) -> Iterator[Span]:
        for start, end, _ in doc.phrases("cities"):
            if _ordinary_word_opening_sentence(doc, start, end):
                continue
            if self._cased(doc, doc.text[start:end]) and not _tagged(doc, start):
                why = "a town or city (finer than a state: a Safe Harbor identifier)"
                yield self._span(start, end, Severity.LOW, 0.75, why)
        for start, end, _ in doc.phrases("towns"):
            if self._cased(doc, doc.text[start:end]) and not _tagged(doc, start):
                why = "a town or village (GeoNames gazetteer; finer than a state)"
                yield self._span(start, end, Severity.LOW, 0.6, why)
        for start, end, _ in doc.phrases("regions"):
            if (
                self._cased(doc, doc.text[start:end])
                and end - start > 2
                and not _tagged(doc, start)
            ):
                why = "a state or country: not an identifier alone, but it narrows a story"
                span = self._span(start, end, Severity.LOW, 0.5, why)
                if _MOVED_TO.search(doc.folded, max(0, start - 30), start):
                    why = "a state or country where a particular person lives, goes or comes from"
                    yield self._span(start, end, Severity.LOW, 0.5, why)
                else:
                    yield replace(span, needs_story=True)

        for match in scan(_PLACE_NAME, doc.text):
            why = "a place name (town, village, county, port or mount ...)"
            yield self._span(match.start(), match.end(), Severity.LOW, 0.6, why)
        for match in scan(_CUED, doc.text):
            if self._unknown_words(match.group("place")):
                why = "a capitalised name after 'in', 'from' or 'near': probably a place"
                yield self._span(match.start("place"), match.end(), Severity.LOW, 0.55, why)
        cued = _MOVED_LOWER if doc.letters_lower else _MOVED
        for match in scan(cued, doc.text):
            place = match.group("place")
            if self._unknown_words(place) and place.lower() not in _lexicon.words("acronyms"):
                why = "a name after a word of travel, origin or residence: probably a place"
                yield self._span(match.start("place"), match.end(), Severity.LOW, 0.55, why)

        yield from self._named_by_context(doc)
        for match in scan(_ROAD, doc.text):
            why = "a numbered road: with a patient in the story it places the event"
            span = self._span(match.start("place"), match.end("place"), Severity.LOW, 0.7, why)
            yield replace(span, needs_story=True)
        for match in scan(_TOWN_POSTCODE, doc.text):
            town = match.group("place").rsplit(maxsplit=1)[0]
            if self._unknown_words(town.rstrip("0123456789 ")):
                why = "a town followed by its postcode"
                yield self._span(match.start("place"), match.end(), Severity.MEDIUM, 0.7, why)
        for match in scan(_CORNER, doc.text):
            why = "a street corner (an intersection pins down a place)"
            for group in ("a", "b"):
                yield self._span(match.start(group), match.end(group), Severity.MEDIUM, 0.7, why)

    def _named_by_context(self, doc: Doc) -> Iterator[Span]:
        """Names that the words around them make places: a kind of place after them, a street
        word before them, a state after them."""
        for match in _PLACE_NOUN.finditer(doc.text):
            place = match.group("place")
            family = match.group("noun").lower() in ("home", "farm") and _a_known_name(place)
            if self._some_unknown_word(place) and not family:
                why = "a name before a kind of place (an estate, a gym, a school): a place"
                yield self._span(match.start("place"), match.end("place"), Severity.LOW, 0.92, why)
        for regex, why in (
            (_STREET_PREFIX, "a street (the street word first, as in French or Spanish)"),
            (_TOWN_REGION, "a town before its state or province"),
        ):
            for match in regex.finditer(doc.text):
                yield self._span(match.start("place"), match.end("place"), Severity.LOW, 0.92, why)

    @staticmethod
    def _some_unknown_word(place: str) -> bool:
        """At least one word is not an English word, a month or a weekday ('Kingsmead', not
        'the Old Town')."""
        words = fold(place).replace("-", " ").split()
        common = ("english_words", "months")
        return any(all(word not in _lexicon.words(name) for name in common) for word in words)

    @staticmethod
    def _unknown_words(place: str) -> bool:
        """None of the words is an English word, a given name, a drug or a condition."""
        words = fold(place).replace("-", " ").split()
        return not any(word in _lexicon.words(name) for word in words for name in _NOT_PLACES)

    @staticmethod
    def _cased(doc: Doc, found: str) -> bool:
        """Places count when written as names (capitalised), or anywhere in all-lowercase text."""
        if doc.letters_lower:
            return len(found) > 3
        return found[0].isupper() and not (found.isupper() and len(found) <= 2 and found != "LA")

    def _span(self, start: int, end: int, severity: Severity, score: float, why: str) -> Span:
        return Span(start, end, "LOCATION", Category.PHI, severity, score, self.rule, why)
