"""Names of people: runs of name-like words scored by a small table of rules.

A word is classified from lexicons (census given names and surnames, an English word list)
and its casing; runs of adjacent name-like words are scored by the first rule in
:data:`RUN_RULES` that fits. Eponyms ("Wells score", "Parkinson's"), drugs, months and
clinical words are never names on their own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache

from armslength import _lexicon
from armslength.model import Category, Severity
from armslength.screen._doc import Doc, Span, Token, fold
from armslength.screen._needs import scan
from armslength.screen.recognizers._base import Recognizer


class Cls(Enum):
    """What one word looks like as part of a name."""

    FIRST = "F"  # a given name that is not an everyday word
    WEAK_FIRST = "f"  # a given name that is also a word ("Grace", "Mark")
    LAST = "L"  # a surname that is not an everyday word
    WEAK_LAST = "l"  # a surname that is also a word ("Brown", "Young")
    UNKNOWN = "U"  # capitalised, in no word list
    INITIAL = "I"  # a single capital letter
    WORD = "W"  # an everyday word
    BLOCK = "X"  # never part of a name (eponym, drug, month, title, clinical word)


_WEAK = frozenset({Cls.WEAK_FIRST, Cls.WEAK_LAST})
NAMEISH = frozenset({Cls.FIRST, Cls.WEAK_FIRST, Cls.LAST, Cls.WEAK_LAST, Cls.UNKNOWN, Cls.INITIAL})
_GAP = re.compile(r"^(?:\s+|\.\s*|\s*-\s*)$")
_CUE = re.compile(
    r"(?:\b(?:my name is|name's|named|called|i'm|i am|dear|hi|hello|hey|thanks|thank you|meet"
    r"|with|by|and|visited|saw|told|asked)\s+)$",
    re.I,
)
_NAME_SHAPE = re.compile(r"^(?:Mc|Mac|Fitz)?[^\W\d_][^\W\d_A-Z]*(?:[-'’][^\W\d_][^\W\d_A-Z]*)*$")
"""Capitalised like a name: 'Rubija', 'Jean-Luc', 'O'Neil' (not 'AFib' or 'NYHA')."""
_PARTICLES = frozenset(
    [
        "van",
        "der",
        "den",
        "de",
        "la",
        "le",
        "von",
        "da",
        "di",
        "del",
        "du",
        "bin",
        "al",
        "el",
        "dos",
        "das",
        "ten",
        "ter",
        "af",
        "av",
        "zu",
    ]
)


@cache
def _lex() -> dict[str, frozenset[str]]:
    block: set[str] = set()
    block_lists = (
        "eponyms", "clinical.drugs", "months", "titles", "clinical.conditions",
        "clinical.procedures", "clinical.insurers", "clinical.brands", "facility_words",
        "regions", "demonyms", "not_names", "languages",
    )  # fmt: skip
    for name in block_lists:
        block |= _lexicon.words(name)
    block |= {w for w in _lexicon.words("clinical_context") if " " not in w}
    surnames = _lexicon.ranked("surnames")
    block -= {
        e for e in _lexicon.words("eponyms") if surnames.get(e, COMMON_SURNAME) < COMMON_SURNAME
    }
    return {
        "first": given_names(),
        "last": frozenset(_lexicon.ranked("surnames")),
        "words": _lexicon.words("english_words") - _lexicon.words("strong_names"),
        "block": frozenset(block),
        "block_plural": _lexicon.words("months")
        | _lexicon.words("demonyms")
        | _lexicon.words("languages"),
        "titles": _lexicon.words("titles"),
        "eponym_suffix": _lexicon.words("eponym_suffixes"),
        "eponyms": _lexicon.words("eponyms"),
        "places": _lexicon.words("cities"),
    }


def blocked_words() -> frozenset[str]:
    """Words never taken for a name (eponyms, drugs, conditions, months, titles, ...)."""
    return _lex()["block"]


_CLASSES: dict[tuple[str, str, bool], Cls] = {}
_MAX_CLASSES = 50_000
"""Classes of words already seen (bounded: cleared when full)."""


