"""The disclosure layer: is the text about a patient, and does it disclose their care?

Recognizers find identifiers; this layer decides what they mean. Per text it finds *patient
cues* (a story: "pt in bed 12", "a lady who came in", "Mrs Wong, 79") and, sentence by
sentence, *confirmations* (a reply, comment or message that tells the person addressed about
their own care: "your colonoscopy results were normal", "as you know, we only met twice").

* An identifier in a text about a patient keeps its severity, and the patient's details
  (ages, "this morning", "cot 5") count even when no other identifier is present.
* An identifier in a text about no patient — an awareness day, a job advert, a helpline, the
  practice's own number, a teaching case — is not a patient's: names drop to ``low`` and
  dates, places, facilities, contacts and reference numbers are not reported.
* A confirmation is a ``relationship`` finding whose span is the phrase that confirms it.

The cues are data (``data/disclosure.yaml``); the clinical words come from the shared
vocabulary (:mod:`armslength.vocabulary`), so advise and screen agree on what is clinical.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files

from pydantic import BaseModel, ConfigDict, Field, field_validator

from armslength import vocabulary
from armslength._yaml import YamlDocument
from armslength.model import Category, ContentKind, Severity
from armslength.screen._doc import Doc, Span, sentence_around
from armslength.screen._needs import possible, scan
from armslength.vocabulary import Term, TermClass

SOURCES = ("hipaa_safe_harbor", "gmc_2024", "ama_2_3_2")
"""What a confirmation cites: disclosing that someone is a patient is a disclosure of PHI."""

NOT_A_PATIENT = frozenset({"phi-date", "phi-facility", "phi-place", "phi-shaped-id", "phi-age"})
"""Quasi-identifiers not reported in a text about no one: a date, a town, a hospital or a
reference number identifies nobody without a person (an event's date, a hospital in a job
advert, a trial id). Direct identifiers (contacts, addresses, checksummed ids) are kept
unless they are public: a helpline, the practice's own line or a role address."""
CONTACT_RULES = frozenset({"phi-phone", "phi-email", "phi-url"})
_ADDRESS_RULES = frozenset({"phi-street-address", "phi-address-block"})
OWN_IN_A_POST = CONTACT_RULES | _ADDRESS_RULES
"""In a post about no one, a phone, e-mail, web address or street address is the poster's
own (a practice's new address, its after-hours line)."""
_PUBLIC_CONTACT = re.compile(
    r"\b(?:helpline|hotline|poison control|crisis line|samaritans|nhs 111|111|911|999|"
    r"our (?:\w+ )?(?:line|number|phone|e-?mail|email|website|site|office|practice|clinic|"
    r"reception)|call us|ring us|e-?mail us|contact us|text us|book online|visit our|"
    r"book (?:on|at|via)|bookings?:?|(?:appointment|booking|enquiry|enquiries|reception|dispensary"
    r"|prescription|after-hours|out-of-hours|advice|main|switchboard|staff) (?:line|number)(?: is)?"
    r"|(?:the|our) (?:[\w-]+ ){0,3}(?:team|unit|service|lead|manager|coordinator|desk|office|department"
    r"|hub|nurses|midwives|advocate|liaison|administrator|secretary|receptionist|navigator|triage)"
    r"(?: (?:on|at|via))?|(?:glad|happy|pleased) to (?:speak|talk) to you"
    r"|(?:hear from|speak (?:to|with)|talk (?:to|with)) you (?:on|at|via))\b",
    re.I,
)
_CALL_CUE = re.compile(
    r"\b(?:call|ring|phone|dial|to (?:re)?book|to cancel|visit|go to|see|via|at|e-?mail|write to"
    r"|text|whatsapp|message)\b",
    re.I,
)
_CALL_THIS = re.compile(
    r"\b(?:please |or |and )(?:call|ring|phone|dial|text|e-?mail|contact)(?: us)?(?: (?:on|at))?\s*$",
    re.I,
)
"""'... or call 01632 960488', 'please email ...': the reader is told to use it, so it is the
writer's or a service's, whoever else the text mentions."""
"""An instruction to readers to call a number: in a text about no one, a public line."""
_PRACTICE_VOICE = re.compile(r"\b(?:we|we're|we've|we'll|our|ours|us)\b", re.I)
"""The practice speaking: its own number or address is no patient's."""
_ROLE_ADDRESS = re.compile(
    r"^(?:info|feedback|enquiries|inquiries|hello|contact|admin|office|reception|scripts|"
    r"prescriptions|appointments|bookings|help|support|team|practice|clinic|complaints|"
    r"patient\.?(?:experience|relations|services)|pals|media|press|jobs|careers|hr|research|"
    r"imms|immunis\w*|immuniz\w*|vaccin\w*|recruitment|referrals|nurses|staff|education|"
    r"training|events|volunteers?|results|records|interpret\w*|fundraising|comms)@",
    re.I,
)
_TOLL_FREE = re.compile(
    r"^(?:(?:\+?1[\s.-]?)?\(?8(?:00|33|44|55|66|77|88)\)?[\s.-]|0800|0808|0300|1800|1300|13\s?\d{2}\s?\d{2}\b)"
)

