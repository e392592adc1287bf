"""A patient's details in a story: bare ages, relative dates, cots and bays, first names.

"Mia Hughes, 57, came in last night", "Mrs Patel (72)", "in his 80s", "cot 5", "jose in room
311": in a text about a patient these pin the person down; in a notice or a teaching case they
are nothing. Every span here is ``needs_patient``: the disclosure layer keeps it only when the
text is about a patient.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from armslength import _lexicon
from armslength.model import Category, Severity
from armslength.screen._doc import Doc, Span
from armslength.screen._needs import scan, scan_alternation
from armslength.screen.recognizers._base import Recognizer

_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
)
_PERSON_NOUNS = (
    "lad", "man", "woman", "lady", "boy", "girl", "gent", "chap", "teen", "kid", "child",
    "patient", "gentleman", "mum", "dad", "fella", "guy", "baby", "toddler",
)  # fmt: skip
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss"})
_IS_AGE = (
    "who's",
    "who is",
    "she's",
    "he's",
    "she is",
    "he is",
    "who's only",
    "she's only",
    "he's only",
)
_DECADES = "twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties"
_AGES = (
    r"(?<=[\w.’'],\s)\d{1,3}(?=\s*[,.;)]|\s+and\b)",  # "Mia Hughes, 57," "E.M., 81,"
    r"(?<=\w\s)\(\d{1,3}\)",  # "Mrs Patel (72)"
    r"(?:^|(?<=[.!?:]\s))\d{1,3}(?=,\s)",  # "29, first baby"
    r"\bin (?:her|his|their) (?:early |mid-?|late )?(?:teens|[1-9]0s)\b",
    r"\b(?:early |mid-?|late )?[1-9]0s\b(?=[^.!?\n]{0,30}\b(?:patient|man|woman|lady|gentleman))",
    r"\b\d{1,3}(?:\s*|-)(?:years?|months?|weeks?|days?)(?:\s*|-)old\b",
    r"\b\d{1,3}\s?(?:yo|y/o|y\.o\.|yrs? old)\b",  # "a 4 yo big sister"
    r"\b(?:early|mid|late)[- ]?[1-9]0s\b|(?<=\()(?:early |mid-?|late )?[1-9]0s(?=\))",
    r"\b\d{1,2}-(?:month|week|year)(?= (?:jabs?|checks?|reviews?|vaccines?|immuni[sz]ations?"
    r"|boosters?|visits?|appointments?|development check))",  # "their 18-month jabs"
    r"\b" + _NUMBER_WORD + r"(?:\s*|-)(?:years?|months?|weeks?)(?:\s*|-)old\b",
    r"(?<=,\s)" + _NUMBER_WORD + r"(?=[,.])",  # "Elaine Morrow, fifty-eight,"
    r"(?:^|(?<=[.!?]\s))" + _NUMBER_WORD + r"(?=[,.]\s)",  # "Ninety-one, sharp as a tack"
    r"\b(?:around|about|aged|age) \d{1,3}\b",
    r"\b\d{1,3}(?:st|nd|rd|th) birthday\b",
    r"\bteenage\b|\bteen\b(?=\s+(?:around|aged|boy|girl))",
    r"\b(?:glasses|walking|driving|running|married|pregnant) at \d{2,3}\b",
    r"\b\d{1,3}(?= and (?:fearless|still|counting|going strong))",
    r"(?:" + "|".join(f"(?<={w} of )" for w in _PERSON_NOUNS) + r")\d{1,3}\b",  # "a lad of 19"
    r"\b(?:" + _TENS + r")-(?:something|odd|ish)\b|\b[1-9]0-?(?:something|odd|ish)\b",
    r"\bin (?:her|his|their) (?:early |mid-?|late )?(?:" + _DECADES + r")\b",  # "in her thirties"
    r"(?<=,\s)(?:only|just|barely|nearly|almost) \d{1,3}(?=\s*[,.;)!])",  # "Lad from Tipton, only 17,"
    r"(?:" + "|".join(f"(?<=\\b{w} )" for w in _IS_AGE) + r")\d{1,3}"
    r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|but|now|today|this|next|so|with|years?|yrs?|yo|y/?o)\b)",
    r"(?:^|(?<=[.!?]\s))\d{1,3}(?= today\b)",  # "101 today!!"
)
_HOLIDAYS = (
    r"christmas(?: eve| day)?|easter(?: sunday| monday| weekend)?|boxing day|new year'?s?(?: eve| day)?"
    r"|thanksgiving|diwali|eid|hanukkah|halloween|bonfire night|bank holiday(?: monday| weekend)?"
    r"|hogmanay|st\.? patrick'?s day|anzac day|canada day|australia day|waitangi day"
    r"|memorial day|labou?r day|valentine'?s day|mother'?s day|father'?s day|the long weekend"
    r"|(?:the )?fourth of july|july 4th|4th of july|independence day|guy fawkes night|ramadan"
    r"|lunar new year|chinese new year|holi|passover|yom kippur|good friday|easter monday"
)
_DATES = (
    r"\b(?:this|last|yesterday|tomorrow) (?:morning|afternoon|evening|night)\b",
    r"\b(?:this (?:arvo|avo)|2nite|tonite|2day|yday|tomorrow|tmrw|tmr)\b",
    r"(?<![\w:.])(?:[01]?\d|2[0-3]):[0-5]\d(?![\w:])",
    r"\b(?:last|this|next) (?:week|month|spring|summer|autumn|fall|winter|weekend|year)\b",
    r"\b(?:today|tonight|yesterday|overnight)\b",
    r"\b(?:at \d{1,2}[:.]\d{2}(?:\s*[ap]m)? )?today\b",
    r"\bthe \d{1,2}(?:st|nd|rd|th)\b",
    r"\bin (?:january|february|march|april|may|june|july|august|september|october|november|december)\b",
    r"\bon (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?= (?:night|morning|afternoon|evening))",
    r"\b(?:last|this|on|next) (?:mon|tues?|weds?|thu|thur|thurs|fri|sat|sun)\b\.?",
    r"\b(?:on |over |at |during |this |last )?(?:" + _HOLIDAYS + r")\b",
    r"(?<![\w:.])\d{1,2}(?:[:.][0-5]\d)?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)",
    r"(?<![\w/.])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|[12]\d|3[01])(?![\w/])(?<!/10)(?<!/5)(?<!/4)",
    r"\bearlier (?:today|this week|tonight)\b",
    r"(?<=\bat )(?:[01]\d|2[0-3])[0-5]\d(?:\s?hrs?|h)?\b",  # "at 0530"
    r"\b(?:a|one|two|three|four|five|six|\d{1,2}) (?:days?|weeks?|fortnights?|months?) ago\b",
    r"(?:(?<=\bon )|(?<=\bsince ))(?:[12]\d|3[01]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])(?![\d/])",
    r"\b(?-i:Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday)\b\.?(?=\s*:|\s+\d{1,2}(?:st|nd|rd|th)\b)(?:\s+\d{1,2}(?:st|nd|rd|th))?",
)
_PLACES = (
    r"\b(?:cot|cubicle|bay|bed|room|rm|side room|chair|pod|cabin|incubator|isolette|trolley"
    r"|stretcher|bed space|bedspace|cell|unit|flat|apartment|apt|suite|lodge|villa) ?#?\d{1,4}[a-z]?\b",
    r"(?<=\bfrom )(?-i:(?!(?:Dr|Mr|Mrs|Ms|Miss|The|Our|His|Her|Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Christmas|Easter)\b)[A-Z][a-z]{3,}(?: [A-Z][a-z]{3,})?)(?=\s+(?:"
    r"walked|came|drove|flew|rolled|was|is|who|with|has|had|arrived|brought|presented|in\b|at\b|on\b"
    r"|[,.:;!]))",
    r"(?<=\bon )\d{1,2}[A-Z]\b",
    r"(?<=\bon )\d{1,2} ?(?-i:North|South|East|West)\b",
    r"\b(?-i:[A-Z][a-z]+ (?:[Ww]ard|Suite|Unit|Home|Centre|Center|Room|Wing|Lounge))\b",
    r"\b(?-i:[A-Z]) (?-i:Wing|Block|Ward|Bay)\b",
    r"\b(?!(?-i:Go|Going|Gone|Went|Come|Coming|Came|Back|Welcome|Sent|Send|Get|Got|Heading|Headed"
    r"|Straight|Safe|Off|On|At|In|To|The|Our|My|His|Her|Their|Your|Nursing|Care)\b)"
    r"(?-i:[A-Z][a-z]+ (?:[Hh]ome|[Hh]ouse|[Ll]odge|[Cc]ourt|[Mm]anor|[Cc]are [Hh]ome"
    r"|[Nn]ursing [Hh]ome|[Rr]etirement [Vv]illage|[Rr]esidential [Hh]ome))\b",
    r"\b(?-i:(?:[A-Z][a-z'’-]+ ){1,2}(?:Road|Street|Close|Lane|Avenue|Drive|Way|Crescent|Terrace"
    r"|Gardens|Place|Grove|Court|Rise|Row|Hill|Rd|St|Ave))\b",
)


_FLAGS = re.I | re.M


def _compile(parts: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), _FLAGS)


@cache
def _branches() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Each part of the three alternations alone: a text is searched only with the parts that
    can match it (:func:`armslength.screen._needs.scan_alternation`, the same matches)."""
    parts = {"AGE": _AGES, "DATE": _DATES, "LOCATION": _PLACES}
    return {
        label: tuple(re.compile(f"(?:{p})", _FLAGS) for p in group)
        for label, group in parts.items()
    }


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    return (
        ("AGE", _compile(_AGES), "the age of the patient the text is about"),
        ("DATE", _compile(_DATES), "when the patient was seen: it places the encounter in time"),
        ("LOCATION", _compile(_PLACES), "where the patient is: a cot, bay, bed or named unit"),
    )