def classify(token: Token, doc: Doc) -> Cls:
    """The class of one word, from its casing and the lexicons (a word's class depends only
    on it and on whether the text is in capitals, so it is worked out once per process)."""
    key = (token.text, token.core, doc.letters_upper)
    found = _CLASSES.get(key)
    if found is None:
        found = _classify(token, doc)
        if len(_CLASSES) >= _MAX_CLASSES:
            _CLASSES.clear()
        _CLASSES[key] = found
    return found


def _classify(token: Token, doc: Doc) -> Cls:
    lex = _lex()
    core = token.core
    parts = core.split("-")
    if core in lex["block"] or any(part in lex["block"] for part in parts):
        return Cls.BLOCK
    text = token.text
    if len(text) == 1:
        return Cls.INITIAL if text.isupper() else Cls.WORD
    if core in _FUNCTION_WORDS or (core.endswith("s") and core[:-1] in lex["block_plural"]):
        return Cls.WORD  # "In Lagos", "Thursdays", "Singaporeans"
    if core.endswith(_CONTRACTIONS):
        return Cls.WORD
    if not _capitalised(text, doc):
        return _lower_class(core, lex) if text.islower() else Cls.WORD
    if not (text.isupper() or _NAME_SHAPE.match(text)):
        return Cls.WORD
    if text.isupper() and not doc.letters_upper:
        return _acronym_class(core, lex)
    if core.endswith(_medical_suffixes()) and core not in lex["first"]:
        return Cls.BLOCK
    weak = core in lex["words"] or core in lex["places"]
    if core in lex["first"]:
        return Cls.WEAK_FIRST if weak else Cls.FIRST
    if core in lex["last"] or (
        all(part in lex["last"] for part in parts)
        and not any(part in _FUNCTION_WORDS for part in parts)
    ):
        return Cls.WEAK_LAST if weak else Cls.LAST
    if weak or any(part in lex["words"] for part in parts):
        return Cls.WORD
    return Cls.UNKNOWN


def classify_text(word: str, doc: Doc) -> Cls:
    """The class of a word found outside the token list (a regex match)."""
    core = word.rstrip(".")
    return classify(Token(0, len(core), core, fold(core), False), doc)


@cache
def _medical_suffixes() -> tuple[str, ...]:
    return tuple(_lexicon.words("medical_suffixes"))


def _acronym_class(core: str, lex: dict[str, frozenset[str]]) -> Cls:
    """An ALL-CAPS word in mixed-case text is an acronym unless it is a clear name (JOHN)."""
    if core in lex["words"] or core in lex["places"]:
        return Cls.WORD
    if core in lex["first"]:
        return Cls.FIRST
    return Cls.LAST if core in lex["last"] else Cls.WORD


def _lower_class(core: str, lex: dict[str, frozenset[str]]) -> Cls:
    """Lowercase words count only when they are given names or surnames outside the word list."""
    if core in lex["words"] or len(core) < 3 or core in _PARTICLES:
        return Cls.WORD
    if core in lex["first"]:
        return Cls.FIRST
    return Cls.LAST if core in lex["last"] else Cls.WORD


def _capitalised(text: str, doc: Doc) -> bool:
    if text[0].isupper() and not text.isupper():
        return True
    if text.isupper():
        return doc.letters_upper or len(text) >= 4
    return False


@dataclass(frozen=True)
class Run:
    """Adjacent name-like words."""

    tokens: tuple[Token, ...]
    classes: tuple[Cls, ...]
    titled: bool
    cued: bool
    sentence_initial: bool
    subject: bool = False
    """Followed by a verb that people are the subject of ('is', 'has', 'says' ...)."""

    @property
    def cased(self) -> bool:
        """Written with a capital (not all-lowercase)."""
        return not self.tokens[0].text.islower()

    @property
    def codes(self) -> str:
        return "".join(c.value for c in self.classes)


