"""The text being screened, with lazily computed views shared by all recognizers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from armslength import _lexicon
from armslength.model import Category, ContentKind, Severity

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_ACRONYM = re.compile(r"(?<![\w&])[A-Z][A-Z&]{1,5}(?![\w&])")
_GAP = re.compile(r"[\s.&/+]{1,3}")
_SENTENCE_END = frozenset('.!?\n\r"“”:;|•')


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate finding produced by a recognizer (internal; becomes a ``Finding``)."""

    start: int
    end: int
    label: str | None
    category: Category
    severity: Severity
    score: float
    rule: str
    why: str
    needs_story: bool = False
    """Only reported when the text has another identifier (ages under 90)."""
    sources: tuple[str, ...] = ()
    """Rulebook source ids the finding cites."""
    needs_patient: bool = False
    """Only reported when the text is about a patient (``disclosure``): 'this morning',
    'cot 5', 'Callum, 8,' are a patient's details in a story and nothing in a notice."""


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    core: str
    """The token without a possessive 's, lowercase, diacritics kept."""
    possessive: bool


SENTENCE_ENDS = ".!?\n"


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``text[start:end]``: after the previous sentence
    end (leading spaces skipped) up to and including the next one (a newline excluded)."""
    begin = max(text.rfind(mark, 0, start) for mark in SENTENCE_ENDS) + 1
    while begin < start and text[begin].isspace():
        begin += 1
    ends = [i for i in (text.find(mark, end) for mark in SENTENCE_ENDS) if i >= 0]
    stop = min(ends) + 1 if ends else len(text)
    if text[stop - 1 : stop] == "\n":
        stop -= 1
    return begin, stop


def fold(text: str) -> str:
    """Lowercase and strip diacritics character by character, keeping every offset."""
    if text.isascii():
        return text.lower()
    out = []
    for char in text:
        if char.isascii():
            out.append(char.lower())
            continue
        base = unicodedata.normalize("NFKD", char)[:1].lower()
        out.append(base if len(base) == 1 else char)
    return "".join(out)


@dataclass
class Doc:
    text: str
    kind: ContentKind = ContentKind.POST
    extra: dict[str, object] = field(default_factory=dict)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        out = []
        for match in _TOKEN.finditer(self.text):
            word = match.group()
            possessive = len(word) > 2 and word[-2] in "'’" and word[-1] in "sS"
            core = word[:-2] if possessive else word
            out.append(Token(match.start(), match.end(), word, fold(core), possessive))
        return out

    @cached_property
    def cores(self) -> list[str]:
        return [t.core for t in self.tokens]

    @cached_property
    def letters_upper(self) -> bool:
        """True when the text is written in capitals (ALL CAPS shorthand)."""
        letters = list(filter(str.isalpha, self.text))
        return len(letters) >= 8 and sum(map(str.isupper, letters)) > 0.8 * len(letters)

    @cached_property
    def letters_lower(self) -> bool:
        """True when the text has no capital letters at all."""
        return not any(map(str.isupper, self.text))

    @cached_property
    def care_terms(self) -> list[tuple[int, int, str]]:
        """Clinical-context words and conditions found in the text, in order."""
        found = self.phrases("clinical_context") + self.phrases("clinical.conditions")
        acronyms = _lexicon.words("care_acronyms")
        found += [
            (m.start(), m.end(), m.group().lower())
            for m in _ACRONYM.finditer(self.text)
            if m.group().lower() in acronyms
        ]
        return sorted(found)

    def phrases(self, name: str) -> list[tuple[int, int, str]]:
        """Occurrences of the phrases of ``data/<name>.txt`` (case and accents ignored):
        ``(start, end, phrase)``, matched on words so it costs a few set lookups a word
        (worked out once per text and list; each call gets its own list)."""
        key = f"phrases:{name}"
        found = self.extra.get(key)
        if not isinstance(found, list):
            found = self.extra[key] = self._phrases(name)
        return list(found)

    def _phrases(self, name: str) -> list[tuple[int, int, str]]:
        index, starts = _lexicon.phrase_index(name)
        tokens = self.tokens
        cores = self.cores
        out = []
        for i, word in enumerate(cores):
            if word in index:
                out.append((tokens[i].start, tokens[i].end, word))
            for n in starts.get(word, ()):
                if i + n > len(cores):
                    break
                phrase = " ".join(cores[i : i + n])
                if phrase in index and self._tight(i, n):
                    out.append((tokens[i].start, tokens[i + n - 1].end, phrase))
        return out

    def _tight(self, i: int, n: int) -> bool:
        """Words of a phrase are separated by spaces or a dot, and none has a possessive."""
        tokens = self.tokens
        for a, b in zip(tokens[i : i + n - 1], tokens[i + 1 : i + n], strict=True):
            if a.possessive or not _GAP.fullmatch(self.text[a.end : b.start]):
                return False
        return True

    def sentence_initial(self, start: int) -> bool:
        index = start - 1
        while index >= 0 and self.text[index] in " \t'\"(‘“*-–—":
            index -= 1
        return index < 0 or self.text[index] in _SENTENCE_END

    def window(self, start: int, end: int, before: int = 30, after: int = 0) -> str:
        return self.folded[max(0, start - before) : end + after]
