"""Is this account one of my patients? Fellegi–Sunter scoring with a calibrated posterior.

For a display name the matcher considers a few readings (given-family,
surname-first, handle splits …). For one reading it compares the shown given and
family names with every roster name that could have produced them through a
*channel*: shown exactly, as a nickname, with a typo, by sound, as an initial,
or (for surnames) as one half of a double-barrelled name or a former name. With
``m`` the chance of that channel for the true patient and ``f`` the name's
frequency (from the roster, Good–Turing smoothed), the likelihood ratio of a
patient is ``P(shown | patient's name) / Σ_x f(x)·P(shown | x)``: a rare name
shown exactly is strong evidence, "John Smith" weak. Optional hints (city,
e-mail, phone, birth year) multiply it. The score of patient *j* is the
posterior ``(π/N)·LR_j / ((π/N)·Σ_k LR_k + 1 − π)`` with π the share of accounts
that are patients and N the roster size, so namesakes split the probability and
the score reads as "the chance this account is this patient".
"""

from __future__ import annotations

import hashlib
import re
import secrets
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from armslength._checks import check_iterable, check_type
from armslength.model import Candidate, Connection, Match
from armslength.roster._index import MatchIndex, _initial
from armslength.roster._store import Roster
from armslength.roster.cultures import family_name, middle_name_sex, romanisations
from armslength.roster.cultures import joined as join_given
from armslength.roster.names import (
    DisplayName,
    is_typo,
    join_surname,
    nickname_group,
    nicknames_of,
    normalize_name,
    parse_display_name,
    split_concatenated,
    surname_parts,
)
from armslength.roster.places import split_location

if TYPE_CHECKING:
    pass

__all__ = ["AccountInfo", "Model", "match", "match_index"]


@dataclass(frozen=True)
class Model:
    """Channel probabilities (m) and the prior. Each group of m values sums to about one."""

    prior: float = 0.1
    given_exact: float = 0.70
    given_listed: float = 0.30
    given_nickname: float = 0.14
    given_typo: float = 0.04
    given_phonetic: float = 0.02
    given_initial: float = 0.04
    family_exact: float = 0.74
    family_former: float = 0.08
    family_part: float = 0.05
    family_typo: float = 0.05
    family_phonetic: float = 0.02
    family_initial: float = 0.04
    typo_spread: float = 30.0
    phonetic_spread: float = 8.0
    surname_first: float = 0.04
    family_first: float = 0.5
    family_romanised: float = 0.03
    middle_left_out: float = 0.5
    relatives: float = 0.1
    relatives_same_place: float = 0.5
    city_agree: float = 0.80
    postcode_agree: float = 0.70
    contact_agree: float = 0.90
    contact_differs: float = 0.30
    email_other_given: float = 0.20
    email_other_family: float = 0.30
    year_agree: float = 0.90
    year_near: float = 0.05
    floor: float = 1e-7
    max_candidates: int = 2000


DEFAULT_MODEL = Model()


@dataclass(frozen=True)
class AccountInfo:
    """What a platform shows about an account; only ``name`` is required."""

    name: str
    handle: str | None = None
    city: str | None = None
    email: str | None = None
    phone: str | None = None
    birth_year: int | None = None


# --------------------------------------------------------------------------- channels


@dataclass
class _Channel:
    """P(shown | roster name code) for the codes that could have produced a shown name."""

    prob: dict[int, float] = field(default_factory=dict)
    level: dict[int, str] = field(default_factory=dict)
    random: float = 0.0
    scale: float = 1.0

    def add(self, code: int, prob: float, level: str) -> None:
        if code and prob > self.prob.get(code, 0.0):
            self.prob[code] = prob
            self.level[code] = level


def _given_channel(index: MatchIndex, shown: str, model: Model, *, dense: bool) -> _Channel:
    vocab, channel = index.given, _Channel()
    channel.add(vocab.get(shown), model.given_exact, "exact")
    channel.add(vocab.get(join_given([shown])), model.given_exact, "exact")
    for code in vocab.nickname_codes(shown):
        spread = min(max(len(nicknames_of(vocab.strings[code])), 2), 6)
        channel.add(code, model.given_nickname / spread, "nickname")
    for code in vocab.near(shown):
        if is_typo(shown, vocab.strings[code]):
            channel.add(code, model.given_typo / model.typo_spread, "typo")
    for code in vocab.sounds_like(shown):
        channel.add(code, model.given_phonetic / model.phonetic_spread, "phonetic")
    # A code some patients hold only as a shorter form is shown, for them, as often as
    # the patient side assumes (middle_left_out), so the random side discounts it alike.
    channel.random = model.floor + sum(
        index.given_freq(c) * p * (1 - index.short_share(c) * (1 - model.middle_left_out))
        for c, p in channel.prob.items()
    )
    if not (vocab.get(shown) or vocab.get(join_given([shown]))):
        channel.random += model.given_exact * index.unseen_share(shown, dense=dense)
    return channel