@dataclass(frozen=True)
class RunRule:
    """If ``test(run)`` holds, the run is a name with this score and explanation."""

    test: Callable[[Run], bool]
    score: float
    why: str


def _has(run: Run, codes: str) -> bool:
    return any(code in codes for code in run.codes)


RUN_RULES: tuple[RunRule, ...] = (
    RunRule(lambda r: r.titled, 0.95, "a name after a title such as Dr, Mr or Mrs"),
    RunRule(
        lambda r: (
            len(r.classes) >= 2 and r.codes[0] in "Ff" and _has(r, "FLlUI") and r.codes[-1] != "W"
        ),
        0.9,
        "a given name followed by a surname or initial",
    ),
    RunRule(
        lambda r: len(r.classes) >= 2 and _has(r, "FL") and set(r.codes) <= set("FfLlUI"),
        0.8,
        "two or more capitalised words that include a known given name or surname",
    ),
    RunRule(
        lambda r: r.cued and r.codes in ("U", "L", "F"),
        0.8,
        "a capitalised word where a name is expected ('my name is', 'thanks', 'with')",
    ),
    RunRule(lambda r: r.codes == "F" and r.cased, 0.75, "a given name"),
    RunRule(lambda r: r.codes == "F", 0.55, "a given name written in lowercase"),
    RunRule(
        lambda r: r.codes == "f" and r.cased and not r.sentence_initial,
        0.55,
        "a capitalised given name in mid-sentence",
    ),
    RunRule(
        lambda r: (
            r.codes == "U" and r.cased and not r.sentence_initial and len(r.tokens[0].text) > 2
        ),
        0.5,
        "a capitalised word in mid-sentence that is in no word list: probably a name",
    ),
    RunRule(
        lambda r: len(r.classes) >= 2 and set(r.codes) <= set("UI") and _has(r, "U"),
        0.6,
        "capitalised words that look like a full name",
    ),
    RunRule(lambda r: r.codes == "L" and r.cased, 0.6, "a surname"),
    RunRule(
        lambda r: r.codes in ("U", "L") and r.cased and r.subject,
        0.55,
        "a capitalised word that is the subject of a verb ('Drake has', 'Nick is')",
    ),
)
MIN_SCORE = 0.5
ECHO_SCORE = 0.75
_FUNCTION_WORDS = frozenset(
    {
        "a", "an", "the", "in", "on", "at", "of", "to", "for", "from", "by", "with", "as",
        "and", "but", "or", "so", "if", "into", "onto", "over", "under", "this", "that",
        "these", "those", "our", "your", "their", "its",
    }
)  # fmt: skip
"""Words that open a sentence with a capital and are never part of a name."""
_CONTRACTIONS = ("n't", "n’t", "'re", "’re", "'ll", "’ll", "'ve", "’ve", "'d", "’d", "'m", "’m")
_VERB_AFTER = re.compile(
    r"\s+(?:is|was|has|had|says|said|wants|thinks|told|tweeted|scored|carries|loves|hates"
    r"|looks|gets|got|just|will|would|should|can|could|did|does)\b(?!\s+(?:a|an|the)\b)"
    r"|\s+(?:spent|began|begins|started|shouted|whispered|replied|answered|joined|worked|wrote"
    r"|lived|died|married|studied|graduated|became|smiled|laughed|cried|yelled|sang|spoke"
    r"|retired)\b"
)
_SPEAKER = re.compile(r":(?:\s|[\"“])")
_SPEAKER_CLASSES = frozenset({Cls.UNKNOWN, Cls.FIRST, Cls.WEAK_FIRST, Cls.LAST})
_NAMED = re.compile(
    r"(?i:\b(?:my|his|her|their|your|the)\s+(?:(?:first|last|given|family|maiden|middle|nick)"
    r"\s*)?name(?:\s+is|\s+was|'s|\s*:|\s*\?)|\b(?:(?:people|everyone|they|friends)\s+)?"
    r"(?:call|calls|called)\s+me|\bi\s+go\s+by)\s+(?P<name>[^\W\d_][\w'’-]*"
    r"(?:\s+[^\W\d_]\.?(?=\s))?(?:\s+[^\W\d_][\w'’-]*)?)"
)
"""'my name is ...', 'her maiden name is ...', 'everyone calls me ...': a name follows, in
any case and whatever the word lists say about it."""
_NOT_AFTER_NAMED = frozenset(
    [
        "a",
        "an",
        "the",
        "not",
        "is",
        "was",
        "and",
        "or",
        "but",
        "at",
        "on",
        "in",
        "to",
        "for",
        "of",
        "it",
        "that",
        "this",
        "so",
        "just",
        "me",
        "you",
        "him",
        "her",
        "my",
        "your",
        "we",
        "they",
        "no",
        "yes",
        "what",
        "who",
        "when",
        "now",
        "later",
        "back",
        "soon",
        "tomorrow",
        "today",
        "tonight",
        "again",
    ]
)
_VOCATIVE = re.compile(
    r",\s+(?:can|could|would|will|do|did|are|have|please|thanks|thank|i|we|you|let's|let)\b"
)
COMMON_SURNAME = 3000
"""Eponyms that are also this common as surnames (Baker, Wells, Graves) are blocked only in an
eponym context ("Wells score", "Graves' disease"), not everywhere."""