_CUED_NAME = re.compile(
    r"(?:\b(?P<title>mr|mrs|ms|miss|nana|nan|nanna|gran|granny|grandad|granddad|grandpa|grandma"
    r"|auntie|aunty|uncle|nonna|nonno)\.?\s+"
    r"|\b(?:little|called|named|shout ?out to|congrats to|it was|that's|thats)\s+|#(?P<tag>team))"
    r"(?P<name>[a-z][a-z'’-]*)\b",
    re.I,
)
_AGED_NAME = re.compile(r"(?-i:\b(?P<name>[A-Z][a-z'’-]+))(?:,\s\d{1,3}[,.]|\s\(\d{1,3}\))")
_CAPITAL = re.compile(r"(?<![@#\w.])(?-i:(?P<name>[A-Z][a-z'’-]{2,}))\b")
_VOCATIVE = re.compile(
    r"\A\s*(?:(?:hi|hello|hey|dear|thanks|thank you)\s+)?(?P<name>[A-Z][a-z'’-]+)[,!]"
)
_PLACED_NAME = re.compile(
    r"(?:^|(?<=[.!?:]\s)|(?<=\n))(?-i:(?P<name>[A-Z][a-z'’-]{2,}))(?=\s+(?:in (?:bed|room|bay|chair|cot"
    r"|cubicle|resus|side room)\b|from (?-i:[A-Z])|at (?-i:St|[A-Z][a-z]+ (?:House|Lodge|Nursing|Care))"
    r"|(?:uncle|auntie|aunty|ji|nana|bhai|didi)\b|,\s(?:\d{1,3}|(?:early|mid|late)-?\d0s),))",
    re.M,
)
_LOWER_NAME = re.compile(r"(?<![@#\w])(?P<name>[a-z][a-z'’-]{2,})\b(?=\s+(?:in|from|who|on)\b)")


