"""Blocking index over a roster: sorted integer keys, never all pairs.

Each patient contributes one entry per (family form, given form) pair, where the
forms are normalised codes. Two sorted arrays let a query fetch, by binary
search, the patients with a given (family, given) pair, a whole family, a whole
given name, or a given name plus a family initial. Typo and phonetic variants
are found in the small name vocabularies (symmetric deletions, Metaphone), not
in the patient rows, so the cost of a query does not grow with the roster.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import cached_property

from armslength.roster._store import Roster
from armslength.roster.cultures import family_name, joined, middle_name_sex
from armslength.roster.names import (
    deletions,
    join_surname,
    nickname_group,
    normalize_name,
    phonetic_key,
    surname_parts,
)
from armslength.roster.places import postcode_area

GIVEN_PRIOR = (100.0, 1e-3)
"""(pseudo-count, share): a roster name is shrunk towards this typical given-name share."""
FAMILY_PRIOR = (200.0, 1e-4)
CULTURE_PRESENCE = 0.01
"""Least share of the population assumed to belong to a family-first culture: a roster
with one Nguyễn still treats Nguyễn as common (38 % of that share)."""
LIFT_PSEUDO = 4.0
"""Pseudo-count of the culture share of a given name: a name seen once beside a family
name of one culture is not yet taken to belong to it."""
UNKNOWN_NAME = 0.002
"""Chance that a long word no name table knows, absent from the roster, is a real name
rather than a variant of a roster name (relative to a name seen once)."""
_GIVEN_SHIFT = 40
_INITIAL_SHIFT = 32
_FAMILY_SHIFT = 32


def _initial(text: str) -> int:
    return ord(text[0]) - 96 if text and "a" <= text[0] <= "z" else 0


def good_turing(counts: Iterable[int], limit: int = 5) -> dict[int, float]:
    """Adjusted counts r* = (r+1)·n(r+1)/n(r) for small r: a name seen once in a small
    roster is, on average, rarer in the population than 1/N. Kept ≤ r and increasing."""
    freq_of_freq = Counter(counts)
    adjusted: dict[int, float] = {}
    previous = 0.0
    for r in range(1, limit + 1):
        n_r, n_next = freq_of_freq.get(r, 0), freq_of_freq.get(r + 1, 0)
        star = (r + 1) * n_next / n_r if n_r and n_next else float(r)
        star = min(float(r), max(star, previous, 0.1 * r))
        adjusted[r] = previous = star
    return adjusted


class Vocab:
    """Normalised name strings with codes, patient counts, and typo/phonetic lookups."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.strings: list[str] = [""]
        self.counts: list[int] = [0]

    def code(self, text: str) -> int:
        found = self.codes.get(text)
        if found is None:
            found = self.codes[text] = len(self.strings)
            self.strings.append(text)
            self.counts.append(0)
        return found

    def get(self, text: str) -> int:
        return self.codes.get(text, 0)

    @cached_property
    def _deletions(self) -> dict[str, list[int]]:
        table: dict[str, list[int]] = defaultdict(list)
        for code, text in enumerate(self.strings):
            if len(text) > 2:
                for variant in deletions(text):
                    table[variant].append(code)
        return dict(table)

    @cached_property
    def _phonetic(self) -> dict[str, list[int]]:
        table: dict[str, list[int]] = defaultdict(list)
        for code, text in enumerate(self.strings):
            key = phonetic_key(text)
            if key:
                table[key].append(code)
        return dict(table)

    @cached_property
    def _canonical(self) -> dict[str, list[int]]:
        table: dict[str, list[int]] = defaultdict(list)
        for code, text in enumerate(self.strings):
            if text:
                for canon in nickname_group(text):
                    table[canon].append(code)
        return dict(table)

    def near(self, text: str) -> set[int]:
        """Codes one deletion-edit away (covers one insertion, deletion, substitution)."""
        if len(text) < 3:
            return set()
        table = self._deletions
        return {code for variant in deletions(text) for code in table.get(variant, ())}

    def sounds_like(self, text: str) -> set[int]:
        return set(self._phonetic.get(phonetic_key(text), ()))

    def nickname_codes(self, text: str) -> set[int]:
        table = self._canonical
        return {code for canon in nickname_group(text) for code in table.get(canon, ())}