class PersonNameRecognizer(Recognizer):
    rule = "phi-name"

    def find(self, doc: Doc) -> Iterator[Span]:
        tokens = doc.tokens
        classes = [classify(t, doc) for t in tokens]
        spans = []
        for run in _runs(doc, tokens, classes):
            span = self._score(doc, run)
            if span is not None:
                spans.append(span)
        yield from spans
        covered = _covered(doc, spans)
        yield from self._echoes(doc, classes, spans, covered)
        yield from self._named(doc)
        yield from self._lists(doc, classes, covered)

    def _echoes(
        self,
        doc: Doc,
        classes: Sequence[Cls],
        spans: Sequence[Span],
        covered: dict[int, float],
    ) -> Iterator[Span]:
        """A word of a confident name is a name wherever else it appears ('Asya Godina' ...
        'Asya'), and so is a capitalised word that opens a line as a speaker ('Ubul: hi')."""
        known = {
            doc.tokens[index].core
            for index, score in covered.items()
            if score >= ECHO_SCORE and len(doc.tokens[index].core) > 2
        }
        for index, (token, cls) in enumerate(zip(doc.tokens, classes, strict=True)):
            if index in covered or cls not in NAMEISH:
                continue
            if token.core in known and not token.text.islower():
                why = "the same name as elsewhere in this text"
            elif (
                cls in _SPEAKER_CLASSES
                and _SPEAKER.match(doc.text, token.end)
                and _line_start(doc, token)
            ):
                why = "a capitalised word opening a line as a speaker ('Name: ...')"
            elif (
                cls in _SPEAKER_CLASSES
                and not token.text.islower()
                and doc.sentence_initial(token.start)
                and _VOCATIVE.match(doc.text, token.end)
            ):
                why = "a name addressed at the start of a sentence ('Kuba, can I ...')"
            else:
                continue
            end = token.end - (2 if token.possessive else 0)
            yield Span(token.start, end, "NAME", Category.PHI, Severity.MEDIUM, 0.7, self.rule, why)

    def _lists(self, doc: Doc, classes: Sequence[Cls], covered: dict[int, float]) -> Iterator[Span]:
        """In a list of single words ('Kónya, Becker and Vasquez') where most are names, the
        others are names too."""
        for items in _word_lists(doc):
            found = [i in covered for i in items]
            if sum(found) * 2 < len(items) or all(found):
                continue
            for index, known in zip(items, found, strict=True):
                token = doc.tokens[index]
                if known or classes[index] is Cls.BLOCK or len(token.core) < 3:
                    continue
                if _after_a_capitalised_word(doc, token) or _after_the(doc, token):
                    continue
                if not (
                    (token.text[0].isupper() and _NAME_SHAPE.match(token.text)) or doc.letters_lower
                ):
                    continue
                if classes[index] is Cls.WORD and (
                    doc.sentence_initial(token.start) or not doc.letters_lower
                ):
                    continue
                end = token.end - (2 if token.possessive else 0)
                why = "in a list of names ('Kónya, Becker and Vasquez')"
                yield Span(
                    token.start, end, "NAME", Category.PHI, Severity.MEDIUM, 0.6, self.rule, why
                )

    def _named(self, doc: Doc) -> Iterator[Span]:
        for match in scan(_NAMED, doc.text):
            words = match.group("name").split()
            while words and words[-1].lower().strip(".") in _NOT_AFTER_NAMED:
                words.pop()
            if not words or words[0].lower() in _NOT_AFTER_NAMED:
                continue
            if classify_text(words[0], doc) is Cls.BLOCK:
                continue
            start = match.start("name")
            end = start + len(" ".join(words))
            if doc.text[start:end] != " ".join(words):
                end = start + len(words[0])
            why = "a name after 'my name is', 'maiden name is' or 'call me'"
            yield Span(start, end, "NAME", Category.PHI, Severity.MEDIUM, 0.85, self.rule, why)

    def _score(self, doc: Doc, run: Run) -> Span | None:
        doubtful = False
        if not run.titled:
            if _eponym_context(doc, run) or _FACILITY_AFTER.match(doc.text, run.tokens[-1].end):
                return None  # 'Wells score'; 'Ty Coch Nursing Home' (the facility recognizer's)
            place = _named_place(doc, run)
            if place is not None:
                return place
            doubtful = _not_a_person(doc, run)
        for rule in RUN_RULES:
            if rule.test(run) and rule.score >= MIN_SCORE:
                start = run.tokens[0].start
                last = run.tokens[-1]
                end = last.end - (2 if last.possessive else 0)
                if run.classes[-1] is Cls.INITIAL and doc.text[end : end + 1] == ".":
                    end += 1
                if not run.titled and _a_place(doc, run):
                    return Span(
                        start, end, "LOCATION", Category.PHI, Severity.LOW, rule.score,
                        "phi-place", _PLACE_WHY,
                    )  # fmt: skip
                if doubtful:
                    why = f"{rule.why}, though the words around it also fit a thing's name"
                    return Span(
                        start, end, "NAME", Category.PHI, Severity.MEDIUM, 0.5, self.rule, why,
                        needs_patient=True,
                    )  # fmt: skip
                return Span(
                    start,
                    end,
                    "NAME",
                    Category.PHI,
                    Severity.MEDIUM,
                    rule.score,
                    self.rule,
                    rule.why,
                )
        return None