def _family_channel(
    index: MatchIndex, shown: str, others: tuple[str, ...], model: Model
) -> _Channel:
    vocab, channel = index.family, _Channel()
    joined = join_surname(shown)
    found, channel.scale = _family_explanations(index, shown, others, model)
    for code, prob, level in found:
        channel.add(code, prob, level)
    variants = romanisations(joined)
    for variant in variants:
        channel.add(vocab.get(variant), model.family_romanised / len(variants), "romanised")
    for code in vocab.near(joined):
        if is_typo(joined, vocab.strings[code]):
            channel.add(code, model.family_typo / model.typo_spread, "typo")
    for code in vocab.sounds_like(joined):
        channel.add(code, model.family_phonetic / model.phonetic_spread, "phonetic")
    # A non-patient may be a patient's relative: same family name far more often than chance.
    kin = model.relatives / max(index.size, 1)
    channel.random = model.floor + sum(
        (index.family_freq(c) + kin * index.family.counts[c]) * p for c, p in channel.prob.items()
    )
    if not vocab.get(joined) and not any(vocab.get(v) for v in variants):
        # A name the roster lacks (and not another romanisation of a roster name, whose
        # holders the roster already counts) is held by some people outside it.
        channel.random += model.family_exact * index.unseen_share(joined, family=True)
    return channel


def _family_explanations(
    index: MatchIndex, shown: str, others: tuple[str, ...], model: Model
) -> tuple[list[tuple[int, float, str]], float]:
    """Roster family names that explain the shown one, with P(shown | that name).


    A display may show two surnames: double-barrelled (``Roe-Smith``) or with another
    in parentheses (``Jane Roe (Smith)``). A roster name explains one of them; the other
    is then some surname, for anyone (patient or not) about as likely as its frequency.
    So a rare roster name beside a common unexplained one is strong evidence, and the
    common half of ``Nettlard-Torres`` does not drown the rare half. With a name in
    parentheses, either name may be the one the roster holds, so both take the
    other-name probability. The factors are scaled so the largest among the names found
    is 1 (the floor keeps its meaning); the scale is returned too."""
    vocab = index.family
    joined = join_surname(shown)
    extra = [join_surname(o) for o in others]

    def freq(names: Iterable[str]) -> float:
        out = 1.0
        for name in names:
            out *= index.family_freq(vocab.get(name))
        return out

    shown_both = model.family_former if extra else model.family_exact
    found: list[tuple[int, float, float, str]] = [
        (vocab.get(joined), shown_both, freq(extra), "exact")
    ]
    parts = surname_parts(shown)
    for i, part in enumerate(parts):
        rest = [*parts[:i], *parts[i + 1 :], *extra]
        found.append((vocab.get(part), model.family_part, freq(rest), "part"))
    for k, other in enumerate(extra):
        rest = [joined, *extra[:k], *extra[k + 1 :]]
        found.append((vocab.get(other), model.family_former, freq(rest), "other"))
    found = [f for f in found if f[0]]
    if not found:
        return [], 1.0
    top = max(factor for _, _, factor, _ in found)
    return [(code, prob * factor / top, level) for code, prob, factor, level in found], 1 / top


# --------------------------------------------------------------------------- readings


@dataclass(frozen=True)
class _Reading:
    given: str | None
    family: str | None
    others: tuple[str, ...] = ()
    weight: float = 1.0
    label: str = ""
    random: float = 0.0


def _readings(display: DisplayName, index: MatchIndex, model: Model) -> list[_Reading]:
    words, others = display.words, display.others
    if not words:
        return [_Reading(None, o, (), 0.5) for o in others[:1]]
    if len(words) == 1:
        return _single_word(words[0], display, index)
    first, last = words[0], words[-1]
    known = family_name(first) is not None
    swap = model.family_first if known else model.surname_first
    label = "family-first reading" if known else "surname-first reading"
    if len(words) > 2 and middle_name_sex(first):
        # "Thị Lan Nguyễn": a middle name opens the given name, the family name is last.
        return [_Reading(join_given(words[:-1]), last, others, 1.0)]
    left_out = _left_out(index, words[1:-1])
    readings = [_Reading(first, last, others, (1.0 - swap) * left_out)]
    if len(words) == 2 or not middle_name_sex(words[1]):
        # "Nguyễn Văn Lan" is not "Lan Nguyễn" with a word left out: Văn is a middle name.
        readings.append(_Reading(last, first, others, swap * left_out, label))
    if len(words) > 2:
        readings.append(_Reading(join_given(words[1:]), first, others, swap, label))
        # "Peng Lin Li": a family-first culture's family name last, the given name before it.
        joined_weight = 0.5 if family_name(join_surname(last)) is not None else 0.2
        readings.append(_Reading(join_given(words[:-1]), last, others, joined_weight))
        readings.append(_Reading(first, "-".join(words[1:]), others, 0.2))
        rest = _left_out(index, (first, *words[2:-1]))
        readings.append(_Reading(words[1], last, others, 0.05 * rest))
    return readings