_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|youre|you've|you'll|yours|u|ur)\b", re.I)
_POSSESSOR = re.compile(
    r"\b(?:your|his|her|their)(?:\s+(?:son|daughter|child|kid|baby|little one|toddler|teen"
    r"|boy|girl|twins|grandson|granddaughter|mum|mom|mother|dad|father|husband|wife|partner"
    r"|nan|grandad|grandpa|grandma|brother|sister|grandmother|grandfather|aunt|auntie|uncle"
    r"|niece|nephew|cousin|family|parents|fiancée?|carer|relative|loved one)(?:'s|’s)?)?"
    r"(?:\s+(?:recent|last|next|new|first|second|third|final|repeat|annual|latest|own|usual"
    r"|regular|normal|current|monthly|weekly|daily))?\s+$"
    r"|\b(?:baby|bub|little one)(?:'s|’s)\s+$",
    re.I,
)
_AN_EVENT = re.compile(
    r"(?:e?s)?\s+(?:session|sessions|clinic|clinics|programme|program|campaign|drive|service"
    r"|services|team|unit|department|ward|day|week|month|leaflet|open day|evening)\b",
    re.I,
)
"""After a clinical word: an event, a service or a place, nobody's own care."""
_ABOUT_THE = re.compile(r"\b(?:about|regarding|for|on) (?:the|our) (?:[\w-]+ ){0,2}$", re.I)
_RELATIVE = re.compile(
    r"\byour (?:son|daughter|child|baby|little one|mum|mom|mother|dad|father|husband|wife"
    r"|partner|brother|sister|grandmother|grandfather|nan|grandad|grandma|grandpa|aunt|uncle"
    r"|niece|nephew|twins|boy|girl)\b(?! (?:and|or) (?:you|your)\b)",
    re.I,
)
"""The reader's relative, anywhere before a clinical word in the sentence ('your brother is
enjoying the day centre')."""
_THE_SPECIFIC = re.compile(r"\bthe\s+(?:\w+\s+)?$", re.I)
_SERVICE_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:team|teams|service|services|clinic|clinics|unit|units|ward|wards|room"
    r"|rooms|department|dept|nurses?|lead|leads|specialists?|group|groups|class|classes|course"
    r"|courses|programme|program|education|line|helpline|desk|office|trial|study|leaflets?"
    r"|information|network|pathway|hub|centre|center|session times|drop-in|awareness)\b",
    re.I,
)
"""A clinical word naming a service ('the diabetes education team', 'the scan room')."""
_A_TOOL = re.compile(
    r"\b(?:score|scores|criteria|rule|rules|scale|tool|algorithm|index|classification|staging"
    r"|checklist|questionnaire|guideline|guidelines|protocol|pathway|bundle|calculator)\b",
    re.I,
)
"""A named score, rule or guideline ('the Wells score'): a tool, not someone's result."""
_CONTACT_THE = re.compile(
    r"\b(?:call|ring|phone|contact|visit|e-?mail|write to|message)\s+(?:the|our)\s+$", re.I
)
_LOGISTICS = re.compile(
    r"\b(?:stock|stocks|fridge|fridges|cupboard|supplies|supply|order more|deliver(?:y|ies)"
    r"|shortage|expired|expiry|batch|lot number|back-?order(?:ed)?|out of stock)\b",
    re.I,
)
"""Words about a drug or dressing as stock: staff logistics, no one's treatment."""
_CONDITIONAL = re.compile(r"\b(?:if|when|whenever|unless|in case|anyone who|those of)\s+$", re.I)
"""'If you have pain, ...': advice to anyone, not something known about the reader."""
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*", re.S)
_GENERIC = frozenset({TermClass.CARE, TermClass.BILLING})


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    id: str
    why: str