_NUMBERED = re.compile(r"-\d")
"""A word followed by a version number ('Bayley-4')."""


def _named_place(doc: Doc, run: Run) -> Span | None:
    """Capitalised words that name a place, not a person: a town of the gazetteer in two or
    more words ('Tai Po'), a saint ('St Luke's'), words ending in an organisation's word
    ('Calder Eye Centre')."""
    start, end = run.tokens[0].start, run.tokens[-1].end
    saint = _SAINT.search(doc.text, max(0, start - 7), start)
    if _a_town(doc, run):
        rule, why = "phi-place", "capitalised words that are a town in the gazetteer"
    elif saint is not None:
        start, rule = saint.start(), "phi-facility"
        why = "a saint's name ('St Luke's'): a hospital, church or school, not a person"
    elif len(run.tokens) >= 2 and run.tokens[-1].core in _ORGANISATION_WORDS:
        rule = "phi-facility"
        why = "capitalised words ending in 'Centre', 'Clinic', 'Trust' ...: a named facility"
    else:
        return None
    return Span(start, end, "LOCATION", Category.PHI, Severity.LOW, 0.8, rule, why)


def _not_a_person(doc: Doc, run: Run) -> bool:
    """Capitalised words that name a thing, not a person: an unknown word in an all-caps text
    (an acronym as likely as a name), a word numbered like a tool or a level ('Bayley-4'), an
    ordinary word after a capitalised ordinary word in mid-sentence (the 'Town Hall', 'Health
    Link', the 'Wellbeing Hub')."""
    if doc.letters_upper and set(run.classes) <= _WEAK_OR_UNKNOWN:
        return True
    if len(run.tokens) > 1:
        return False
    token = run.tokens[0]
    if token.core in _lex()["words"] and _after_the(doc, token):
        return True  # 'the Wellbeing Hub', 'at the Town Hall'
    return bool(_NUMBERED.match(doc.text, token.end)) or _after_a_capitalised_word(doc, token)