def _left_out(index: MatchIndex, words: Iterable[str]) -> float:
    """Chance that a reading's left-out words are shown at all: each is some other name
    (a middle name, one syllable of a given name), about as often as that name is held.
    Both sides of the reading's likelihood ratio carry it, so it only weighs the reading
    against readings that explain every word ("Hu Ping Bin" as Pingbin Hu, not Bin Hu)."""
    share = 1.0
    for word in words:
        if len(word) == 1:
            share *= index.initial_freq(word, family=False)
        else:
            code = index.given.get(word)
            share *= index.given_freq(code) if code else index.unseen_share(word)
    return share


class _KnownGiven:
    """A roster given name or a name the nickname table knows (for cutting ``suzyfaxbea``)."""

    def __init__(self, index: MatchIndex) -> None:
        self._codes = index.given.codes

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self._codes or len(nickname_group(word)) > 1)


def _single_word(word: str, display: DisplayName, index: MatchIndex) -> list[_Reading]:
    readings = [
        _Reading(word, None, display.others, 0.6),
        _Reading(None, word, display.others, 0.3),
    ]
    if display.handle or len(word) > 6:
        splits = split_concatenated(word, _KnownGiven(index))
        readings += [_Reading(g, f, (), 0.8, "handle split") for g, f in splits[:4]]
    return readings


# --------------------------------------------------------------------------- scoring


@dataclass
class _Hit:
    lr: float
    given_level: str
    family_level: str
    reading: _Reading
    kin: float = 0.0
    """Share of the hit's random side that is the patient's own relatives (same family
    name, and often the same town)."""


@dataclass
class _Pool:
    """Best hit per patient plus the likelihood mass of hits too many to list."""

    hits: dict[int, _Hit] = field(default_factory=dict)
    overflow: float = 0.0
    channels: dict[tuple[str, ...], _Channel] = field(default_factory=dict)

    def given(
        self, index: MatchIndex, shown: str, model: Model, family: str | None = None
    ) -> _Channel:
        """The given-name channel; ``family`` shown beside it, when it is a family-first
        culture's name, marks the given name as one syllable of a dense inventory."""
        dense = bool(family) and family_name(join_surname(family or "")) is not None
        key = ("g", shown, "dense" if dense else "")
        found = self.channels.get(key)
        if found is None:
            found = self.channels[key] = _given_channel(index, shown, model, dense=dense)
        return found

    def family(
        self, index: MatchIndex, shown: str, others: tuple[str, ...], model: Model
    ) -> _Channel:
        key = ("f", shown, *others)
        found = self.channels.get(key)
        if found is None:
            found = self.channels[key] = _family_channel(index, shown, others, model)
        return found

    def offer(self, patient: int, hit: _Hit) -> None:
        best = self.hits.get(patient)
        if best is None or hit.lr > best.lr:
            self.hits[patient] = hit


def _given_level(
    index: MatchIndex, patient: int, code: int, channel: _Channel, model: Model
) -> tuple[float, str]:
    if index.pgiven[patient] == code or code in index.given_same.get(patient, ()):
        return channel.prob[code], channel.level[code]
    if code in index.given_short.get(patient, ()):
        return channel.prob[code] * model.middle_left_out, "middle name left out"
    return channel.prob[code] * 0.5, "listed nickname"


def _family_level(
    index: MatchIndex,
    patient: int,
    code: int,
    channel: _Channel,
    reading: _Reading,
    model: Model,
) -> tuple[float, str]:
    level = channel.level[code]
    if reading.others and _knows_all(index, patient, reading):
        # "Jane Roe (Smith)" and the roster has Roe with Smith as another name: nothing
        # shown is left to chance.
        return model.family_former * channel.scale, "exact"
    if index.pfamily[patient] == code:
        return channel.prob[code], level
    if level == "exact":
        return channel.prob[code] * 0.1, "former or part"
    return channel.prob[code] * 0.1, level


def _knows_all(index: MatchIndex, patient: int, reading: _Reading) -> bool:
    """The patient's family name and recorded other names include every surname shown."""
    _full, others, _nicks = index.roster.extra_of(patient)
    if not others:
        return False
    own = {join_surname(normalize_name(n)) for n in (index.roster.family_of(patient), *others) if n}
    shown = {join_surname(n) for n in (reading.family or "", *reading.others)}
    return shown <= own


def _score_pairs(
    index: MatchIndex, reading: _Reading, gch: _Channel, fch: _Channel, pool: _Pool, model: Model
) -> None:
    lift = _lift(index, reading.given or "", reading.family or "")
    norm = reading.weight / (reading.random or gch.random * fch.random * lift)
    budget = model.max_candidates
    for f, fp in fch.prob.items():
        for g, gp in gch.prob.items():
            span = index.by_pair(f, g)
            if not span:
                continue
            if len(span) > budget:
                pool.overflow += len(span) * gp * fp * norm
                continue
            budget -= len(span)
            kin = _kin_share(index, fch, f, model)
            for patient in index.fg_patients(span):
                gprob, glevel = _given_level(index, patient, g, gch, model)
                fprob, flevel = _family_level(index, patient, f, fch, reading, model)
                pool.offer(patient, _Hit(gprob * fprob * norm, glevel, flevel, reading, kin))