@dataclass(frozen=True)
class _CueSet:
    patient: tuple[_PatientCue, ...]
    vignette: tuple[re.Pattern[str], ...]
    encounter: tuple[tuple[_CueRow, re.Pattern[str]], ...]
    query: tuple[re.Pattern[str], ...]
    disclaimer: tuple[re.Pattern[str], ...]


class _CueRow(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    why: str = ""
    pattern: str = Field(min_length=1)
    needs_term: bool = False
    """Counts only with a clinical term in the same sentence ('helping you' with a drug)."""
    also: tuple[str, ...] = ()
    """Patterns that must all match in the same sentence too (a person, a care setting and
    something that happened: 'nursed a teen through DKA on Boxing Day')."""
    needs_you: bool = True
    """An encounter cue that counts only with 'you' or 'your' in the same sentence; false for
    phrases that speak to the reader by themselves ('as we talked about')."""
    weak: bool = False
    """A patient cue that a case question cancels ('a 58-year-old female diagnosed with
    AF: what are the risks?' asks about a case, it tells no patient's story)."""

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression ({exc.msg})") from None
        return value

    @field_validator("also")
    @classmethod
    def _all_compile(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            cls._compiles(value)
        return values

    def compiled(self) -> tuple[str, str, re.Pattern[str]]:
        return self.id, self.why, re.compile(self.pattern, re.I)


class _CueFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    patient: tuple[_CueRow, ...] = Field(min_length=1)
    vignette: tuple[_CueRow, ...] = ()
    encounter: tuple[_CueRow, ...] = ()
    query: tuple[_CueRow, ...] = ()
    disclaimer: tuple[_CueRow, ...] = ()


def parse_cues(document: YamlDocument) -> _CueSet:
    """The cues of a disclosure file, validated (errors name the file, line and field)."""
    data = document.validate(_CueFile)
    return _CueSet(
        patient=tuple(_PatientCue.of(row) for row in data.patient),
        vignette=tuple(row.compiled()[2] for row in data.vignette),
        encounter=tuple((row, row.compiled()[2]) for row in data.encounter),
        query=tuple(row.compiled()[2] for row in data.query),
        disclaimer=tuple(row.compiled()[2] for row in data.disclaimer),
    )


@dataclass(frozen=True)
class _PatientCue:
    """A patient cue: one pattern, or a pattern with others in the same sentence."""

    id: str
    why: str
    pattern: re.Pattern[str]
    also: tuple[re.Pattern[str], ...] = ()
    needs_term: bool = False
    weak: bool = False

    @classmethod
    def of(cls, row: _CueRow) -> _PatientCue:
        also = tuple(re.compile(p, re.I) for p in row.also)
        pattern = re.compile(row.pattern, re.I)
        return cls(row.id, row.why, pattern, also, row.needs_term, row.weak)

    def search(self, text: str) -> re.Match[str] | None:
        if not possible(self.pattern, text):
            return None
        for found in self.pattern.finditer(text):
            if not (self.also or self.needs_term):
                return found
            start, end = sentence_around(text, found.start(), found.end())
            if self._around(text[start:end]):
                return found
        return None

    def _around(self, sentence: str) -> bool:
        if not all(possible(p, sentence) and p.search(sentence) for p in self.also):
            return False
        return not self.needs_term or bool(vocabulary.find(sentence, vocabulary.SPECIFIC))


@cache
def _cues() -> _CueSet:
    text = files("armslength.screen").joinpath("data", "disclosure.yaml").read_text("utf-8")
    return parse_cues(YamlDocument.builtin(text, "armslength/screen/data/disclosure.yaml"))


@dataclass(frozen=True)
class Disclosure:
    """What the layer decided about one text."""

    patient_cues: tuple[Cue, ...]
    vignette: bool
    confirmations: tuple[Cue, ...]
    query: bool = False
    """A question about a case: its loose ages and times are not reported."""

    @property
    def about_patient(self) -> bool:
        return bool(self.confirmations) or (bool(self.patient_cues) and not self.vignette)


def analyse(doc: Doc) -> Disclosure:
    """The cues of *doc* (computed once per text and kept on it)."""
    cached = doc.extra.get("disclosure")
    if isinstance(cached, Disclosure):
        return cached
    cues = _cues()
    query = any(_search(p, doc.text) for p in cues.query)
    patient = _first_patient_cue(doc.text, cues, weak=not query)
    vignette = any(_search(p, doc.text) for p in cues.vignette)
    confirmations = tuple(_confirmations(doc, patient, vignette))
    result = Disclosure(patient, vignette, confirmations, query)
    doc.extra["disclosure"] = result
    return result


def _search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, skipped when the pattern cannot match the text."""
    return pattern.search(text) if possible(pattern, text) else None


def _first_patient_cue(text: str, cues: _CueSet, weak: bool = True) -> tuple[Cue, ...]:
    """The earliest-listed patient cue found (one is enough to decide; cues are tried in
    the order of the data file, so the file puts the cheap, common ones first). Weak cues
    are skipped when *weak* is false (in a case question)."""
    for cue in cues.patient:
        if cue.weak and not weak:
            continue
        found = cue.search(text)
        if found is not None:
            return (Cue(found.start(), found.end(), cue.id, cue.why),)
    return ()


def _confirmations(doc: Doc, patient: tuple[Cue, ...], vignette: bool) -> Iterator[Cue]:
    if doc.kind is ContentKind.POST:
        return
    cues = _cues()
    addressed = _search(_VOCATIVE, doc.text) is not None
    for match in _SENTENCE.finditer(doc.text):
        start, sentence = match.start(), match.group()
        if any(_search(p, sentence) for p in cues.disclaimer):
            continue
        cue = _second_person(sentence, start, addressed) or _encounter(sentence, start)
        if cue is not None:
            yield cue
    if doc.kind is ContentKind.COMMENT and patient and not vignette:
        first = min(patient, key=lambda c: c.start)
        why = f"a public comment about a particular patient ({first.why}): it confirms a care relationship"
        yield Cue(first.start, first.end, "rel-patient-story", why)


_VOCATIVE = re.compile(r"\A\s*(?:hi|hello|hey|dear)\b", re.I)


def _second_person(sentence: str, offset: int, addressed: bool = False) -> Cue | None:
    """A clinical term that belongs to the person addressed or their family (in a text that
    greets someone by name, any clinical term in it is theirs)."""
    terms = vocabulary.find(sentence)
    you = _SECOND_PERSON.search(sentence)
    for term in terms:
        if term.cls is TermClass.QUESTION:
            continue
        if _AN_EVENT.match(sentence, term.end) and _ABOUT_THE.search(sentence, 0, term.start):
            continue  # "words about the transplant unit": a service, nobody's own care
        owner = _POSSESSOR.search(sentence, 0, term.start)
        specific = term.cls not in _GENERIC
        if owner is not None:
            return _cue(offset, owner.start(), term.end, term)
        relative = _RELATIVE.search(sentence, 0, term.start)
        if relative is not None and term.start - relative.end() <= 60:
            return _cue(offset, relative.start(), term.end, term)
        reader = you is not None and not _CONDITIONAL.search(sentence, 0, you.start())
        if not (reader or addressed) and _A_TOOL.search(sentence, term.start, term.end + 12):
            continue  # "the Centor criteria", "the Wells score": a clinical tool, no one's test
        if not (reader or addressed) and _SERVICE_AFTER.match(sentence, term.end):
            continue  # "the diabetes education team", "the scan room": a service, no one's care
        if _CONTACT_THE.search(sentence, 0, term.start):
            continue  # "please ring the surgery": the practice as a contact, no one's operation
        if _LOGISTICS.search(sentence, term.end):
            continue  # "the Mepilex stock is low", "move the anti-D to the fridge": supplies
        if specific and (reader or addressed or _THE_SPECIFIC.search(sentence, 0, term.start)):
            begin = min(you.start(), term.start) if you is not None else term.start
            end = max(you.end(), term.end) if you is not None else term.end
            if end - begin > 60:
                begin, end = term.start, term.end
            return _cue(offset, begin, end, term)
    return None


def _encounter(sentence: str, offset: int) -> Cue | None:
    """The writer met or treated the person addressed ('as you know, we only met twice')."""
    you = _SECOND_PERSON.search(sentence) is not None
    for row, pattern in _cues().encounter:
        if row.needs_you and not you:
            continue
        found = _search(pattern, sentence)
        if found is None:
            continue
        if row.needs_term and not vocabulary.find(sentence, vocabulary.SPECIFIC):
            continue
        why = f"{row.why}: it confirms a care relationship"
        return Cue(offset + found.start(), offset + found.end(), f"rel-{row.id}", why)
    return None


_CLASS_WORDS = {
    TermClass.CONDITION: "condition",
    TermClass.SYMPTOM: "symptom",
    TermClass.DRUG: "medicine",
    TermClass.PROCEDURE: "procedure or treatment",
    TermClass.TEST: "test or result",
    TermClass.CARE: "care",
    TermClass.BILLING: "bill or insurance",
    TermClass.INSURER: "insurer",
}


def _cue(offset: int, start: int, end: int, term: Term) -> Cue:
    what = _CLASS_WORDS.get(term.cls, "care")
    why = (
        f"mentions the person's own {what} ('{term.term}'): it tells everyone reading that "
        "they were treated here"
    )
    return Cue(offset + start, offset + end, "rel-discloses-care", why)


def relationship_spans(doc: Doc) -> Iterator[Span]:
    """The confirmations of *doc* as ``relationship`` spans: high in a reply or comment,
    medium in a private message."""
    severity = Severity.MEDIUM if doc.kind is ContentKind.MESSAGE else Severity.HIGH
    for cue in analyse(doc).confirmations:
        yield Span(
            cue.start, cue.end, None, Category.RELATIONSHIP, severity, 0.8, cue.id, cue.why,
            sources=SOURCES,
        )  # fmt: skip


_NOTE = "; no patient in the text (an event, advert, helpline or teaching case): lowered"
_PERSONAL = re.compile(
    r"\b(?:he|she|he's|she's|him)\b|\b(?:my|his|her|their|your)\s+(?:\w+\s+)?(?:brother|sister"
    r"|father|mother|dad|mum|mom|son|daughter|husband|wife|partner|friend|grandfather"
    r"|grandmother|grandma|grandpa|nan|uncle|aunt|cousin|niece|nephew|boss|neighbou?r|baby)\b"
    r"|\b(?:i|we|i'll|we'll|i've|we've) (?:live|lived|moved|was born|turned|turn|am turning|"
    r"drove|flew|went|travelled|traveled|walked|stayed|stay|meet)\b|\bi'?m \d"
    r"|\boriginally from\b|\bis home\b|\bmeet (?:at|me)\b|\b(?:e-?mail|call|text|ring) me\b"
    r"|\bmy (?:zip|post ?code|address|number|phone|e-?mail|birthday|date of birth|dob)\b"
    r"|(?-i:\b(?:I|I'm|I'll|I've|I'd|Im|Ive)\b)|\b(?:my|me|mine|myself)\b"
    r"|\byour (?:e-?mail|number|phone|address|website|account|card|order|password|username)\b",
    re.I,
)


def apply(spans: list[Span], doc: Doc) -> list[Span]:
    """Keep, lower or drop the PHI spans by whether the text is about a patient.

    About a patient: every span counts, the patient's details included. About some other
    particular person (a name, "my brother"): the identifiers count as they are. About no
    one (a notice, an advert, a teaching case): dates, places, contacts and reference numbers
    are not reported and names drop to ``low``."""
    disclosure = analyse(doc)
    spans = [
        s
        for s in spans
        if not _in_event(s, doc)
        and not _declined(s, doc)
        and not _names_a_venue(s, doc)
        and not (s.rule in CONTACT_RULES and _told_to_use(s, doc))
    ]
    if disclosure.about_patient or _named_in_care(spans, doc):
        if disclosure.query or _vignette(doc):
            return _patient_severity([s for s in spans if not s.needs_patient])
        return _patient_severity([_patient_detail(s) for s in spans])
    personal = not disclosure.vignette and (_has_person(spans, doc) or _search(_PERSONAL, doc.text))
    context = _NoPatient(
        doc, disclosure.vignette, bool(personal), _search(_PRACTICE_VOICE, doc.text) is not None
    )
    return [kept for span in spans if (kept := context.judge(span)) is not None]


@dataclass(frozen=True)
class _NoPatient:
    """How a span is judged in a text about no patient."""

    doc: Doc
    vignette: bool
    personal: bool
    """About a particular person who is not a patient ("my brother", "I", a name)."""
    practice_voice: bool
    """The practice speaking ("we", "our"): its own contacts and address are no patient's."""

    def judge(self, span: Span) -> Span | None:
        if span.needs_patient:
            return None
        if span.category is Category.RELATIONSHIP and self.vignette:
            return None  # "your diagnosis?" in a teaching case speaks to every reader
        if span.category is not Category.PHI:
            return span
        if span.rule in CONTACT_RULES and _public_contact(span, self.doc):
            return None  # a helpline, a toll-free number, a role address
        if self.personal:
            return span
        return self._impersonal(span)

    def _impersonal(self, span: Span) -> Span | None:
        doc = self.doc
        if span.rule in NOT_A_PATIENT:
            return span if _identifies_anyway(span, doc) and not self.vignette else None
        if span.rule in CONTACT_RULES and _CALL_CUE.search(
            doc.text, max(0, span.start - 40), span.start
        ):
            return None
        if span.rule in OWN_IN_A_POST and doc.kind is ContentKind.POST:
            own = self.practice_voice or span.rule == "phi-url"
            if own or (span.rule in _ADDRESS_RULES and not _identifies_anyway(span, doc)):
                return None  # the practice's own contact, a public link, a street with no number
        if span.label == "NAME":
            if self.vignette and " " not in doc.text[span.start : span.end].strip():
                return None  # an eponym, a place or a sign-off in a notice or a teaching case
            if not _known_name(span, doc) and _about_care(doc):
                return None  # a capitalised word in no list in a health notice: a term or brand
            return replace(span, severity=Severity.LOW, why=span.why + _NOTE)
        return span


_EVENT = re.compile(
    r"(?:\b[A-Z][\w'’]*\s+){1,4}(?:Day|Eve|Week|Month|Appeal)\b|\b(?:Christmas|Boxing|New Year'?s)"
    r"\s+(?:Day|Eve)\b"
)


def _declined(span: Span, doc: Doc) -> bool:
    """A relationship finding inside a sentence that declines to discuss care ("we won't
    discuss your treatment online") confirms nothing."""
    if span.category is not Category.RELATIONSHIP:
        return False
    start, end = sentence_around(doc.text, span.start, span.end)
    sentence = doc.text[start:end]
    return any(_search(p, sentence) for p in _cues().disclaimer)


_VENUE = re.compile(
    r"\s+(?:Library|Hall|Park|Centre|Center|School|College|University|Church|Stadium|Arena"
    r"|Gardens|Hotel|Museum|Leisure|Pool|Station|Market|Infirmary|Hospital|Clinic|Hospice"
    r"|Surgery|Practice|Pharmacy|Dental|Medical|Health|Foundation|Trust|Institute"
    r"|(?i:branch|site|campus|office|premises|store|outlet|location|clinic))\b"
)


def _names_a_venue(span: Span, doc: Doc) -> bool:
    """'Greenway' in 'the Greenway Library' is a place's name, not a person's."""
    return span.label == "NAME" and _VENUE.match(doc.text, span.end) is not None


def _in_event(span: Span, doc: Doc) -> bool:
    """A name inside an event's name ('World Kidney Day', 'Christmas Eve') is no person."""
    if span.label != "NAME":
        return False
    return any(m.start() <= span.start and span.end <= m.end() for m in scan(_EVENT, doc.text))


def _identifies_anyway(span: Span, doc: Doc) -> bool:
    """An age of 90 or over (Safe Harbor), a labelled date of birth and an address with a
    number in it point at someone whatever the text is about."""
    if span.label in ("AGE", "DATE"):
        return span.severity is Severity.HIGH
    text = doc.text[span.start : span.end]
    return span.rule in _ADDRESS_RULES and any(c.isdigit() for c in text)


def _told_to_use(span: Span, doc: Doc) -> bool:
    """'... or call 01632 960488', a helpline, a toll-free number, a role address: public in
    any text, a story included (a service's number beside a patient's name is still the
    service's). Wider cues ('the stroke team on ...') count only in texts about no patient."""
    text = doc.text[span.start : span.end]
    if _ROLE_ADDRESS.match(text) or _TOLL_FREE.match(text):
        return True
    sentence = _sentence_start(doc, span)
    return _CALL_THIS.search(doc.text, max(sentence, span.start - 30), span.start) is not None


def _public_contact(span: Span, doc: Doc) -> bool:
    """What :func:`_told_to_use` finds, and the practice's own line or team ('the stroke team
    on ...'), in the same sentence: published on purpose, no patient's."""
    if _told_to_use(span, doc):
        return True
    sentence = _sentence_start(doc, span)
    return _PUBLIC_CONTACT.search(doc.text, max(sentence, span.start - 60), span.start) is not None


def _sentence_start(doc: Doc, span: Span) -> int:
    return sentence_around(doc.text, span.start, span.end)[0]


def _vignette(doc: Doc) -> bool:
    return analyse(doc).vignette and not analyse(doc).confirmations


def _has_person(spans: list[Span], doc: Doc) -> bool:
    """A name with evidence of a person: a known given name or surname, or a title before it
    (a capitalised word in no list, "Tigrinya", "Bonitas", is no evidence on its own)."""
    return any(
        s.label == "NAME"
        and s.score >= 0.6
        and s.rule != "phi-initials"
        and not s.needs_patient
        and _known_name(s, doc)
        for s in spans
    )


def _known_name(span: Span, doc: Doc) -> bool:
    if span.score >= _TITLED:
        return True
    words = re.findall(r"[^\W\d_]+", doc.text[span.start : span.end].lower())
    return any(word in _person_words() for word in words) or span.rule == "phi-handle"


def _about_care(doc: Doc) -> bool:
    """The text talks about health care (a notice, an advert, a campaign): two different
    clinical words at least ("Oscar" the insurer or "death" alone is no health text)."""
    words = {term for _, _, term in doc.care_terms}
    words |= {t.term for t in vocabulary.find(doc.text) if t.cls is not TermClass.INSURER}
    return len(words) >= 2


_TITLED = 0.95
"""The score of a name after a title ("Dr", "Mrs")."""


@cache
def _person_words() -> frozenset[str]:
    from armslength import _lexicon
    from armslength.screen.recognizers.person_name import given_names

    return given_names() | frozenset(_lexicon.ranked("surnames"))


DIRECT = frozenset({"NAME", "CONTACT", "ID"})
"""Labels that identify a patient on their own (with street addresses and postcodes)."""
_DIRECT_PLACES = frozenset(
    {"phi-street-address", "phi-address-block", "phi-uk-postcode", "phi-zip"}
)
_TIED = "; tied to the patient the text is about"


def _patient_severity(spans: list[Span]) -> list[Span]:
    """In a text about a patient: a direct identifier is high; quasi-identifiers (age, date,
    place) are low alone, medium in pairs and high three together (the annotation standard)."""
    quasi = {
        s.label for s in spans
        if s.category is Category.PHI and s.label in ("AGE", "DATE", "LOCATION")
        and s.rule not in _DIRECT_PLACES
    }  # fmt: skip
    level = (Severity.LOW, Severity.LOW, Severity.MEDIUM, Severity.HIGH)[min(len(quasi), 3)]
    out = []
    for span in spans:
        if span.category is not Category.PHI:
            out.append(span)
        elif span.label in DIRECT or span.rule in _DIRECT_PLACES:
            out.append(replace(span, severity=Severity.HIGH, why=span.why + _TIED))
        elif span.severity.rank < level.rank:
            out.append(replace(span, severity=level))
        else:
            out.append(span)
    return out


def _patient_detail(span: Span) -> Span:
    """In a text about a patient every age of theirs counts (not only with another identifier)."""
    if span.label == "AGE" and span.needs_story:
        why = "the age of the patient the text is about"
        return replace(span, needs_story=False, why=why)
    return span


def _named_in_care(spans: list[Span], doc: Doc) -> bool:
    """A person's name in a text that names a clinical matter is a patient story."""
    names = [
        s
        for s in spans
        if s.label == "NAME"
        and s.score >= 0.5
        and not s.needs_patient
        and (_known_name(s, doc) or _search(_THIRD_PERSON, doc.text))
    ]
    if not names:
        return False
    if not (vocabulary.find(doc.text, vocabulary.SPECIFIC) or _search(_ROLE_INTRO, doc.text)):
        return False
    return not analyse(doc).vignette


_THIRD_PERSON = re.compile(r"\b(?:he|she|him|his|her|he's|she's|hers)\b", re.I)
"""A person spoken of: with it, a name in no list still makes a story ('Tevita ... his CT')."""
_ROLE_INTRO = re.compile(
    r"\b(?:nurse|doctor|gp|paramedic|midwife|physio|dentist|pharmacist|hygienist|therapist"
    r"|surgeon|carer|hca|hospice nurse|district nurse|health visitor|coordinator|radiographer"
    r"|sonographer|phlebotomist|chaplain|interpreter|counsell?or|dietitian|dietician|podiatrist"
    r"|optometrist|audiologist|porter|receptionist|technician|medic|registrar|anaesthetist"
    r"|anesthetist|consultant|practitioner|associate|support worker|hcp|np|pa|rn|doula)"
    r"(?:'s)? (?:here|life|diaries|diary|tweet|thread|reflection|log|again|confession)\b"
    r"|\b(?:chaplaincy|healthcare|clinic|ward|shift|rounds|placement|rotation) (?:diary|diaries"
    r"|reflection|log|thread)\b"
    r"|\b(?:theatre|ward|clinic|shift|ambulance|hospice|a&e|ed|er) (?:story|diaries|life|moment"
    r"|highlight|round)\b|\bhospice\b|\bhome visit|\bward round\b",
    re.I,
)
