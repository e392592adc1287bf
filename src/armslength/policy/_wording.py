"""How advice is worded for a jurisdiction: its terms, its spelling, and the verdict headlines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from armslength._yaml import YamlDocument
from armslength.errors import PolicyError
from armslength.model import Jurisdiction, Kind, Verdict

PLACEHOLDER = re.compile(r"\{(\w+)\}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class JurisdictionProfile(_Strict):
    name: str
    spelling: str
    emergency: str
    terms: dict[str, str]


class Profiles(_Strict):
    jurisdictions: dict[Jurisdiction, JurisdictionProfile]
    spellings: dict[str, dict[str, str]]


class Headline(_Strict):
    reply: str
    plain: str


def _read(name: str) -> YamlDocument:
    path = resources.files("armslength.policy").joinpath(f"data/{name}")
    return YamlDocument.builtin(path.read_text(encoding="utf-8"), f"<builtin>/{name}")


@cache
def profiles() -> Profiles:
    return _read("profiles.yaml").validate(Profiles)


class Headlines(_Strict):
    """verdicts.yaml: per verdict, a headline per kind of interaction (``default`` for others)."""

    decline: dict[str, Headline]
    review: dict[str, Headline]
    accept: dict[str, Headline]

    def line(self, verdict: Verdict, kind: Kind) -> Headline:
        lines: dict[str, Headline] = getattr(self, verdict.value)
        return lines.get(kind.value, lines["default"])


@cache
def headlines() -> Headlines:
    return _read("verdicts.yaml").validate(Headlines)


def headline(verdict: Verdict, kind: Kind, has_reply: bool) -> str:
    """The first line of an answer: what to do, in plain words."""
    line = headlines().line(verdict, kind)
    return line.reply if has_reply else line.plain


@dataclass(frozen=True)
class Wording:
    """Rule text as a clinician in one jurisdiction reads it."""

    profile: JurisdictionProfile
    spelling: dict[str, str]

    @classmethod
    def of(cls, jurisdiction: Jurisdiction) -> Wording:
        return _wording(jurisdiction)

    def __call__(self, text: str) -> str:
        text = PLACEHOLDER.sub(lambda m: self.term(m.group(1)), text)
        if not self.spelling:
            return text
        return re.sub(r"\b[A-Za-z]+\b", self._respell, text)

    def term(self, name: str) -> str:
        if name not in self.profile.terms:
            raise PolicyError(
                f"no term '{name}' for {self.profile.name}",
                path="<builtin>/profiles.yaml",
                field="terms",
            )
        return self.profile.terms[name]

    def _respell(self, match: re.Match[str]) -> str:
        word = match.group(0)
        swapped = self.spelling.get(word.lower())
        if swapped is None:
            return word
        return swapped.capitalize() if word[0].isupper() else swapped


@cache
def _wording(jurisdiction: Jurisdiction) -> Wording:
    book = profiles()
    profile = book.jurisdictions[jurisdiction]
    return Wording(profile, book.spellings[profile.spelling])