def _kin_share(index: MatchIndex, fch: _Channel, code: int, model: Model) -> float:
    """Share of the family channel's random side that is one patient's own relatives
    (the ``relatives`` term for that patient's name): they often live in the same town,
    so a town that agrees says less when the family name is rare."""
    kin = model.relatives / max(index.size, 1) * fch.prob.get(code, 0.0)
    return min(kin / fch.random, 1.0) if fch.random > 0 else 0.0


def _score_initial(
    index: MatchIndex, reading: _Reading, pool: _Pool, model: Model, *, family_initial: bool
) -> None:
    """ "Jane D." or "J. Smith": one name plus an initial of the other."""
    assert reading.given is not None
    assert reading.family is not None
    if family_initial:
        gch = pool.given(index, reading.given, model)
        lr_initial = 1.0 / index.initial_freq(reading.family, family=True)
        for g, gp in gch.prob.items():
            _offer_span(
                index,
                index.by_given_initial(g, reading.family),
                pool,
                model,
                gp * reading.weight / (reading.random or gch.random / lr_initial),
                _Hit(0.0, gch.level[g], "initial", reading),
                gf=True,
            )
        return
    fch = pool.family(index, reading.family, reading.others, model)
    letter = _initial(reading.given)
    lr_initial = 1.0 / index.initial_freq(reading.given, family=False)
    for f, fp in fch.prob.items():
        span = index.by_family(f)
        lr = fp * reading.weight / (reading.random or fch.random / lr_initial)
        if len(span) > model.max_candidates:
            pool.overflow += len(span) * lr * index.initial_freq(reading.given, family=False)
            continue
        kin = _kin_share(index, fch, f, model)
        for patient in index.fg_patients(span):
            if _initial(index.given.strings[index.pgiven[patient]]) == letter:
                pool.offer(patient, _Hit(lr, "initial", fch.level[f], reading, kin))


def _offer_span(
    index: MatchIndex, span: range, pool: _Pool, model: Model, lr: float, hit: _Hit, *, gf: bool
) -> None:
    if len(span) > model.max_candidates:
        pool.overflow += len(span) * lr
        return
    patients = index.gf_patients(span) if gf else index.fg_patients(span)
    for patient in patients:
        pool.offer(patient, _Hit(lr, hit.given_level, hit.family_level, hit.reading))


def _score_one_name(index: MatchIndex, reading: _Reading, pool: _Pool, model: Model) -> None:
    """Only a given name ("Jenny 🌸") or only a family name ("Dr Quill")."""
    if reading.given is not None:
        gch = pool.given(index, reading.given, model)
        for g, gp in gch.prob.items():
            hit = _Hit(0.0, gch.level[g], "not shown", reading)
            _offer_span(
                index,
                index.by_given(g),
                pool,
                model,
                gp / gch.random * reading.weight,
                hit,
                gf=True,
            )
        return
    assert reading.family is not None
    fch = pool.family(index, reading.family, reading.others, model)
    for f, fp in fch.prob.items():
        hit = _Hit(0.0, "not shown", fch.level[f], reading)
        _offer_span(
            index, index.by_family(f), pool, model, fp / fch.random * reading.weight, hit, gf=False
        )


def _reading_random(index: MatchIndex, reading: _Reading, pool: _Pool, model: Model) -> float:
    """P(shown | a random person, this layout): what a reading's likelihood ratio divides by.

    A name the roster does not hold is taken to be as common as a typical name (the
    smoothing prior's share), not the floor: otherwise a far-fetched reading of known
    words ("Ann" in "Jackie Ann Rodriguez") would outweigh the plain reading of a name
    the roster lacks."""
    given, family = reading.given, reading.family
    if not given or not family or (len(given) == 1 and len(family) == 1):
        return 0.0
    if len(family) == 1:
        gch = pool.given(index, given, model)
        return gch.random * index.initial_freq(family, family=True)
    fch = pool.family(index, family, reading.others, model)
    if len(given) == 1:
        return fch.random * index.initial_freq(given, family=False)
    gch = pool.given(index, given, model, family)
    lift = _lift(index, given, family)
    return gch.random * fch.random * lift


def _lift(index: MatchIndex, given: str, family: str) -> float:
    """Given and family name of one family-first culture are not independent."""
    entry = family_name(join_surname(family))
    if entry is None:
        return 1.0
    code = index.given.get(given) or index.given.get(join_given([given]))
    return index.culture_lift(code, entry.culture)


def _by_evidence(
    index: MatchIndex, readings: list[_Reading], pool: _Pool, model: Model
) -> list[_Reading]:
    """Readings of a name of several words, each weighted by how well it explains the
    words for a random person as well as by its prior: the likelihood ratio of a patient
    is P(shown | patient) / Σ_readings P(reading)·P(shown | random person, reading). A
    layout no one would produce ("Lan" as a family name) then costs the true reading
    nothing, so "Nguyễn Thị Lan" read family first counts as fully as "Lan Nguyễn"."""
    randoms = [_reading_random(index, r, pool, model) for r in readings]
    total = sum(r.weight * u for r, u in zip(readings, randoms, strict=True))
    if total <= 0:
        return readings
    return [
        replace(r, weight=r.weight * u / total, random=u)
        for r, u in zip(readings, randoms, strict=True)
        if u > 0
    ]