def _given_key(text: str | None) -> str:
    words = normalize_name(text).split() if text else []
    return words[0] if words else ""


JOINED_GIVEN = frozenset({"vi", "zh", "ko"})
"""Cultures whose given name is one name of several syllables ("Xiao Ming", "Min-jun",
"Thị Lan"): its key is the joined form, never the first syllable."""


def _primary_given(text: str | None, culture: str) -> str:
    words = normalize_name(text).split() if text else []
    if len(words) > 1 and (culture in JOINED_GIVEN or middle_name_sex(words[0])):
        return joined(words)
    return words[0] if words else ""


def _given_forms(text: str | None, culture: str) -> tuple[list[str], list[str]]:
    """Extra keys of a roster given name: the joined form of a spaced or hyphenated name
    (``Xiao Ming`` → xiaoming, same name) and shorter forms a display may show: without
    a Vietnamese middle name (``Thị Lan`` → lan) and, for a Vietnamese name, the last
    word alone (``Minh Châu`` → chau, the name a person is called by)."""
    words = normalize_name(text).split() if text else []
    if len(words) == 1 and "-" not in words[0]:
        return [], []
    same = [joined(words)] if words else []
    short: list[str] = []
    if len(words) > 1 and middle_name_sex(words[0]):
        short.append(joined(words[1:]))
    if len(words) > 1 and culture == "vi":
        short.append(words[-1])
    return same, [s for s in dict.fromkeys(short) if s not in same]


def culture_of(family: str | None) -> str:
    """Culture code of a roster family name from the family-first table, or ""."""
    norm = join_surname(normalize_name(family)) if family else ""
    entry = family_name(norm) if norm else None
    return entry.culture if entry is not None else ""


def _family_forms(text: str | None) -> list[str]:
    norm = normalize_name(text) if text else ""
    if not norm:
        return []
    return [join_surname(norm), *surname_parts(norm)]


