"""Name normalisation: small, separately tested functions.

Everything here turns free text (a roster cell, a social-media display name, a
handle) into lowercase ASCII tokens that can be compared. Nothing is stored.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import jellyfish
from anyascii import anyascii
from nicknames import NickNamer

if TYPE_CHECKING:
    from armslength.model import Patient

MAX_NAME_CHARS = 256
"""Longer input is cut: no real name is that long and it bounds the work per name."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLES = _words(
    "dr doctor mr mrs ms miss mx prof professor rev reverend sir dame lord lady fr father "
    "sr sister br brother coach nurse capt captain col sgt lt pastor rabbi imam hon judge"
)
SUFFIXES = _words(
    "jr jnr snr sr ii iii iv v md do dds dmd phd rn np pa lpn bsn msn mba esq cpa frcp mrcgp "
    "frcs mbbs mbchb bsc msc ma ba facs dnp crna aprn pharmd psyd lcsw obe mbe cbe dpm od"
)
PARTICLES = _words("van der den de la le von da di del du st bin al el ben mac dos das")
DESCRIPTORS = _words(
    "mom mum mommy mummy mama dad daddy papa mother father wife husband grandma grandpa nana "
    "realtor official fan lover photography photographer author writer artist coach life "
    "blessed proud shop store page team fitness travel music art design studio llc inc "
    "of the and"
)
PRONOUNS = re.compile(
    r"[\(\[]?\b(she|he|they|ze|xe)\s*/\s*(her|him|them|hers|his|theirs|zir|xem)"
    r"(\s*/\s*\w+)?\b[\)\]]?",
    re.IGNORECASE,
)
_DROP_CATEGORIES = frozenset({"So", "Sk", "Sm", "Cf", "Co", "Cs", "Cn", "Cc"})
_KEEP = frozenset("|")
"""Symbols kept because they separate a name from a descriptor (``Ana Quill, RN | Nurse``)."""
_TOKEN = re.compile(r"[a-z]+(?:-[a-z]+)*")
_PAREN = re.compile(r"[\(\[\{]([^\)\]\}]*)[\)\]\}]")
_SEGMENT = re.compile(r"\s+[|•·–—-]\s+|\s*[|•·]\s*")
_HANDLE_SPLIT = re.compile(r"[._\-\d]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WIDE_SCRIPTS = ("CJK", "HANGUL", "HIRAGANA", "KATAKANA")


def strip_decoration(text: str) -> str:
    """Drop emoji, symbols, flags, joiners and control characters; fold styled letters (NFKC)."""
    text = unicodedata.normalize("NFKC", text[: MAX_NAME_CHARS * 4])
    return "".join(
        " " if unicodedata.category(ch) in _DROP_CATEGORIES and ch not in _KEEP else ch
        for ch in text
    )


def _is_wide(ch: str) -> bool:
    return ord(ch) > 0x2E7F and unicodedata.name(ch, "").startswith(_WIDE_SCRIPTS)


def transliterate(text: str) -> str:
    """Any script to ASCII (anyascii, ISC); CJK characters become separate syllables."""
    if text.isascii():
        return text
    return "".join(f" {anyascii(ch)} " if _is_wide(ch) else anyascii(ch) for ch in text)


def fold(text: str) -> str:
    """Decoration stripped, transliterated, lowercased; punctuation kept."""
    return transliterate(strip_decoration(text)).lower()[:MAX_NAME_CHARS]


def tokens(text: str) -> list[str]:
    """Lowercase ASCII word tokens (hyphenated words stay whole; apostrophes vanish)."""
    return _TOKEN.findall(fold(text).replace("'", "").replace("’", ""))


def strip_titles(words: list[str]) -> list[str]:
    """Remove leading titles (Dr, Mrs …) and trailing suffixes/credentials (Jr, MD, RN …)."""
    start, end = 0, len(words)
    while start < end and words[start] in TITLES:
        start += 1
    while end > start and words[end - 1] in SUFFIXES and not _name_not_suffix(words, start, end):
        end -= 1
    return words[start:end]


def _name_not_suffix(words: list[str], start: int, end: int) -> bool:
    """A last word that reads as a credential but is the family name: the only word
    (a roster's family "Ma"), or a known family-first name after one word ("Weina Ma",
    "Minh Do" for Đỗ)."""
    if end - start == 1:
        return True
    from armslength.roster.cultures import family_name

    return end - start == 2 and family_name(words[end - 1]) is not None


def normalize_name(text: str) -> str:
    """Canonical comparable form: ``"Dr. Zoë O'Brien-Smith, MD 🌸"`` → ``"zoe obrien-smith"``."""
    return " ".join(strip_titles(tokens(text)))


def split_parenthesised(text: str) -> tuple[str, list[str]]:
    """``"Jane Roe (Brown)"`` → (``"Jane Roe"``, [``"Brown"``]); pronouns are dropped."""
    text = PRONOUNS.sub(" ", text)
    inner = [m.strip() for m in _PAREN.findall(text) if m.strip()]
    return _PAREN.sub(" ", text), inner


def surname_parts(family: str) -> list[str]:
    """Components of a double-barrelled or particle surname, particles left out."""
    parts = [p for p in re.split(r"[\s-]+", family) if p]
    return [p for p in parts if p not in PARTICLES] if len(parts) > 1 else []


def join_surname(family: str) -> str:
    """One key however a surname is spaced or hyphenated: ``"van der berg"`` → ``"vanderberg"``."""
    return re.sub(r"[\s-]+", "", family)


def is_initial(token: str) -> bool:
    return len(token) == 1


def looks_like_handle(text: str) -> bool:
    """A single word with dots, underscores, digits or camelCase, such as ``jon.smyth``."""
    text = text.strip().lstrip("@")
    if not text or " " in text:
        return False
    return bool(re.search(r"[._\d]", text) or _CAMEL.search(text))


def split_handle(text: str) -> list[str]:
    """``"jon.smyth"`` → [jon, smyth]; ``"JaneDoe84"`` → [jane, doe]; ``"janedoe"`` → [janedoe]."""
    raw = _CAMEL.sub(".", strip_decoration(text.strip().lstrip("@")))
    return [t for w in _HANDLE_SPLIT.split(raw) if w for t in tokens(w)]


def split_concatenated(word: str, known: Container[str]) -> list[tuple[str, str]]:
    """Ways to cut ``"janedoe"`` into two names where the first part is a known given name."""
    return [(word[:k], word[k:]) for k in range(2, len(word) - 1) if word[:k] in known]


def phonetic_key(name: str) -> str:
    """Metaphone of an ASCII name (empty for empty input)."""
    letters = re.sub(r"[^a-z]", "", name)
    return str(jellyfish.metaphone(letters)) if letters else ""


def is_typo(a: str, b: str) -> bool:
    """One edit apart (two for names of 8+ letters), transpositions counting as one."""
    if a == b or not a or not b:
        return False
    limit = 2 if min(len(a), len(b)) >= 8 else 1
    if abs(len(a) - len(b)) > limit:
        return False
    return int(jellyfish.damerau_levenshtein_distance(a, b)) <= limit


def deletions(word: str) -> set[str]:
    """The word and every form with one letter deleted (symmetric-delete typo index)."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=1)
def _namer() -> NickNamer:
    return NickNamer()


_Table = dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def _maintainers_list() -> tuple[_Table, _Table]:
    """The maintainers' supplementary table (``data/nicknames.txt``): short forms the
    ``nicknames`` package lacks. Returns (canonicals by short form, short forms by canonical)."""
    text = resources.files("armslength.roster").joinpath("data/nicknames.txt").read_text("utf-8")
    canonicals: defaultdict[str, set[str]] = defaultdict(set)
    shorts: defaultdict[str, set[str]] = defaultdict(set)
    for line in text.splitlines():
        canonical, sep, forms = line.split("#", 1)[0].partition(":")
        if not sep:
            continue
        canonical = canonical.strip().lower()
        for form in forms.lower().split():
            canonicals[form].add(canonical)
            shorts[canonical].add(form)
    return (
        {k: frozenset(v) for k, v in canonicals.items()},
        {k: frozenset(v) for k, v in shorts.items()},
    )


@lru_cache(maxsize=65536)
def nickname_group(name: str) -> frozenset[str]:
    """The name with every canonical name it may be a nickname of (many-to-many table):
    the ``nicknames`` package and the maintainers' list together."""
    if not name or not name.isalpha():
        return frozenset({name})
    extra = _maintainers_list()[0].get(name, frozenset())
    return frozenset({name, *extra, *(c.lower() for c in _namer().canonicals_of(name))})


@lru_cache(maxsize=65536)
def nicknames_of(name: str) -> frozenset[str]:
    """Known nicknames of a (canonical) given name: robert → bob, rob, bobby …"""
    if not name or not name.isalpha():
        return frozenset()
    extra = _maintainers_list()[1].get(name, frozenset())
    return frozenset({*extra, *(n.lower() for n in _namer().nicknames_of(name))})


def are_nicknames(a: str, b: str) -> bool:
    """True when two different given names share a canonical name (Bob and Robert)."""
    return a != b and bool(nickname_group(a) & nickname_group(b))


@dataclass(frozen=True)
class DisplayName:
    """A display name taken apart: ordered name words plus other names in parentheses."""

    words: tuple[str, ...]
    others: tuple[str, ...] = ()
    surname_first: bool = False
    handle: bool = False


def _segment_score(words: list[str]) -> tuple[int, int]:
    clean = [w for w in words if w not in DESCRIPTORS]
    penalty = len(words) - len(clean)
    return (int(2 <= len(clean) <= 4) - penalty, -abs(len(clean) - 2))


def _best_segment(text: str) -> str:
    """The part between separators (``|``, ``•``, `` - `` …) that looks most like a name."""
    segments = [s for s in _SEGMENT.split(text) if strip_titles(tokens(s))]
    if not segments:
        return ""
    return max(segments, key=lambda s: _segment_score(strip_titles(tokens(s))))


def _comma_swap(text: str) -> tuple[str, bool]:
    """``"Smith, Jane"`` → (``"jane Smith"``, True); ``"Jane Smith, RN"`` is left alone.

    Applied to one segment, so ``"Smith, Jane • dog mum"`` swaps only ``"Smith, Jane"``;
    credentials after the given name (``"Smith, Jane, RN"``) are dropped first."""
    head, sep, tail = text.partition(",")
    tail_words = strip_titles(tokens(tail))
    if not sep or not tail_words:
        return text.replace(",", " "), False
    if len(tokens(head)) == 1:
        return f"{' '.join(tail_words)} {head}", True
    return text.replace(",", " "), False


def parse_display_name(text: str) -> DisplayName:
    """Take a social-media display name or handle apart into name words."""
    text = text[: MAX_NAME_CHARS * 4]
    if looks_like_handle(text):
        return DisplayName(tuple(split_handle(text)), handle=True)
    main, inner = split_parenthesised(strip_decoration(text))
    segment, swapped = _comma_swap(_best_segment(main))
    short = len(main.split()) <= 2
    words = [w for w in strip_titles(tokens(segment)) if w not in DESCRIPTORS or short]
    others = tuple(w for part in inner for w in strip_titles(tokens(part)) if len(w) > 1)
    return DisplayName(tuple(words), others, surname_first=swapped)


def name_variants(patient: Patient) -> set[str]:
    """Normalised full-name forms of a patient, nickname forms of the given name included.

    ``Robert Smith (other name Jones)`` → {robert smith, bob smith, rob smith, …, robert jones}.
    Only whole names are returned (never a lone given or family name).
    """
    givens = {normalize_name(g) for g in (patient.given, *patient.nicknames) if g}
    givens = {g for g in givens if g}
    firsts = {g.split()[0] for g in givens}
    givens |= {n for f in firsts for n in nicknames_of(f)}
    families = {normalize_name(f) for f in (patient.family, *patient.other_names) if f}
    families = {f for f in families if f}
    out = {f"{g} {f}" for g in givens for f in families}
    if patient.full_name and normalize_name(patient.full_name):
        out.add(normalize_name(patient.full_name))
    return out