def _score_reading(index: MatchIndex, reading: _Reading, pool: _Pool, model: Model) -> None:
    given, family = reading.given, reading.family
    if given is None or family is None:
        _score_one_name(index, reading, pool, model)
    elif len(family) == 1 and len(given) > 1:
        _score_initial(index, reading, pool, model, family_initial=True)
    elif len(given) == 1 and len(family) > 1:
        _score_initial(index, reading, pool, model, family_initial=False)
    elif len(given) > 1:
        gch = pool.given(index, given, model, family)
        fch = pool.family(index, family, reading.others, model)
        _score_pairs(index, reading, gch, fch, pool, model)


# --------------------------------------------------------------------------- hints


_RUN_KEY = secrets.token_bytes(16)
"""Key of the contact digests: new each run, so a digest means nothing outside this process."""


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return digits[-9:]


def contact_key(kind: str, value: str) -> bytes:
    """Keyed digest of a normalised e-mail or phone number (the only form kept for lookup)."""
    norm = value.strip().lower() if kind == "email" else _digits(value)
    return hashlib.blake2b(norm.encode(), digest_size=12, key=_RUN_KEY).digest()


class _Contacts:
    """Patients by hashed e-mail / phone (sorted 64-bit keys), built when first needed."""

    def __init__(self, roster: Roster) -> None:
        keys, rows = array("Q"), array("I")
        for kind, values in (("email", roster.emails), ("phone", roster.phones)):
            for patient, value in enumerate(values):
                if value and (kind == "email" or len(_digits(value)) >= 6):
                    keys.append(_key64(kind, value))
                    rows.append(patient)
        order = sorted(range(len(keys)), key=keys.__getitem__)
        self._keys = array("Q", (keys[j] for j in order))
        self._rows = array("I", (rows[j] for j in order))

    def find(self, kind: str, value: str) -> list[int]:
        key = _key64(kind, value)
        low, high = bisect_left(self._keys, key), bisect_right(self._keys, key)
        return list(self._rows[low:high])


def _key64(kind: str, value: str) -> int:
    return int.from_bytes(contact_key(kind, value)[:8], "big")