_WEAK_OR_UNKNOWN = frozenset({Cls.UNKNOWN, Cls.INITIAL, Cls.WEAK_LAST, Cls.WEAK_FIRST})


def _after_the(doc: Doc, token: Token) -> bool:
    """'the', then at most three capitalised words, right before *token*."""
    return _THE.search(doc.text, max(0, token.start - 80), token.start) is not None


_FACILITY_AFTER = re.compile(
    r"\s+(?i:nursing home|care home|residential home|hospital|clinic|medical cent(?:re|er)"
    r"|health cent(?:re|er)|surgery|hospice|infirmary|primary school|primary|high school|school"
    r"|academy|college|university|prison|barracks)\b"
)
"""A facility word right after the run: the words name the facility, not a person."""


def _a_town(doc: Doc, run: Run) -> bool:
    """The run is exactly a town or city of the gazetteer (which leaves out English words,
    given names and common surnames), in two or more words ('Tai Po')."""
    if len(run.tokens) == 1:
        return False  # a lone word is a place only after 'from', 'in' ... (_a_place)
    span = (run.tokens[0].start, run.tokens[-1].end - (2 if run.tokens[-1].possessive else 0))
    return any((start, end) == span for start, end, _ in doc.phrases("towns")) or any(
        (start, end) == span for start, end, _ in doc.phrases("cities")
    )


_SAINT = re.compile(r"(?<![\w-])(?-i:St|ST|Ste|Saint|SAINT|San|Santa|São|Sao)\.? $")
_GREETING_WORDS = frozenset(
    [
        "birthday",
        "christmas",
        "anniversary",
        "morning",
        "afternoon",
        "evening",
        "night",
        "congratulations",
        "congrats",
        "thanks",
        "cheers",
        "welcome",
        "bye",
        "goodbye",
        "go",
        "come",
        "love",
    ]
)
"""Words of a greeting before a name ('Happy Birthday Jay'): the name stays a name."""
_THE = re.compile(r"\b(?i:the) (?:[A-Z][\w'’-]* ){0,3}$")


_ORGANISATION_WORDS = frozenset(
    [
        "centre",
        "center",
        "hub",
        "clinic",
        "practice",
        "surgery",
        "trust",
        "foundation",
        "institute",
        "academy",
        "school",
        "college",
        "university",
        "campus",
        "library",
        "pharmacy",
        "hospital",
        "hospice",
        "infirmary",
        "unit",
        "ward",
        "service",
        "services",
        "team",
        "network",
        "partnership",
        "society",
        "association",
        "charity",
        "programme",
        "program",
    ]
)
"""The last word of an organisation's name (surnames such as Hall or House are left out)."""


def _after_a_capitalised_word(doc: Doc, token: Token) -> bool:
    if token.core not in _lex()["words"] or token.start < 2:
        return False
    before = doc.text[: token.start - 1]
    if doc.text[token.start - 1] != " " or not before or not before[-1].isalpha():
        return False
    previous = before.rsplit(None, 1)[-1]
    start = token.start - 1 - len(previous)
    return (
        previous[0].isupper()
        and not previous.isupper()
        and fold(previous) in _lex()["words"]
        and fold(previous) not in _lex()["titles"]
        and fold(previous) not in _GREETING_WORDS
        and not doc.sentence_initial(start)
    )