class MatchIndex:
    """Everything matching needs from a roster, built once per roster."""

    def __init__(self, roster: Roster) -> None:
        self.roster = roster
        self.size = len(roster)
        self.given = Vocab()
        self.family = Vocab()
        self.city = Vocab()
        self.postal = Vocab()
        self.ppostal = array("I")
        self.pgiven = array("I")
        self.pfamily = array("I")
        self.pcity = array("I")
        self.given_same: dict[int, frozenset[int]] = {}
        self.given_short: dict[int, frozenset[int]] = {}
        self.family_prior: dict[int, float] = {}
        self._forms: dict[tuple[int, str], tuple[frozenset[int], frozenset[int]]] = {}
        self._cultures: dict[int, str] = {}
        self.culture_given: Counter[tuple[int, str]] = Counter()
        self.culture_size: Counter[str] = Counter()
        self.short_counts: Counter[int] = Counter()
        self._build()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        given_cache: dict[tuple[int, str], int] = {}
        family_cache: dict[int, list[int]] = {}
        city_cache: dict[int, int] = {}
        postal_cache: dict[int, int] = {}
        fg_keys, fg_rows, gf_keys, gf_rows = array("Q"), array("I"), array("Q"), array("I")
        for i in range(self.size):
            gcodes, fcodes = self._patient_codes(i, given_cache, family_cache)
            self.pgiven.append(gcodes[0])
            self.pfamily.append(fcodes[0])
            self.pcity.append(self._city_code(i, city_cache))
            self.ppostal.append(self._postal_code(i, postal_cache))
            gcodes, fcodes = list(dict.fromkeys(gcodes)), list(dict.fromkeys(fcodes))
            for g in gcodes:
                self.given.counts[g] += 1
            culture = self._culture(self.roster.family[i])
            if culture:
                self.culture_size[culture] += 1
                for g in gcodes:
                    self.culture_given[(g, culture)] += 1
            for f in fcodes:
                self.family.counts[f] += 1
            for g in gcodes:
                for f in fcodes:
                    fg_keys.append((f << _FAMILY_SHIFT) | g)
                    initial = _initial(self.family.strings[f])
                    gf_keys.append((g << _GIVEN_SHIFT) | (initial << _INITIAL_SHIFT) | f)
                    fg_rows.append(i)
                    gf_rows.append(i)
        self.fg_keys, self.fg_rows = _sorted(fg_keys, fg_rows)
        self.gf_keys, self.gf_rows = _sorted(gf_keys, gf_rows)
        self._adjust_counts()

    def _patient_codes(
        self, i: int, given_cache: dict[tuple[int, str], int], family_cache: dict[int, list[int]]
    ) -> tuple[list[int], list[int]]:
        roster = self.roster
        graw, fraw = roster.given[i], roster.family[i]
        culture = self._culture(fraw)
        gtext = roster.names.strings[graw]
        key = (graw, culture)
        if key not in given_cache:
            given_cache[key] = self.given.code(_primary_given(gtext, culture))
        if fraw not in family_cache:
            forms = _family_forms(roster.names.strings[fraw]) or [""]
            family_cache[fraw] = [self.family.code(f) for f in forms]
        gcodes, fcodes = [given_cache[key]], list(family_cache[fraw])
        gforms = self._forms.get(key)
        if gforms is None:
            same, short = _given_forms(gtext, culture)
            gforms = self._forms[key] = (
                frozenset(self.given.code(g) for g in same),
                frozenset(self.given.code(g) for g in short),
            )
        if gforms[0] or gforms[1]:
            self.given_same[i], self.given_short[i] = gforms
            self.short_counts.update(gforms[1] - gforms[0] - {gcodes[0]})
            gcodes += [*gforms[0], *gforms[1]]
        if i in roster._extra:
            _full, others, nicks = roster._extra[i]
            gcodes += [self.given.code(k) for k in map(_given_key, nicks) if k]
            fcodes += [self.family.code(f) for o in others for f in _family_forms(o)]
        return gcodes, fcodes

    def _culture(self, fraw: int) -> str:
        found = self._cultures.get(fraw)
        if found is None:
            found = self._cultures[fraw] = culture_of(self.roster.names.strings[fraw])
        return found

    def _city_code(self, i: int, cache: dict[int, int]) -> int:
        raw = self.roster.city[i]
        if raw not in cache:
            name = self.roster.cities.strings[raw]
            cache[raw] = self.city.code(normalize_name(name)) if name else 0
        code = cache[raw]
        self.city.counts[code] += 1
        return code

    def _postal_code(self, i: int, cache: dict[int, int]) -> int:
        raw = self.roster.postcode[i]
        if raw not in cache:
            area = postcode_area(self.roster.postcodes.strings[raw])
            cache[raw] = self.postal.code(area) if area else 0
        code = cache[raw]
        self.postal.counts[code] += 1
        return code

    def _culture_priors(self) -> None:
        """Prior shares of known family-first names: share in the culture times the
        culture's presence in the roster (at least CULTURE_PRESENCE)."""
        known = {
            code: entry
            for code, text in enumerate(self.family.strings)
            if (entry := family_name(text)) is not None
        }
        by_culture: Counter[str] = Counter()
        for code, entry in known.items():
            by_culture[entry.culture] += self.family.counts[code]
        size = max(self.size, 1)
        for code, entry in known.items():
            presence = max(by_culture[entry.culture] / size, CULTURE_PRESENCE)
            self.family_prior[code] = max(FAMILY_PRIOR[1], entry.share * presence)

    def _adjust_counts(self) -> None:
        self._culture_priors()
        self.given_adjusted = _adjusted(self.given.counts)
        self.family_adjusted = _adjusted(self.family.counts)
        self.given_once = good_turing(c for c in self.given.counts[1:] if c)[1]
        self.family_once = good_turing(c for c in self.family.counts[1:] if c)[1]
        self.given_initials = Counter(
            _initial(self.given.strings[g]) for g in self.pgiven if self.given.strings[g]
        )
        self.family_initials = Counter(
            _initial(self.family.strings[f]) for f in self.pfamily if self.family.strings[f]
        )

    # ------------------------------------------------------------------ frequencies

    def given_freq(self, code: int) -> float:
        """Estimated share of people with this given name: the smoothed roster count,
        shrunk towards a typical name's share so a small roster does not over-count."""
        return (self.given_adjusted[code] + GIVEN_PRIOR[0] * GIVEN_PRIOR[1]) / (
            self.size + GIVEN_PRIOR[0]
        )

    def family_freq(self, code: int) -> float:
        prior = self.family_prior.get(code, FAMILY_PRIOR[1])
        return (self.family_adjusted[code] + FAMILY_PRIOR[0] * prior) / (
            self.size + FAMILY_PRIOR[0]
        )

    def unseen_share(self, word: str, *, family: bool = False, dense: bool = False) -> float:
        """Share of people whose name is ``word``, a name the roster lacks: that of a name
        seen once, but no more than a typical name's (the smoothing prior, which matters
        in a tiny roster), and far less when no table knows the word, since such a string
        one edit from a roster name is more often a typo than a real name."""
        adjusted, (pseudo, share) = (
            (self.family_once, FAMILY_PRIOR) if family else (self.given_once, GIVEN_PRIOR)
        )
        once = min((adjusted + pseudo * share) / (self.size + pseudo), share)
        known = dense or family_name(word) is not None
        known = known or middle_name_sex(word) is not None or len(nickname_group(word)) > 1
        return once if known else once * UNKNOWN_NAME

    def short_share(self, code: int) -> float:
        """Share of the patients under a given-name code who hold it only as a shorter
        form (``lan`` of ``Thị Lan``)."""
        count = self.given.counts[code]
        return self.short_counts[code] / count if count else 0.0

    def culture_lift(self, given: int, culture: str) -> float:
        """How much likelier a given name is among people of a family-first culture than
        overall: P(culture | given) / P(culture), from the roster (shrunk towards the culture's
        share by LIFT_PSEUDO), never below 1.

        Given and family names of one culture go together ("Thị Lan" with Nguyễn), so
        the chance of a random person having both is not the product of their shares."""
        if not given or not culture:
            return 1.0
        presence = max(self.culture_size[culture] / max(self.size, 1), CULTURE_PRESENCE)
        seen, within = self.given.counts[given], self.culture_given[(given, culture)]
        share = (within + LIFT_PSEUDO * presence) / (seen + LIFT_PSEUDO)
        return min(max(share / presence, 1.0), 1 / presence)

    def initial_freq(self, letter: str, *, family: bool) -> float:
        table = self.family_initials if family else self.given_initials
        return max(table.get(_initial(letter), 0) / max(self.size, 1), 1e-4)

    def city_freq(self, code: int) -> float:
        return max(self.city.counts[code] / max(self.size, 1), 1e-5)

    def postal_freq(self, code: int) -> float:
        return max(self.postal.counts[code] / max(self.size, 1), 1e-5)

    # ------------------------------------------------------------------ lookups

    def by_pair(self, family: int, given: int) -> range:
        key = (family << _FAMILY_SHIFT) | given
        return range(bisect_left(self.fg_keys, key), bisect_right(self.fg_keys, key))

    def by_family(self, family: int) -> range:
        low = family << _FAMILY_SHIFT
        return range(bisect_left(self.fg_keys, low), bisect_left(self.fg_keys, low + (1 << 32)))

    def by_given_initial(self, given: int, initial: str) -> range:
        low = (given << _GIVEN_SHIFT) | (_initial(initial) << _INITIAL_SHIFT)
        return range(bisect_left(self.gf_keys, low), bisect_left(self.gf_keys, low + (1 << 32)))

    def by_given(self, given: int) -> range:
        low = given << _GIVEN_SHIFT
        top = low + (1 << _GIVEN_SHIFT)
        return range(bisect_left(self.gf_keys, low), bisect_left(self.gf_keys, top))

    def fg_patients(self, span: range) -> Iterator[int]:
        rows = self.fg_rows
        return (rows[j] for j in span)

    def gf_patients(self, span: range) -> Iterator[int]:
        rows = self.gf_rows
        return (rows[j] for j in span)

    def namesakes(self, i: int) -> int:
        """Patients sharing this patient's normalised given and family name."""
        return len(self.by_pair(self.pfamily[i], self.pgiven[i]))


def _adjusted(counts: list[int]) -> array[float]:
    table = good_turing(c for c in counts[1:] if c)
    return array("d", (table.get(c, float(c)) for c in counts))


def _sorted(keys: array[int], rows: array[int]) -> tuple[array[int], array[int]]:
    """Both arrays reordered by key (a permutation sort keeps the peak small)."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return array("Q", (keys[j] for j in order)), array("I", (rows[j] for j in order))