class _Hints:
    """Likelihood ratio of an account's optional details for one patient."""

    def __init__(self, index: MatchIndex, account: AccountInfo, model: Model) -> None:
        self.index, self.account, self.model = index, account, model
        place = split_location(account.city)
        city = normalize_name(place.city) if place.city else ""
        self.city = index.city.get(city) if city else 0
        self.city_shown = bool(city)
        self.area = index.postal.get(place.area) if place.area else 0
        self.area_shown = place.area is not None
        self.email = contact_key("email", account.email) if account.email else None
        self.phone = contact_key("phone", account.phone) if account.phone else None
        self.email_names = _email_names(account.email)
        display = parse_display_name(account.name or account.handle or "")
        self.shown = "".join((*display.words, *display.others)).replace(" ", "")

    @property
    def any(self) -> bool:
        return bool(
            self.city_shown
            or self.area_shown
            or self.email
            or self.phone
            or self.account.birth_year
        )

    def factor(self, patient: int, kin: float = 0.0) -> tuple[float, list[str]]:
        """The hints' likelihood ratio; ``kin`` is the share of the name's random side
        that is the patient's relatives, who share the patient's town more often than
        chance."""
        lr, notes = 1.0, []
        parts = (
            self._city(patient, kin),
            self._area(patient, kin),
            self._contact(patient),
            self._email_words(patient),
            self._year(patient),
        )
        for part in parts:
            if part is not None:
                lr *= part[0]
                notes.append(part[1])
        return lr, notes

    def _city(self, patient: int, kin: float) -> tuple[float, str] | None:
        pcity = self.index.pcity[patient]
        if not self.city_shown or not pcity:
            return None
        freq = self.index.city_freq(pcity)
        lr = _place_lr(self.city == pcity, freq, self.model.city_agree, kin, self.model)
        return lr, "city agrees" if self.city == pcity else "city differs"

    def _area(self, patient: int, kin: float) -> tuple[float, str] | None:
        """A shown postcode area (outward code or ZIP) against the patient's postcode."""
        parea = self.index.ppostal[patient]
        if not self.area_shown or not parea:
            return None
        freq = self.index.postal_freq(parea)
        agree = self.area == parea
        lr = _place_lr(agree, freq, self.model.postcode_agree, kin, self.model)
        return lr, "postcode area agrees" if agree else "postcode area differs"

    def _contact(self, patient: int) -> tuple[float, str] | None:
        email, phone = self.index.roster.contact_of(patient)
        checks = [("e-mail", self.email, email, "email"), ("phone", self.phone, phone, "phone")]
        lr, notes = 1.0, []
        for label, shown, own, kind in checks:
            if shown is None or not own:
                continue
            if contact_key(kind, own) == shown:
                lr *= self.model.contact_agree / self.model.floor
                notes.append(f"{label} agrees")
            else:
                lr *= self.model.contact_differs
                notes.append(f"{label} differs")
        return (lr, ", ".join(notes)) if notes else None

    def _email_words(self, patient: int) -> tuple[float, str] | None:
        """An e-mail address that is not the patient's recorded one, shaped given.family,
        names a person. A word the display does not show ("harold.allen" beside the
        handle "halallen", "elijah.x" beside "E. X") that is another given or family name
        than the patient's (not a nickname, former name or typo of it) counts against.
        A word the display shows is no news (a namesake's address would show it too),
        and one that agrees is left at that: a namesake's address would agree too."""
        names = self.email_names
        if names is None:
            return None
        email, _phone = self.index.roster.contact_of(patient)
        if email and self.email and contact_key("email", email) == self.email:
            return None
        given, family = names
        lr, notes = 1.0, list[str]()
        parts = (
            self._email_given(patient, given) if given not in self.shown else None,
            self._email_family(patient, family) if family not in self.shown else None,
        )
        for part in parts:
            if part is not None:
                lr, notes = lr * part[0], [*notes, part[1]]
        return (lr, ", ".join(notes)) if notes else None

    def _email_given(self, patient: int, word: str) -> tuple[float, str] | None:
        own = normalize_name(self.index.roster.given_of(patient) or "").split()
        if not own or word in own or nickname_group(word) & nickname_group(own[0]):
            return None
        known = self.index.given.get(word) or nickname_group(word) - {word} or nicknames_of(word)
        if is_typo(word, own[0]) or not known:
            return None
        return self.model.email_other_given, "e-mail names another given name"

    def _email_family(self, patient: int, word: str) -> tuple[float, str] | None:
        _full, others, _nicks = self.index.roster.extra_of(patient)
        names = (self.index.roster.family_of(patient) or "", *others)
        own = {p for n in names if n for p in _family_forms_of(n)}
        if word in own or any(is_typo(word, o) for o in own):
            return None
        return self.model.email_other_family, "e-mail names another family name"

    def _year(self, patient: int) -> tuple[float, str] | None:
        year, shown = self.index.roster.birth_year[patient], self.account.birth_year
        if not year or not shown:
            return None
        gap, share = abs(year - shown), 1 / 70
        if gap == 0:
            return self.model.year_agree / share, "birth year agrees"
        if gap == 1:
            return self.model.year_near / (2 * share), "birth year one off"
        return (1 - self.model.year_agree - self.model.year_near) / 0.95, "birth year differs"


def _email_names(email: str | None) -> tuple[str, str] | None:
    """(given, family) of an address shaped ``given.family42@…`` (two words of two or
    more letters, any separator), else None."""
    if not email or "@" not in email:
        return None
    words = re.findall(r"[a-z]+", normalize_name(email.split("@", 1)[0].replace(".", " ")))
    if len(words) != 2 or min(map(len, words)) < 2:
        return None
    return words[0], words[1]


def _family_forms_of(name: str) -> list[str]:
    norm = normalize_name(name)
    return [join_surname(norm), *surname_parts(norm)] if norm else []


def _place_lr(agree: bool, freq: float, shown_own: float, kin: float, model: Model) -> float:
    """P(place | patient) / P(place | random person): the patient shows their own place
    with chance ``shown_own``; a random person has it with its frequency, unless they are
    one of the patient's relatives (share ``kin`` of the random side), who live there
    with chance ``relatives_same_place``."""
    near = model.relatives_same_place * shown_own
    if agree:
        patient = shown_own + (1 - shown_own) * freq
        kin_side = near + (1 - near) * freq
        return patient / ((1 - kin) * freq + kin * kin_side)
    return (1 - shown_own) / ((1 - kin) + kin * (1 - near))


# --------------------------------------------------------------------------- public


_INDEXES: WeakKeyDictionary[Roster, MatchIndex] = WeakKeyDictionary()


def match_index(roster: Roster) -> MatchIndex:
    """The blocking index of a roster (built on first use, kept while the roster lives)."""
    found = _INDEXES.get(roster)
    if found is None:
        found = _INDEXES[roster] = MatchIndex(roster)
    return found


class _Contactbook:
    def __init__(self) -> None:
        self.by_roster: WeakKeyDictionary[Roster, _Contacts] = WeakKeyDictionary()

    def get(self, roster: Roster) -> _Contacts:
        found = self.by_roster.get(roster)
        if found is None:
            found = self.by_roster[roster] = _Contacts(roster)
        return found


_CONTACTS = _Contactbook()


def _as_account(item: str | AccountInfo | Connection) -> AccountInfo:
    if isinstance(item, AccountInfo):
        return item
    if isinstance(item, Connection):
        return AccountInfo(name=item.name or item.handle or "", handle=item.handle)
    check_type("names_or_accounts", item, str, "items that are str, AccountInfo or Connection")
    return AccountInfo(name=item)