_PLACE_WHY = (
    "a name after 'from', 'in' or 'near', or ending in a street's or landform's word: a place"
)
_PLACE_BEFORE = re.compile(r"(?:\b(?:from|near|outside|past|around|in|at|fae|frae)\s+)\Z")
_PLACE_LAST = frozenset(
    [
        "ave",
        "avenue",
        "st",
        "street",
        "rd",
        "road",
        "lane",
        "drive",
        "creek",
        "lake",
        "hill",
        "hills",
        "park",
        "heights",
        "valley",
        "bay",
        "beach",
        "falls",
        "springs",
        "ridge",
        "junction",
        "crossing",
        "harbour",
        "harbor",
        "port",
        "suite",
        "halls",
        "estate",
    ]
)


def _a_place(doc: Doc, run: Run) -> bool:
    """'from Clapham', 'out past Broken Hill', 'Maple Ave': a place written like a name. A
    run after 'from', 'in', 'near' … whose first word is no given name, or whose last word is
    a street's or a landform's, is left to the place recognizers."""
    start, end = run.tokens[0].start, run.tokens[-1].end
    last = doc.text[run.tokens[-1].start : end].lower().rstrip(".")
    if len(run.tokens) > 1 and last in _PLACE_LAST:
        return True
    if _PLACE_BEFORE.search(doc.text, max(0, start - 12), start) is None:
        return False
    first = run.tokens[0].core
    return first not in given_names()


@cache
def given_names() -> frozenset[str]:
    """Every given name the package knows: census, modern and world lists."""
    return (
        frozenset(_lexicon.ranked("first_names"))
        | _lexicon.words("modern_first_names")
        | _lexicon.words("world_given_names")
    )


def _covered(doc: Doc, spans: Sequence[Span]) -> dict[int, float]:
    """Index of every token inside a name span -> the best score of a span covering it."""
    starts = [t.start for t in doc.tokens]
    covered: dict[int, float] = {}
    for span in spans:
        index = bisect_left(starts, span.start)
        while index < len(starts) and starts[index] < span.end:
            covered[index] = max(covered.get(index, 0.0), span.score)
            index += 1
    return covered


_LIST_GAP = re.compile(r"\s*,\s*(?:(?:and|&|or)\s+)?|\s+(?:and|&|or)\s+")


def _word_lists(doc: Doc) -> Iterator[list[int]]:
    """Indexes of the tokens of each list of two or more single words joined by commas and
    a final 'and' / '&' / 'or'."""
    tokens = doc.tokens
    items: list[int] = []
    for index in range(len(tokens)):
        if items and _LIST_GAP.fullmatch(doc.text[tokens[index - 1].end : tokens[index].start]):
            items.append(index)
            continue
        if len(items) >= 2:
            yield items
        items = [index]
    if len(items) >= 2:
        yield items


def _line_start(doc: Doc, token: Token) -> bool:
    before = doc.text[max(0, token.start - 3) : token.start]
    return token.start == 0 or "\n" in before or (before.strip(" >\t") == "" and token.start < 3)


def _eponym_context(doc: Doc, run: Run) -> bool:
    """'Wells score', 'Wilson's disease', 'Parkinson's': an eponym, not a person."""
    lex = _lex()
    last = run.tokens[-1]
    following = _next_word(doc, last.end)
    if following in lex["eponym_suffix"]:
        return True
    if following.endswith("ions") and following[:-1] in lex["eponym_suffix"]:
        return True  # 'classifications' (not 'scores', 'tests': verbs too)
    listed = _LISTED_EPONYM.match(doc.text, last.end)
    if listed is not None and _eponym_word(listed.group(1).lower(), lex["eponym_suffix"]):
        return True  # 'the Fontaine and Rutherford classifications'
    if _IDIOM.search(doc.text, max(0, run.tokens[0].start - 4), last.end + 8):
        return True
    return last.possessive and last.core in lex["eponyms"]