@cache
def _words() -> frozenset[str]:
    return _lexicon.words("english_words") - _lexicon.words("strong_names")


@cache
def _blocked() -> frozenset[str]:
    """Words that are never a name here: titles, months, drugs, conditions, places' words."""
    from armslength.screen.recognizers.person_name import blocked_words

    return blocked_words() | _lexicon.words("titles") | _lexicon.words("months")


def _first_names() -> frozenset[str]:
    from armslength.screen.recognizers.person_name import given_names

    return given_names()


class PatientDetailRecognizer(Recognizer):
    """A patient's details in a story: bare ages, relative dates, cots and bays, first names."""

    rule = "phi-patient-detail"

    def find(self, doc: Doc) -> Iterator[Span]:
        from armslength.screen import disclosure

        found = disclosure.analyse(doc)
        if found.query or (found.vignette and not found.confirmations):
            return  # the layer drops a case question's or a teaching case's details anyway
        first = _first_names()
        branches = _branches()
        for label, pattern, why in _patterns():
            for match in scan_alternation(pattern, branches[label], doc.text):
                if label == "LOCATION" and match.group().lower() in first:
                    why_name = "a given name after 'from' in a text about a patient"
                    yield self._span(match.start(), match.end(), "NAME", why_name)
                    continue
                yield self._span(match.start(), match.end(), label, why)
        yield from self._names(doc)

    def _names(self, doc: Doc) -> Iterator[Span]:
        words, first = _words(), _first_names()
        for match in scan(_CUED_NAME, doc.text):
            word = match.group("name").lower()
            title = (match.group("title") or "").lower()
            titled = bool(title) or match.group("tag") is not None
            plain_name = word in first and word not in words
            initial = len(word) <= 2 and title in _HONORIFICS  # "Mr K", not "nan on"
            titled_name = titled and (word in first or word not in words or initial)
            if not (plain_name or titled_name):
                continue
            why = "a patient's name, given with a title or a cue ('mr okafor', '#TeamJayden')"
            yield self._span(match.start("name"), match.end("name"), "NAME", why)
        block = _blocked()
        for match in scan(_AGED_NAME, doc.text):
            word = match.group("name").lower()
            if word not in block and (word in first or word not in words):
                why = "a patient's name given with their age ('Kwame, 12')"
                yield self._span(match.start("name"), match.end("name"), "NAME", why)
        for regex in (_CAPITAL, _VOCATIVE):
            for match in scan(regex, doc.text):
                word = match.group("name").lower()
                vocative = regex is _VOCATIVE
                if word in block or word not in first or (word in words and not vocative):
                    continue
                why = "a given name in a text about a patient"
                yield self._span(match.start("name"), match.end("name"), "NAME", why)
        for match in scan(_PLACED_NAME, doc.text):
            word = match.group("name").lower()
            if word not in block and word not in words:
                why = "a person named where the patient is ('Kwame in chair 6', 'Aroha from Whanganui')"
                yield self._span(match.start("name"), match.end("name"), "NAME", why)
        for match in scan(_LOWER_NAME, doc.text):
            word = match.group("name")
            if word in first and word not in words and word not in block:
                why = "a first name written in lowercase, placed in a bed, ward or story"
                yield self._span(match.start("name"), match.end("name"), "NAME", why)

    def _span(self, start: int, end: int, label: str, why: str) -> Span:
        severity = Severity.MEDIUM if label == "NAME" else Severity.LOW
        return Span(
            start, end, label, Category.PHI, severity, 0.6, self.rule, why, needs_patient=True
        )