def _pool_for(index: MatchIndex, account: AccountInfo, model: Model) -> _Pool:
    pool = _Pool()
    display = parse_display_name(account.name)
    if not display.words and account.handle:
        display = parse_display_name(account.handle)
    readings = _readings(display, index, model)
    if len(display.words) > 1:
        readings = _by_evidence(index, readings, pool, model)
    for reading in readings:
        _score_reading(index, reading, pool, model)
    _add_contact_hits(index, account, pool, model)
    return pool


def _add_contact_hits(index: MatchIndex, account: AccountInfo, pool: _Pool, model: Model) -> None:
    if not (account.email or account.phone):
        return
    contacts = _CONTACTS.get(index.roster)
    found = [
        p
        for kind in ("email", "phone")
        if (value := getattr(account, kind))
        for p in contacts.find(kind, value)
    ]
    reading = _Reading(None, None)
    for patient in found:
        if patient not in pool.hits:
            pool.offer(
                patient, _Hit(model.given_typo * model.family_typo, "differs", "differs", reading)
            )


@dataclass
class _Scored:
    patient: int
    score: float
    hit: _Hit
    notes: list[str]


def _posterior(index: MatchIndex, account: AccountInfo, pool: _Pool, model: Model) -> list[_Scored]:
    hints = _Hints(index, account, model)
    weighted: list[tuple[int, float, _Hit, list[str]]] = []
    for patient, hit in pool.hits.items():
        factor, notes = hints.factor(patient, hit.kin) if hints.any else (1.0, [])
        weighted.append((patient, hit.lr * factor, hit, notes))
    scale = model.prior / max(index.size, 1)
    total = scale * (sum(w for _, w, _, _ in weighted) + pool.overflow) + (1 - model.prior)
    scored = [_Scored(p, min(scale * w / total, 1.0), h, n) for p, w, h, n in weighted]
    scored.sort(key=lambda s: (-s.score, index.roster.ids[s.patient]))
    return scored


def _name_note(kind: str, level: str, shown: str | None, own: str | None) -> str:
    label = f"{kind} name"
    if level in ("exact", "not shown", "initial"):
        return f"{label} {level}"
    if level in ("nickname", "listed nickname") and shown and own:
        listed = " (listed in the roster)" if level == "listed nickname" else ""
        return f"{label} nickname {shown.title()}→{own}{listed}"
    if level in ("typo", "phonetic") and shown and own:
        sign = "≈" if level == "typo" else "sounds like"
        return f"{label} {level} {shown.title()} {sign} {own}"
    return f"{label} {level}"


def _family_note(index: MatchIndex, patient: int, hit: _Hit) -> str:
    if hit.family_level != "former or part":
        shown = hit.reading.family
        return _name_note("family", hit.family_level, shown, index.roster.family_of(patient))
    _full, others, _nicks = index.roster.extra_of(patient)
    shown = join_surname(normalize_name(hit.reading.family or ""))
    if any(shown == join_surname(normalize_name(o)) for o in others):
        return "family name matches a former/other name"
    return "family name matches part of a double-barrelled name"


def _evidence(index: MatchIndex, scored: _Scored) -> list[str]:
    patient, hit = scored.patient, scored.hit
    roster = index.roster
    notes = [
        _name_note("given", hit.given_level, hit.reading.given, roster.given_of(patient)),
        _family_note(index, patient, hit),
    ]
    if hit.reading.label:
        notes.append(hit.reading.label)
    sharing = index.namesakes(patient)
    notes.append(
        f"{sharing} patients share this name" if sharing > 1 else "no other patient has this name"
    )
    return notes + scored.notes


def _match_one(
    index: MatchIndex,
    item: str | AccountInfo | Connection,
    model: Model,
    top: int,
    min_score: float,
) -> Match:
    account = _as_account(item)
    return _as_match(index, account, _scored(index, account, model), top, min_score)


def _scored(index: MatchIndex, account: AccountInfo, model: Model) -> list[_Scored]:
    return _posterior(index, account, _pool_for(index, account, model), model)


def _as_match(
    index: MatchIndex, account: AccountInfo, scored: list[_Scored], top: int, min_score: float
) -> Match:
    kept = [s for s in scored[:top] if s.score >= min_score]
    candidates = [
        Candidate(
            patient_id=index.roster.ids[s.patient],
            score=round(s.score, 4),
            evidence=_evidence(index, s),
        )
        for s in kept
    ]
    return Match(name=account.name, candidates=candidates)


# --------------------------------------------------------------------------- one account each

EXCLUSIVE_MIN = 1e-3
"""Candidates below this score take no part in the one-account-per-patient step."""
_EXCLUSIVE_ROUNDS = 12


