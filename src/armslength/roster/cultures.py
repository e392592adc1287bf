"""Names written family name first: known family names per culture and their shares.

Vietnamese, Chinese, Korean, Japanese and Hungarian names are often shown family
name first ("Nguyễn Thị Lan", "Li Xiaoming", "Nagy László"). Whether a display
name is read that way is decided from its words: a first word that is a known
family name of one of these cultures (``data/family_names.txt``, with sources)
makes the family-first reading about as likely as the given-first one. The same
table gives each name's share within its culture (Nguyễn about 38 % of the
Vietnamese), so a roster's few Nguyễns are not taken as rare, and other
romanisations of one name (Lee, Yi, Rhee). ``data/middle_names.txt`` lists the
Vietnamese middle names (Văn, Thị) that a display name often leaves out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from armslength.roster.names import normalize_name

__all__ = ["FamilyName", "family_name", "joined", "middle_name_sex", "romanisations"]


@dataclass(frozen=True)
class FamilyName:
    """A known family-first family name: culture code, share in that culture, canonical form."""

    culture: str
    share: float
    canonical: str


def _data_lines(name: str) -> list[list[str]]:
    text = resources.files("armslength.roster").joinpath(f"data/{name}").read_text("utf-8")
    return [line.split() for line in text.splitlines() if line.strip() and line[0] != "#"]


@lru_cache(maxsize=1)
def _families() -> tuple[dict[str, FamilyName], dict[str, frozenset[str]]]:
    table: dict[str, FamilyName] = {}
    groups: dict[str, frozenset[str]] = {}
    for culture, share, *rest in _data_lines("family_names.txt"):
        written, _, variants = " ".join(rest).partition("=")
        canonical = normalize_name(written)
        group = frozenset({canonical, *(normalize_name(v) for v in variants.split())})
        entry = FamilyName(culture, float(share), canonical)
        for form in group:
            table.setdefault(form, entry)
            groups[form] = groups.get(form, frozenset()) | group
    return table, groups


@lru_cache(maxsize=1)
def _middles() -> dict[str, str]:
    return {normalize_name(word): sex for word, sex in _data_lines("middle_names.txt")}


def family_name(word: str) -> FamilyName | None:
    """The table entry of a folded family name (``"nguyen"``), or None."""
    return _families()[0].get(word)


def romanisations(word: str) -> frozenset[str]:
    """Other romanisations of a known family name (``"lee"`` → yi, rhee, li …), itself left out."""
    return _families()[1].get(word, frozenset()) - {word}


def middle_name_sex(word: str) -> str | None:
    """``"thi"`` → ``"f"``, ``"van"`` → ``"m"``; None for any other word."""
    return _middles().get(word)


def joined(words: list[str] | tuple[str, ...]) -> str:
    """One key however a given name is spaced or hyphenated: Xiao Ming, Xiao-Ming → xiaoming."""
    return "".join(words).replace("-", "")