_LISTED_EPONYM = re.compile(r"(?:'s|’s)?\s+(?:and|or|&)\s+[A-Z][\w'’-]*\s+([a-z]+)")
"""A name listed before another name and an eponym's word ('Rinne and Weber tests')."""
_IDIOM = re.compile(r"\bfor (?:Pete|Pete's|Christ|God|Heaven|goodness)(?:'s|’s)? sake\b", re.I)


def _eponym_word(word: str, suffixes: frozenset[str]) -> bool:
    """'test', 'tests', 'classification(s)': the word after an eponym, singular or plural."""
    return word in suffixes or (word.endswith("s") and word[:-1] in suffixes)


def _next_word(doc: Doc, end: int) -> str:
    match = re.match(r"(?:'s|’s)?\W{0,3}([^\W\d_]+)", doc.text[end : end + 40])
    return match.group(1).lower() if match else ""


def _runs(doc: Doc, tokens: Sequence[Token], classes: Sequence[Cls]) -> Iterator[Run]:
    lex = _lex()
    index = 0
    while index < len(tokens):
        if classes[index] not in NAMEISH:
            index += 1
            continue
        stop = index + 1
        while stop < len(tokens) and stop - index < 4 and _joins(doc, tokens, classes, stop):
            stop += 1
        begin = index
        while stop - begin >= 2 and (
            _leading_word(classes[begin], classes[begin + 1])
            or (
                classes[begin] in _WEAK
                and doc.sentence_initial(tokens[begin].start)
                and not (begin > 0 and tokens[begin - 1].core in lex["titles"])
            )
        ):
            begin += 1
        yield _make_run(doc, tokens, classes, begin, stop, lex["titles"])
        index = stop


def _leading_word(first: Cls, second: Cls) -> bool:
    """'Call Jennifer Smith': a word that is also a surname, before a given name, is a word."""
    return first in (Cls.WEAK_LAST, Cls.UNKNOWN) and second in (Cls.FIRST, Cls.WEAK_FIRST)


def _joins(doc: Doc, tokens: Sequence[Token], classes: Sequence[Cls], index: int) -> bool:
    prev = tokens[index - 1]
    if prev.possessive:
        return False
    gap = doc.text[prev.end : tokens[index].start]
    if not _GAP.match(gap):
        return False
    if gap.strip() == "." and classes[index - 1] is not Cls.INITIAL:
        return False
    return classes[index] in NAMEISH or (
        tokens[index].core in _PARTICLES
        and index + 1 < len(tokens)
        and classes[index + 1] in NAMEISH
    )


def _make_run(
    doc: Doc,
    tokens: Sequence[Token],
    classes: Sequence[Cls],
    start: int,
    stop: int,
    titles: frozenset[str],
) -> Run:
    first = tokens[start]
    titled = (
        start > 0 and tokens[start - 1].core in titles and _title_gap(doc, tokens[start - 1], first)
    )
    before = doc.text[max(0, first.start - 20) : first.start]
    return Run(
        tokens=tuple(tokens[start:stop]),
        classes=tuple(classes[start:stop]),
        titled=titled
        and (
            tokens[start - 1].text[0].isupper()
            or (
                tokens[start - 1].core in _LOWERCASE_TITLES
                and first.text[0].isupper()
                and doc.text[tokens[start - 1].end : first.start] == " "
            )
        ),
        cued=_CUE.search(before) is not None,
        sentence_initial=doc.sentence_initial(first.start),
        subject=_VERB_AFTER.match(doc.text, tokens[stop - 1].end) is not None,
    )


_LOWERCASE_TITLES = frozenset(
    [
        "baby",
        "nana",
        "nan",
        "nanna",
        "gran",
        "granny",
        "grandma",
        "grandpa",
        "grandad",
        "granddad",
        "nonna",
        "nonno",
        "uncle",
        "aunt",
        "auntie",
        "aunty",
    ]
)
"""Titles written in lower case before a capitalised name ('baby Zara', 'nana Rose')."""


def _title_gap(doc: Doc, title: Token, name: Token) -> bool:
    return bool(re.fullmatch(r"\.?\s+", doc.text[title.end : name.start]))