def _exclusive(lists: list[list[_Scored]], size: int, prior: float) -> list[list[_Scored]]:
    """Scores of several distinct accounts given that one patient has at most one of them.

    Each account on its own weighs its candidates against "none of the listed patients"
    (its remaining probability), as if the other accounts did not exist. Jointly:

    * two accounts cannot both be one patient: when two "Robert Bailey" accounts each
      look 96 % like the roster's Robert Bailey, at most one is, and each is about one
      half. The marginals are found by sum-product belief propagation on the graph of
      accounts and the patients they could be (exact when no two accounts share more
      than one patient);
    * the other accounts that are patients are, mostly, other patients: of the N
      patients, about K = prior·(accounts − 1) are taken by them, so a patient no other
      account resembles is one of N − K, not N. Each candidate's odds grow by
      N / (N − K): a small panel whose patients are a large share of the list gains
      most; a single account, or a roster much larger than the list, not at all."""
    taken = min(prior * (len(lists) - 1), 0.9 * size)
    boost = size / (size - taken) if size else 1.0
    odds: list[dict[int, float]] = []
    claims: dict[int, list[int]] = {}
    for a, scored in enumerate(lists):
        rest = max(1.0 - sum(s.score for s in scored), 1e-6)
        odds.append({s.patient: boost * s.score / rest for s in scored})
        for s in scored:
            if s.score >= EXCLUSIVE_MIN:
                claims.setdefault(s.patient, []).append(a)
    shared = {p: accs for p, accs in claims.items() if len(accs) > 1}
    if boost == 1.0 and not shared:
        return lists
    free = _availability(odds, shared)
    out = []
    for a, scored in enumerate(lists):
        mine = odds[a]
        total = 1.0 + sum(w * free.get((a, p), 1.0) for p, w in mine.items())
        joint = [
            _Scored(
                s.patient,
                min(mine[s.patient] * free.get((a, s.patient), 1.0) / total, 1.0),
                s.hit,
                s.notes + _RIVAL if free.get((a, s.patient), 1.0) < 0.9 else s.notes,
            )
            for s in scored
        ]
        out.append(sorted(joint, key=lambda s: -s.score))
    return out


_RIVAL = ["another account in this list could be this patient"]


def _availability(
    odds: list[dict[int, float]], shared: dict[int, list[int]]
) -> dict[tuple[int, int], float]:
    """Belief-propagation messages: for account a and patient p, the chance that no other
    account is p, in a world where a is not p (1 / (1 + Σ other accounts' odds for p))."""
    free = {(a, p): 1.0 for p, accs in shared.items() for a in accs}
    accounts = {a for accs in shared.values() for a in accs}
    for _ in range(_EXCLUSIVE_ROUNDS):
        claim: dict[tuple[int, int], float] = {}
        for a in accounts:
            mine = odds[a]
            total = 1.0 + sum(w * free.get((a, p), 1.0) for p, w in mine.items())
            for p, w in mine.items():
                if (a, p) in free:
                    claim[(a, p)] = w / (total - w * free[(a, p)])
        for p, accs in shared.items():
            together = sum(claim[(b, p)] for b in accs)
            for a in accs:
                free[(a, p)] = 1.0 / (1.0 + together - claim[(a, p)])
    return free


def iter_matches(
    accounts: Iterable[str | AccountInfo | Connection],
    roster: Roster,
    *,
    top: int = 5,
    min_score: float = 0.01,
    model: Model = DEFAULT_MODEL,
) -> Iterator[Match]:
    """Like :func:`match`, one account at a time."""
    index = match_index(roster)
    for item in accounts:
        yield _match_one(index, item, model, top, min_score)


def match(
    names_or_accounts: Iterable[str | AccountInfo | Connection],
    roster: Roster,
    *,
    top: int = 5,
    min_score: float = 0.01,
    prior: float | None = None,
    model: Model = DEFAULT_MODEL,
    one_account_each: bool = False,
) -> list[Match]:
    """Candidate patients for each display name or account, best first.

    ``score`` is the probability that the account is that patient given a share
    ``prior`` of accounts being patients (default 0.1); a candidate below
    ``min_score`` or beyond ``top`` is left out. With ``one_account_each``, the items
    are distinct accounts of one platform (give each account once, even when it is both
    a friend and a follower), and the scores allow for each patient having at most one
    of them: accounts that could be the same patient share that patient's probability.
    """
    check_iterable("names_or_accounts", names_or_accounts, "an iterable of names or accounts")
    check_type("roster", roster, Roster, "a Roster (armslength.load_roster)")
    check_type("top", top, int, "an int")
    check_type("min_score", min_score, (int, float), "a number")
    check_type("prior", prior, (int, float, type(None)), "a number or None")
    check_type("model", model, Model, "a MatchModel")
    check_type("one_account_each", one_account_each, bool, "a bool")
    if prior is not None:
        model = Model(**{**model.__dict__, "prior": min(max(prior, 1e-6), 1 - 1e-6)})
    if not one_account_each:
        return list(
            iter_matches(names_or_accounts, roster, top=top, min_score=min_score, model=model)
        )
    index = match_index(roster)
    accounts = [_as_account(item) for item in names_or_accounts]
    joint = _exclusive([_scored(index, a, model) for a in accounts], index.size, model.prior)
    return [
        _as_match(index, a, scored, top, min_score)
        for a, scored in zip(accounts, joint, strict=True)
    ]
