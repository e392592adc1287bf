"""Benchmark: roster matching accuracy, calibration, speed and memory, beside Splink.

    .venv/bin/python benchmarks/bench_match.py --sizes 2000 20000 --accounts 10000
    .venv/bin/python benchmarks/bench_match.py --sizes 1000000 --accounts 10000 --splink
    .venv/bin/python benchmarks/bench_match.py --mode namesakes --splink --splink-python PY

A deterministic generator writes a synthetic roster (Zipf-distributed given and
family names, diacritics, Cyrillic written as transliterated, recorded maiden
names) and social-media accounts (~10 % patients) with display-name noise:
nicknames (from the generator's OWN nickname table, not the matcher's), typos,
married names, "Jane D.", surname first, handles, emoji, titles, descriptors.
Non-patients include relatives (same family name and city as a patient).
``--mode namesakes`` draws from a denser population (about 40 % of 1 M patients share
their exact name) with family-first names of five cultures (``namesake_data.py``) and
more nicknames, initials, surname-first names and descriptors.

Each system runs in a fresh subprocess so time and peak RSS are its own. Splink
(DuckDB; installed for the benchmark only, never a runtime dependency) gets the
same files, with display names split into given/family words by Armslength's
parser, so it is measured on its linkage engine, not on parsing.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import random
import resource
import subprocess
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from namesake_data import (  # noqa: E402
    CULTURE_SHARE,
    CulturePools,
    culture_display,
    culture_person,
    family_first,
    make_culture_pools,
)

# --------------------------------------------------------------------------- name pools

GIVEN_F = [
    "Mary",
    "Patricia",
    "Jennifer",
    "Linda",
    "Elizabeth",
    "Barbara",
    "Susan",
    "Jessica",
    "Sarah",
    "Karen",
    "Nancy",
    "Lisa",
    "Margaret",
    "Sandra",
    "Ashley",
    "Kimberly",
    "Emily",
    "Donna",
    "Michelle",
    "Carol",
    "Amanda",
    "Melissa",
    "Deborah",
    "Stephanie",
    "Rebecca",
    "Laura",
    "Sharon",
    "Cynthia",
    "Kathleen",
    "Amy",
    "Angela",
    "Anna",
    "Brenda",
    "Pamela",
    "Nicole",
    "Samantha",
    "Katherine",
    "Emma",
    "Ruth",
    "Christine",
    "Catherine",
    "Debra",
    "Rachel",
    "Carolyn",
    "Janet",
    "Virginia",
    "Maria",
    "Heather",
    "Diane",
    "Julie",
    "Joyce",
    "Victoria",
    "Olivia",
    "Kelly",
    "Christina",
    "Lauren",
    "Joan",
    "Evelyn",
    "Judith",
    "Megan",
    "Cheryl",
    "Andrea",
    "Hannah",
    "Jacqueline",
    "Martha",
    "Gloria",
    "Teresa",
    "Ann",
    "Sara",
    "Madison",
    "Frances",
    "Kathryn",
    "Janice",
    "Jean",
    "Abigail",
    "Alice",
    "Judy",
    "Sophia",
    "Grace",
    "Denise",
    "Amber",
    "Doris",
    "Marilyn",
    "Danielle",
    "Beverly",
    "Isabella",
    "Theresa",
    "Diana",
    "Natalie",
    "Brittany",
    "Charlotte",
    "Marie",
    "Kayla",
    "Alexis",
    "Lori",
    "Jane",
    "Eleanor",
    "Dorothy",
    "Josephine",
    "Penelope",
    "Valerie",
    "Helen",
]
GIVEN_M = [
    "James",
    "Robert",
    "John",
    "Michael",
    "David",
    "William",
    "Richard",
    "Joseph",
    "Thomas",
    "Charles",
    "Christopher",
    "Daniel",
    "Matthew",
    "Anthony",
    "Mark",
    "Donald",
    "Steven",
    "Paul",
    "Andrew",
    "Joshua",
    "Kenneth",
    "Kevin",
    "Brian",
    "George",
    "Timothy",
    "Ronald",
    "Edward",
    "Jason",
    "Jeffrey",
    "Ryan",
    "Jacob",
    "Gary",
    "Nicholas",
    "Eric",
    "Jonathan",
    "Stephen",
    "Larry",
    "Justin",
    "Scott",
    "Brandon",
    "Benjamin",
    "Samuel",
    "Gregory",
    "Alexander",
    "Frank",
    "Patrick",
    "Raymond",
    "Jack",
    "Dennis",
    "Jerry",
    "Tyler",
    "Aaron",
    "Jose",
    "Adam",
    "Nathan",
    "Henry",
    "Douglas",
    "Zachary",
    "Peter",
    "Kyle",
    "Ethan",
    "Walter",
    "Noah",
    "Jeremy",
    "Christian",
    "Keith",
    "Roger",
    "Terry",
    "Gerald",
    "Harold",
    "Sean",
    "Austin",
    "Carl",
    "Arthur",
    "Lawrence",
    "Dylan",
    "Jesse",
    "Jordan",
    "Bryan",
    "Billy",
    "Joe",
    "Bruce",
    "Gabriel",
    "Logan",
    "Albert",
    "Willie",
    "Alan",
    "Juan",
    "Wayne",
    "Elijah",
    "Randy",
    "Roy",
    "Vincent",
    "Ralph",
    "Eugene",
    "Russell",
    "Bobby",
    "Mason",
    "Philip",
    "Louis",
    "Theodore",
    "Frederick",
    "Leonard",
    "Nathaniel",
]
FAMILY = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Gomez",
    "Phillips",
    "Evans",
    "Turner",
    "Diaz",
    "Parker",
    "Cruz",
    "Edwards",
    "Collins",
    "Reyes",
    "Stewart",
    "Morris",
    "Morales",
    "Murphy",
    "Cook",
    "Rogers",
    "Gutierrez",
    "Ortiz",
    "Morgan",
    "Cooper",
    "Peterson",
    "Bailey",
    "Reed",
    "Kelly",
    "Howard",
    "Ramos",
    "Kim",
    "Cox",
    "Ward",
    "Richardson",
    "Watson",
    "Brooks",
    "Chavez",
    "Wood",
    "James",
    "Bennett",
    "Gray",
    "Mendoza",
    "Ruiz",
    "Hughes",
    "Price",
    "Alvarez",
    "Castillo",
    "Sanders",
    "Patel",
    "Myers",
    "Long",
    "Ross",
    "Foster",
    "Jimenez",
    "Powell",
    "Jenkins",
    "Perry",
    "Russell",
    "Sullivan",
    "Bell",
    "Coleman",
    "Butler",
    "Henderson",
    "Barnes",
    "Gonzales",
    "Fisher",
    "Vasquez",
    "Simmons",
    "Romero",
    "Jordan",
    "Patterson",
]
FOREIGN_GIVEN = [
    "José",
    "María",
    "Zoë",
    "François",
    "Hélène",
    "Søren",
    "Øyvind",
    "Łukasz",
    "Małgorzata",
    "Jürgen",
    "Müge",
    "Ángel",
    "Inés",
    "Renée",
    "Chloé",
    "Noémie",
    "Björn",
    "Åsa",
    "Dvořák",
    "Tomáš",
    "Jiří",
    "Zuzana",
    "Siobhán",
    "Seán",
    "Aoife",
    "Niamh",
    "Ólafur",
    "Raúl",
    "Lucía",
    "Joël",
    "Anaïs",
    "Gaël",
    "Jérôme",
    "Ignacy",
    "Agnieszka",
    "Dagný",
    "Héctor",
    "Beñat",
    "Iñaki",
]
FOREIGN_FAMILY = [
    "García",
    "Müller",
    "Lefèvre",
    "Sørensen",
    "Wójcik",
    "Nowák",
    "Dvořák",
    "Núñez",
    "Peña",
    "Ibáñez",
    "Jiménez",
    "Östlund",
    "Håkansson",
    "Kovačević",
    "Ó'Brien",
    "Mäkelä",
    "Çelik",
    "Yılmaz",
    "Şahin",
    "Gómez",
    "Martín",
    "Pérez",
    "Schröder",
    "Jäger",
    "Böhm",
    "Fernández",
    "Rodríguez",
    "Muñoz",
    "Léger",
    "Bélanger",
    "Côté",
    "Gagné",
    "Lévesque",
    "Ó'Sullivan",
    "Nuñez",
]
CYRILLIC_GIVEN = [
    "Иван",
    "Ольга",
    "Дмитрий",
    "Наталья",
    "Сергей",
    "Татьяна",
    "Алексей",
    "Екатерина",
    "Андрей",
    "Юлия",
]
CYRILLIC_FAMILY = [
    "Иванов",
    "Смирнова",
    "Кузнецов",
    "Попова",
    "Соколов",
    "Лебедева",
    "Козлов",
    "Новикова",
    "Морозов",
]

# The generator's own nickname table (hand-written, independent of the `nicknames` package
# the matcher uses), so nickname recall is not measured against the table that generated it.
GEN_NICKNAMES: dict[str, tuple[str, ...]] = {
    "Robert": ("Bob", "Rob", "Bobby", "Robbie"),
    "William": ("Bill", "Will", "Billy", "Liam"),
    "Elizabeth": ("Liz", "Beth", "Betty", "Lizzie", "Eliza"),
    "Katherine": ("Kate", "Katie", "Kathy", "Kat"),
    "Catherine": ("Cathy", "Cat", "Kate"),
    "Jennifer": ("Jen", "Jenny", "Jenn"),
    "Margaret": ("Maggie", "Peggy", "Meg", "Greta"),
    "James": ("Jim", "Jimmy", "Jamie"),
    "Michael": ("Mike", "Mikey", "Mick"),
    "Richard": ("Rick", "Dick", "Rich", "Ricky"),
    "Thomas": ("Tom", "Tommy"),
    "Christopher": ("Chris", "Topher", "Kit"),
    "Daniel": ("Dan", "Danny"),
    "Matthew": ("Matt", "Matty"),
    "Anthony": ("Tony", "Ant"),
    "Joseph": ("Joe", "Joey"),
    "Charles": ("Charlie", "Chuck", "Chaz"),
    "Edward": ("Ed", "Eddie", "Ted", "Ned"),
    "Patricia": ("Pat", "Patty", "Trish", "Tricia"),
    "Susan": ("Sue", "Suzy", "Susie"),
    "Deborah": ("Deb", "Debbie"),
    "Rebecca": ("Becky", "Becca"),
    "Alexander": ("Alex", "Sasha", "Xander"),
    "Samantha": ("Sam", "Sammie"),
    "Victoria": ("Vicky", "Tori", "Vic"),
    "Nicholas": ("Nick", "Nicky"),
    "Benjamin": ("Ben", "Benny"),
    "Jonathan": ("Jon", "Jonny"),
    "Steven": ("Steve",),
    "Timothy": ("Tim", "Timmy"),
    "Andrew": ("Andy", "Drew"),
    "Kenneth": ("Ken", "Kenny"),
    "Gregory": ("Greg",),
    "Douglas": ("Doug",),
    "Lawrence": ("Larry", "Laurie"),
    "Theodore": ("Ted", "Teddy", "Theo"),
    "Abigail": ("Abby", "Gail"),
    "Jacqueline": ("Jackie",),
    "Josephine": ("Jo", "Josie"),
    "Kimberly": ("Kim",),
    "Natalie": ("Nat",),
    "Pamela": ("Pam",),
    "Penelope": ("Penny", "Nell"),
    "Valerie": ("Val",),
    "Zachary": ("Zach", "Zack"),
    "Nathaniel": ("Nate", "Nat"),
    "Frederick": ("Fred", "Freddie"),
    "Gerald": ("Gerry", "Jerry"),
    "Harold": ("Harry", "Hal"),
    "Henry": ("Harry", "Hank"),
    "Leonard": ("Leo", "Len", "Lenny"),
    "Peter": ("Pete",),
    "Raymond": ("Ray",),
    "Ronald": ("Ron", "Ronnie"),
    "Samuel": ("Sam", "Sammy"),
    "Walter": ("Walt", "Wally"),
    "Donald": ("Don", "Donny"),
    "Albert": ("Al", "Bert"),
    "Cynthia": ("Cindy",),
    "Christine": ("Chris", "Chrissy", "Tina"),
    "Christina": ("Tina", "Chrissy"),
    "Judith": ("Judy", "Jude"),
    "Kathleen": ("Kathy", "Kath"),
    "Melissa": ("Mel", "Missy"),
    "Michelle": ("Shelly", "Chelle"),
    "Sandra": ("Sandy",),
    "Teresa": ("Terri", "Tess"),
    "Virginia": ("Ginny",),
    "Angela": ("Angie",),
    "Barbara": ("Barb", "Babs"),
    "Carolyn": ("Carol", "Carrie"),
    "Jessica": ("Jess", "Jessie"),
    "Joshua": ("Josh",),
    "Mary": ("Molly", "Polly", "Mamie"),
    "Sarah": ("Sally", "Sadie"),
    "Helen": ("Nell", "Lena"),
    "Eleanor": ("Ellie", "Nora"),
    "Dorothy": ("Dot", "Dottie", "Dolly"),
    "Frances": ("Fran", "Frankie"),
    "Stephanie": ("Steph",),
    "Gabriel": ("Gabe",),
    "Alan": ("Al",),
    "Vincent": ("Vince", "Vinny"),
    "Philip": ("Phil",),
    "Louis": ("Lou",),
}


@dataclass(frozen=True)
class Mode:
    """Generator settings of one benchmark mode."""

    name: str
    given_tail: int
    family_tail: int
    nickname: float
    layout: tuple[tuple[str, float], ...]
    descriptor: float


STANDARD = Mode(
    "standard",
    2700,
    150_000,
    0.22,
    (
        ("Jane D.", 0.04),
        ("surname-first", 0.03),
        ("given-only", 0.03),
        ("handle", 0.05),
        ("middle name", 0.05),
    ),
    0.03,
)
NAMESAKES = Mode(
    "namesakes",
    1000,
    80_000,
    0.35,
    (
        ("surname initial only", 0.06),
        ("given initial only", 0.05),
        ("surname first", 0.08),
        ("given-only", 0.03),
        ("handle", 0.05),
        ("middle name", 0.05),
    ),
    0.08,
)
"""More namesakes (smaller name pools: at 1 M patients about 40 % share their exact
name), family-first names of five cultures, and more of the hard noise kinds."""
MODES = {m.name: m for m in (STANDARD, NAMESAKES)}

POPULATION_GIVEN = 2700
"""Rare given names per sex beyond the common ones (the US 1990 list has ~5,500 in all)."""
POPULATION_FAMILY = 150_000
"""Rare family names beyond the common ones (the US 2000 list has ~150,000)."""


def _syllable_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    onsets = [
        "b",
        "br",
        "c",
        "ch",
        "d",
        "dr",
        "f",
        "g",
        "gr",
        "h",
        "j",
        "k",
        "l",
        "m",
        "n",
        "p",
        "pr",
        "r",
        "s",
        "sh",
        "st",
        "t",
        "th",
        "tr",
        "v",
        "w",
        "y",
        "z",
    ]
    vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ie", "ou"]
    codas = ["", "", "n", "r", "l", "s", "th", "ck", "m", "rd", "nd", "tt", "ll", "x"]
    out: list[str] = []
    while len(out) < count:
        parts = [
            rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
            for _ in range(rng.choice((2, 2, 3)))
        ]
        name = "".join(parts).capitalize()
        if name.lower() not in taken and 4 <= len(name) <= 14:
            taken.add(name.lower())
            out.append(name)
    return out


def _accented(rng: random.Random, names: list[str]) -> list[str]:
    accents = {
        "a": "áàäå",
        "e": "éèë",
        "i": "íï",
        "o": "óöø",
        "u": "úüů",
        "c": "çč",
        "n": "ñ",
        "s": "šş",
        "z": "ž",
    }
    out = []
    for name in names:
        spots = [i for i, ch in enumerate(name) if ch in accents]
        if spots:
            i = rng.choice(spots)
            name = name[:i] + rng.choice(accents[name[i]]) + name[i + 1 :]
        out.append(name)
    return out


_CYR = dict(zip("abcdefghijklmnopqrstuvwyz", "абкдефгхийклмнопкрстуввыз", strict=True)) | {
    "x": "кс"
}


def _to_cyrillic(name: str) -> str:
    text = name.lower().replace("sh", "ш").replace("ch", "ч").replace("th", "т").replace("w", "в")
    return "".join(_CYR.get(c, c) for c in text).capitalize()


def _zipf_cum(count: int, offset: float) -> list[float]:
    return list(accumulate(1.0 / (r + offset) for r in range(1, count + 1)))


@dataclass
class Pools:
    given_f: list[str]
    given_m: list[str]
    family: list[str]
    cities: list[str]
    cum_given_f: list[float] = field(default_factory=list)
    cum_given_m: list[float] = field(default_factory=list)
    cum_family: list[float] = field(default_factory=list)
    cum_city: list[float] = field(default_factory=list)
    foreign_given: list[str] = field(default_factory=list)
    foreign_family: list[str] = field(default_factory=list)
    cum_foreign_given: list[float] = field(default_factory=list)
    cum_foreign_family: list[float] = field(default_factory=list)
    cyrillic_given: list[str] = field(default_factory=list)
    cyrillic_family: list[str] = field(default_factory=list)
    cum_cyrillic_given: list[float] = field(default_factory=list)
    cum_cyrillic_family: list[float] = field(default_factory=list)
    mode: Mode = STANDARD
    cultures: CulturePools | None = None


def make_pools(rng: random.Random, mode: Mode = STANDARD) -> Pools:
    """Name pools of the whole population (the same whatever the roster size)."""
    taken = {n.lower() for n in GIVEN_F + GIVEN_M + FAMILY}
    given_tail, family_tail = mode.given_tail, mode.family_tail
    pools = Pools(
        mode=mode,
        given_f=GIVEN_F + _syllable_names(rng, given_tail, taken),
        given_m=GIVEN_M + _syllable_names(rng, given_tail, taken),
        family=FAMILY + _syllable_names(rng, family_tail, taken),
        cities=_syllable_names(rng, 400, set()),
    )
    pools.cum_given_f = _zipf_cum(len(pools.given_f), 3)
    pools.cum_given_m = _zipf_cum(len(pools.given_m), 3)
    pools.cum_family = _zipf_cum(len(pools.family), 10)
    pools.cum_city = _zipf_cum(len(pools.cities), 2)
    pools.foreign_given = FOREIGN_GIVEN + _accented(
        rng, _syllable_names(rng, given_tail // 4, taken)
    )
    pools.foreign_family = FOREIGN_FAMILY + _accented(
        rng, _syllable_names(rng, family_tail // 8, taken)
    )
    pools.cum_foreign_given = _zipf_cum(len(pools.foreign_given), 3)
    pools.cum_foreign_family = _zipf_cum(len(pools.foreign_family), 10)
    pools.cyrillic_given = CYRILLIC_GIVEN + [
        _to_cyrillic(n) for n in _syllable_names(rng, given_tail // 8, taken)
    ]
    pools.cyrillic_family = CYRILLIC_FAMILY + [
        _to_cyrillic(n) for n in _syllable_names(rng, family_tail // 16, taken)
    ]
    pools.cum_cyrillic_given = _zipf_cum(len(pools.cyrillic_given), 3)
    pools.cum_cyrillic_family = _zipf_cum(len(pools.cyrillic_family), 10)
    if mode is NAMESAKES:
        pools.cultures = make_culture_pools(rng)
    return pools


# --------------------------------------------------------------------------- people


@dataclass
class Person:
    given: str
    family: str
    sex: str
    city: str
    birth: date
    email: str | None
    phone: str | None
    roster_given: str = ""
    roster_family: str = ""
    maiden: str | None = None
    script: str = "latin"


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _translit(text: str) -> str:
    from anyascii import anyascii

    return str(anyascii(text))


def make_person(rng: random.Random, pools: Pools) -> Person:
    sex = rng.choice("FM")
    roll = rng.random()
    script = "latin"
    if pools.cultures is not None and rng.random() < CULTURE_SHARE:
        culture, given, family = culture_person(rng, pools.cultures, sex)
        script = f"culture:{culture}"
    elif roll < 0.015:
        given = rng.choices(pools.cyrillic_given, cum_weights=pools.cum_cyrillic_given)[0]
        family = rng.choices(pools.cyrillic_family, cum_weights=pools.cum_cyrillic_family)[0]
        script = "cyrillic"
    elif roll < 0.12:
        given = rng.choices(pools.foreign_given, cum_weights=pools.cum_foreign_given)[0]
        family = rng.choices(pools.foreign_family, cum_weights=pools.cum_foreign_family)[0]
        script = "diacritics"
    else:
        names, cum = (
            (pools.given_f, pools.cum_given_f) if sex == "F" else (pools.given_m, pools.cum_given_m)
        )
        given = rng.choices(names, cum_weights=cum)[0]
        family = rng.choices(pools.family, cum_weights=pools.cum_family)[0]
    city = rng.choices(pools.cities, cum_weights=pools.cum_city)[0]
    birth = date(rng.randint(1930, 2008), rng.randint(1, 12), rng.randint(1, 28))
    person = Person(given, family, sex, city, birth, None, None, script=script)
    person.roster_given, person.roster_family = _roster_form(rng, given, family, script)
    if rng.random() < 0.85:
        local = f"{_translit(given)}.{_translit(family)}".lower().replace("'", "")
        person.email = (
            f"{local}{rng.randint(1, 999)}@{rng.choice(('mail.test', 'post.test', 'inbox.test'))}"
        )
    if rng.random() < 0.95:
        person.phone = "07" + "".join(rng.choice("0123456789") for _ in range(9))
    if sex == "F" and rng.random() < 0.06:
        person.maiden = rng.choices(pools.family, cum_weights=pools.cum_family)[0]
    return person


def _roster_form(rng: random.Random, given: str, family: str, script: str) -> tuple[str, str]:
    if script == "cyrillic":
        return _translit(given), _translit(family)
    if script.startswith("culture:") and rng.random() < 0.3:
        return _ascii(given), _ascii(family)
    if script == "diacritics" and rng.random() < 0.5:
        return _ascii(given), _ascii(family)
    return given, family


# --------------------------------------------------------------------------- display noise

EMOJI = ["🌸", "✨", "💙", "🇬🇧", "🏳️‍🌈", "☀️", "🐶", "⚽", "❤️"]
TITLES = ["Dr", "Dr.", "Mrs", "Mr", "Coach", "Rev."]
CREDENTIALS = [", RN", " MD", ", PhD", " Jr.", ", NP"]
DESCRIPTORS = ["Mom of 3 | {}", "{} - Realtor", "{} | Photography", "{} (she/her)", "{} • Dog mum"]


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double", "sub"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiourstnl") + word[i + 1 :]


def display_name(
    rng: random.Random, person: Person, pools: Pools, patient: bool
) -> tuple[str, list[str]]:
    """The name an account shows, and the noise tags applied."""
    tags: list[str] = []
    given, family = person.given, person.family
    if person.script.startswith("culture:"):
        return _culture_display(rng, person, pools)
    if person.script == "diacritics" and rng.random() < 0.3:
        given, family = _ascii(given), _ascii(family)
        tags.append("ascii-typed")
    if person.script != "latin":
        tags.append(person.script)
    nicks = GEN_NICKNAMES.get(given)
    if nicks and rng.random() < pools.mode.nickname:
        given = rng.choice(nicks)
        tags.append("nickname")
    if person.maiden and rng.random() < 0.5:
        family, tags = person.maiden, [*tags, "shows recorded maiden name"]
    elif patient and person.sex == "F" and rng.random() < 0.10:
        family, tags = _married(rng, family, pools, tags)
    if rng.random() < 0.04:
        given, tags = _typo(rng, given), [*tags, "typo given"]
    if rng.random() < 0.04:
        family, tags = _typo(rng, family), [*tags, "typo family"]
    return _layout(rng, given, family, tags, pools.mode)


def _culture_display(rng: random.Random, person: Person, pools: Pools) -> tuple[str, list[str]]:
    culture = person.script.split(":", 1)[1]
    given, family, tags = culture_display(rng, culture, person.given, person.family)
    if family_first(rng, culture):
        return _decorate(rng, f"{family} {given}", [*tags, "family first"], pools.mode)
    return _layout(rng, given, family, tags, pools.mode)


def _married(
    rng: random.Random, family: str, pools: Pools, tags: list[str]
) -> tuple[str, list[str]]:
    new = rng.choices(pools.family, cum_weights=pools.cum_family)[0]
    roll = rng.random()
    if roll < 0.4:
        return f"{new} ({family})", [*tags, "maiden in parentheses"]
    if roll < 0.6:
        return f"{family}-{new}", [*tags, "double-barrelled"]
    return new, [*tags, "married name changed"]


def _layout(
    rng: random.Random, given: str, family: str, tags: list[str], mode: Mode = STANDARD
) -> tuple[str, list[str]]:
    roll, tag = rng.random(), "plain"
    for kind, share in mode.layout:
        if roll < share:
            tag = kind
            break
        roll -= share
    family_word = family.split(" (")[0]
    text = _laid_out(rng, tag, given, family, family_word)
    tags = [*tags, tag]
    if tag not in ("handle",):
        text, tags = _decorate(rng, text, tags, mode)
    return text, tags


def _laid_out(rng: random.Random, tag: str, given: str, family: str, family_word: str) -> str:
    if tag in ("Jane D.", "surname initial only"):
        return f"{given} {family_word[0]}."
    if tag == "given initial only":
        return f"{given[0]}. {family}"
    if tag in ("surname-first", "surname first"):
        return f"{family}, {given}" if rng.random() < 0.5 else f"{family} {given}"
    if tag == "given-only":
        return given
    if tag == "handle":
        return _handle(rng, given, family_word)
    if tag == "middle name":
        return f"{given} {rng.choice(('Ann', 'Marie', 'Lee', 'J.', 'Rose'))} {family}"
    return f"{given} {family}"


def _handle(rng: random.Random, given: str, family: str) -> str:
    g, f = _translit(given).lower(), _translit(family).lower().replace("'", "")
    style = rng.random()
    if style < 0.35:
        return f"{g}.{f}"
    if style < 0.65:
        return f"{g}{f}{rng.randint(1, 99)}"
    if style < 0.85:
        return f"{g.capitalize()}{f.capitalize()}"
    return f"{g}_{f}"


def _decorate(
    rng: random.Random, text: str, tags: list[str], mode: Mode = STANDARD
) -> tuple[str, list[str]]:
    if rng.random() < 0.10:
        text, tags = f"{text} {rng.choice(EMOJI)}", [*tags, "emoji"]
    if rng.random() < 0.04:
        text, tags = f"{rng.choice(TITLES)} {text}", [*tags, "title"]
    if rng.random() < 0.03:
        text, tags = f"{text}{rng.choice(CREDENTIALS)}", [*tags, "credential"]
    if rng.random() < mode.descriptor:
        text, tags = rng.choice(DESCRIPTORS).format(text), [*tags, "descriptor"]
    if rng.random() < 0.08:
        text, tags = (text.lower() if rng.random() < 0.7 else text.upper()), [*tags, "case"]
    return text, tags


# --------------------------------------------------------------------------- files


def generate(
    out: Path, roster_size: int, accounts: int, share: float, seed: int, mode: Mode = STANDARD
) -> dict[str, Any]:
    """Write roster.csv, accounts.jsonl and truth.jsonl under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    started = time.perf_counter()
    pools = make_pools(rng, mode)
    n_patients = round(accounts * share)
    patient_rows = set(rng.sample(range(roster_size), n_patients))
    chosen: dict[int, Person] = {}
    with (out / "roster.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "given", "family", "other_names", "dob", "city", "email", "phone"])
        for i in range(roster_size):
            person = make_person(rng, pools)
            if i in patient_rows:
                chosen[i] = person
            writer.writerow(_roster_row(i, person))
    _write_accounts(out, rng, pools, chosen, accounts - n_patients)
    return {
        "generate_s": round(time.perf_counter() - started, 1),
        "namesake_share": namesake_share(out / "roster.csv"),
    }


def namesake_share(roster: Path) -> float:
    """Share of roster rows whose folded given+family name another row also has."""
    with roster.open(encoding="utf-8") as handle:
        keys = [
            (_ascii(r["given"]).lower(), _ascii(r["family"]).lower())
            for r in csv.DictReader(handle)
        ]
    counts = Counter(keys)
    return round(sum(1 for k in keys if counts[k] > 1) / max(len(keys), 1), 3)


def population_share(mode: Mode, size: int, seed: int) -> float:
    """Namesake share of a roster of ``size`` people drawn from the mode's population."""
    rng = random.Random(seed)
    pools = make_pools(rng, mode)
    keys = []
    for _ in range(size):
        person = make_person(rng, pools)
        keys.append((_ascii(person.roster_given).lower(), _ascii(person.roster_family).lower()))
    counts = Counter(keys)
    return round(sum(1 for k in keys if counts[k] > 1) / max(size, 1), 3)


def _roster_row(i: int, p: Person) -> list[str]:
    family, other = p.roster_family, ""
    if p.maiden:
        other = p.maiden
    return [
        f"P{i:07d}",
        p.roster_given,
        family,
        other,
        p.birth.isoformat(),
        p.city,
        p.email or "",
        p.phone or "",
    ]


def _account_hints(rng: random.Random, person: Person, pools: Pools) -> dict[str, Any]:
    hints: dict[str, Any] = {}
    if rng.random() < 0.45:
        hints["city"] = person.city if rng.random() < 0.85 else rng.choice(pools.cities)
    if person.email and rng.random() < 0.12:
        hints["email"] = person.email
    if person.phone and rng.random() < 0.08:
        hints["phone"] = person.phone
    if rng.random() < 0.05:
        hints["birth_year"] = person.birth.year
    return hints


def _write_accounts(
    out: Path, rng: random.Random, pools: Pools, patients: dict[int, Person], others: int
) -> None:
    people: list[tuple[str | None, Person]] = [(f"P{i:07d}", p) for i, p in patients.items()]
    relatives = list(patients.values()) or [make_person(rng, pools)]
    for _ in range(others):
        person = make_person(rng, pools)
        if rng.random() < 0.15:
            kin = rng.choice(relatives)
            _take_family(person, kin)
        people.append((None, person))
    rng.shuffle(people)
    with (
        (out / "accounts.jsonl").open("w", encoding="utf-8") as acc,
        (out / "truth.jsonl").open("w") as truth,
    ):
        for n, (pid, person) in enumerate(people):
            name, tags = display_name(rng, person, pools, pid is not None)
            acc.write(
                json.dumps({"id": f"A{n:06d}", "name": name, **_account_hints(rng, person, pools)})
                + "\n"
            )
            truth.write(json.dumps({"id": f"A{n:06d}", "patient_id": pid, "tags": tags}) + "\n")


def _take_family(person: Person, kin: Person) -> None:
    """A relative: the patient's family name and town. The e-mail address, made from the
    person's own name, follows the family name (same number and domain; no draw, so the
    rest of the data set is unchanged)."""
    old = _translit(person.family).lower().replace("'", "")
    person.family, person.city = kin.family, kin.city
    if person.email:
        local, _, domain = person.email.partition("@")
        given, _, rest = local.partition(".")
        number = rest[len(old) :] if rest.startswith(old) else ""
        family = _translit(kin.family).lower().replace("'", "")
        person.email = f"{given}.{family}{number}@{domain}"


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


# --------------------------------------------------------------------------- systems


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    """CPU time of this process (user + system): less sensitive than wall time to a busy host."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_armslength(work: Path, prior: float, *, independent: bool = False) -> dict[str, Any]:
    """Match every account; the accounts are distinct, so by default the scores allow
    for each patient having at most one of them (``independent``: each account alone)."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from armslength.roster import load_roster
    from armslength.roster.match import AccountInfo, Model, match, match_index

    t0 = time.perf_counter()
    roster = load_roster(work / "roster.csv")
    t1 = time.perf_counter()
    match_index(roster)
    t2 = time.perf_counter()
    accounts = list(read_jsonl(work / "accounts.jsonl"))
    infos = [
        AccountInfo(
            a["name"], None, a.get("city"), a.get("email"), a.get("phone"), a.get("birth_year")
        )
        for a in accounts
    ]
    with (work / "pred_armslength.jsonl").open("w") as out:
        for acc, result in zip(
            accounts,
            match(
                infos,
                roster,
                top=5,
                min_score=0.001,
                model=Model(prior=prior),
                one_account_each=not independent,
            ),
            strict=True,
        ):
            out.write(
                json.dumps(
                    {
                        "id": acc["id"],
                        "candidates": [[c.patient_id, c.score] for c in result.candidates],
                    }
                )
                + "\n"
            )
    t3 = time.perf_counter()
    return {
        "load_s": t1 - t0,
        "index_s": t2 - t1,
        "match_s": t3 - t2,
        "total_s": t3 - t0,
        "cpu_s": _cpu_s(),
        "peak_mib": _peak_mib(),
    }


def _splink_tables(work: Path) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    sys.path.insert(0, str(HERE.parent / "src"))
    import jellyfish

    from armslength.roster.names import join_surname, normalize_name, parse_display_name

    def meta(text: str | None) -> str | None:
        return jellyfish.metaphone(text) if text else None

    roster: dict[str, list[Any]] = defaultdict(list)
    with (work / "roster.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            given = (normalize_name(row["given"]).split() or [None])[0]
            family = join_surname(normalize_name(row["family"])) or None
            _append(
                roster,
                row["id"],
                given,
                family,
                normalize_name(row["city"]) or None,
                row["email"].lower() or None,
                meta,
            )
    accounts: dict[str, list[Any]] = defaultdict(list)
    for acc in read_jsonl(work / "accounts.jsonl"):
        words = parse_display_name(acc["name"]).words
        given = words[0] if words else None
        family = join_surname(words[-1]) if len(words) > 1 else None
        city = normalize_name(acc["city"]) if acc.get("city") else None
        _append(
            accounts, acc["id"], given, family, city, (acc.get("email") or "").lower() or None, meta
        )
    return dict(roster), dict(accounts)


def _append(
    table: dict[str, list[Any]],
    uid: str,
    given: str | None,
    family: str | None,
    city: str | None,
    email: str | None,
    meta: Callable[[str | None], str | None],
) -> None:
    table["unique_id"].append(uid)
    table["given"].append(given)
    table["family"].append(family)
    table["city"].append(city)
    table["email"].append(email)
    table["family_dm"].append(meta(family))


def run_splink(work: Path, prior: float) -> dict[str, Any]:
    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    t0 = time.perf_counter()
    roster, accounts = _splink_tables(work)
    db = DuckDBAPI()
    left = db.register(pa.table(accounts), table_name="accounts")
    right = db.register(pa.table(roster), table_name="roster")
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("given").configure(term_frequency_adjustments=True),
            cl.NameComparison("family").configure(term_frequency_adjustments=True),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
            cl.ExactMatch("email"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given", "family"),
            block_on("family"),
            block_on("given", "city"),
            block_on("family_dm", "substr(given, 1, 1)"),
            block_on("email"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker([left, right], settings, log_level=40)
    t1 = time.perf_counter()
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given", "family")], recall=0.5
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    # EM on narrow blocks (a whole given name or family name is too many pairs at 1 M).
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("family", "substr(given, 1, 1)")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("given", "substr(family, 1, 2)")
    )
    t2 = time.perf_counter()
    rows = linker.inference.predict(threshold_match_probability=0.001).as_record_list()
    best: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for row in rows:
        a, b = row["unique_id_l"], row["unique_id_r"]
        acc, pid = (a, b) if str(a).startswith("A") else (b, a)
        best[acc].append((pid, float(row["match_probability"])))
    with (work / "pred_splink.jsonl").open("w") as out:
        for acc_id, cands in best.items():
            cands.sort(key=lambda c: -c[1])
            out.write(json.dumps({"id": acc_id, "candidates": cands[:5]}) + "\n")
    t3 = time.perf_counter()
    return {
        "prepare_s": t1 - t0,
        "train_s": t2 - t1,
        "predict_s": t3 - t2,
        "total_s": t3 - t0,
        "cpu_s": _cpu_s(),
        "peak_mib": _peak_mib(),
        "pairs": len(rows),
    }


# --------------------------------------------------------------------------- evaluation

THRESHOLDS = (0.5, 0.9)


def _prf(tp: int, flagged: int, positives: int) -> dict[str, float]:
    p = tp / flagged if flagged else 0.0
    r = tp / positives if positives else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
    }


def evaluate(work: Path, system: str) -> dict[str, Any]:
    truth = {t["id"]: t for t in read_jsonl(work / "truth.jsonl")}
    preds = {p["id"]: p["candidates"] for p in read_jsonl(work / f"pred_{system}.jsonl")}
    positives = sum(1 for t in truth.values() if t["patient_id"])
    result: dict[str, Any] = {"accounts": len(truth), "patients": positives}
    for threshold in THRESHOLDS:
        result[f"@{threshold}"] = _at_threshold(truth, preds, positives, threshold, system)
    result["best_f1"] = _best_f1(truth, preds, positives)
    result["calibration"] = calibration(truth, preds)
    result["recall_by_tag"] = _tag_recall(truth, preds, 0.5)
    return result


def _detect_score(cands: Sequence[Sequence[Any]], system: str) -> float:
    if not cands:
        return 0.0
    return min(sum(c[1] for c in cands), 1.0) if system == "armslength" else float(cands[0][1])


def _at_threshold(
    truth: dict[str, Any], preds: dict[str, Any], positives: int, threshold: float, system: str
) -> dict[str, Any]:
    flagged_d = tp_d = flagged_i = tp_i = 0
    for acc, t in truth.items():
        cands = preds.get(acc, [])
        if _detect_score(cands, system) >= threshold:
            flagged_d += 1
            tp_d += t["patient_id"] is not None
        if cands and cands[0][1] >= threshold:
            flagged_i += 1
            tp_i += cands[0][0] == t["patient_id"]
    return {
        "is_a_patient": _prf(tp_d, flagged_d, positives),
        "is_this_patient": _prf(tp_i, flagged_i, positives),
    }


def _best_f1(truth: dict[str, Any], preds: dict[str, Any], positives: int) -> dict[str, Any]:
    scored = sorted(
        ((c[0][1], c[0][0] == truth[a]["patient_id"]) for a, c in preds.items() if c), reverse=True
    )
    best, tp = {"f1": 0.0, "threshold": 1.0}, 0
    for n, (score, ok) in enumerate(scored, start=1):
        tp += ok
        f1 = 2 * tp / (n + positives)
        if f1 > best["f1"]:
            best = {"f1": round(f1, 3), "threshold": round(score, 4)}
    return best


def calibration(truth: dict[str, Any], preds: dict[str, Any], bins: int = 10) -> dict[str, Any]:
    """Every (account, candidate) score ≥ 0.01 against whether that candidate is the account."""
    sums, hits, counts = [0.0] * bins, [0] * bins, [0] * bins
    for acc, cands in preds.items():
        for pid, score in cands:
            if score < 0.01:
                continue
            b = min(int(score * bins), bins - 1)
            sums[b] += score
            hits[b] += pid == truth[acc]["patient_id"]
            counts[b] += 1
    total = sum(counts) or 1
    rows = [
        {
            "bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}",
            "n": counts[b],
            "mean_score": round(sums[b] / counts[b], 3),
            "observed": round(hits[b] / counts[b], 3),
        }
        for b in range(bins)
        if counts[b]
    ]
    ece = sum(
        counts[b] / total * abs(sums[b] / counts[b] - hits[b] / counts[b])
        for b in range(bins)
        if counts[b]
    )
    return {"ece": round(ece, 3), "bins": rows}


def _tag_recall(truth: dict[str, Any], preds: dict[str, Any], threshold: float) -> dict[str, str]:
    found, total = Counter[str](), Counter[str]()
    for acc, t in truth.items():
        if not t["patient_id"]:
            continue
        cands = preds.get(acc, [])
        ok = bool(cands) and cands[0][1] >= threshold and cands[0][0] == t["patient_id"]
        for tag in t["tags"]:
            total[tag] += 1
            found[tag] += ok
    return {tag: f"{found[tag] / total[tag]:.2f} ({total[tag]})" for tag in sorted(total)}


# --------------------------------------------------------------------------- driver


def _child(
    system: str, work: Path, prior: float, python: str | None = None, *, independent: bool = False
) -> dict[str, Any]:
    cmd = [
        python or sys.executable,
        __file__,
        "--child",
        system,
        "--work",
        str(work),
        "--prior",
        str(prior),
        *(["--independent"] if independent else []),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["failed"]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def bench_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    mode = MODES[args.mode]
    folder = f"roster_{size}" if mode is STANDARD else f"{mode.name}_{size}"
    work = Path(args.work) / folder
    info: dict[str, Any] = {
        "roster": size,
        "accounts": args.accounts,
        "share": args.share,
        "mode": mode.name,
        "one_account_each": not args.independent,
    }
    if not (args.reuse and (work / "truth.jsonl").exists()):
        info.update(generate(work, size, args.accounts, args.share, args.seed + size, mode))
    systems = [
        *([] if args.no_armslength else ["armslength"]),
        *(["splink"] if args.splink else []),
    ]
    for system in systems:
        python = args.splink_python if system == "splink" else None
        run = _child(system, work, args.share, python, independent=args.independent)
        info[system] = {"run": run, **(evaluate(work, system) if "error" not in run else {})}
        print(json.dumps({"size": size, system: info[system]}, indent=1)[:4000], file=sys.stderr)
    return info


def _row(res: dict[str, Any], system: str) -> str:
    x = res.get(system)
    if not x or "error" in x["run"]:
        return f"| {res['roster']:,} | {system} | failed | | | | | | |"
    run, half, nine = x["run"], x["@0.5"], x["@0.9"]

    def pr(d: dict[str, float]) -> str:
        return f"{d['precision']:.3f} / {d['recall']:.3f} / **{d['f1']:.3f}**"

    return (
        f"| {res['roster']:,} | {system} | {pr(half['is_a_patient'])} | {pr(half['is_this_patient'])} "
        f"| {pr(nine['is_this_patient'])} | {x['calibration']['ece']:.3f} "
        f"| {run['total_s']:.1f} s ({run.get('cpu_s', 0):.1f} s) | {run['peak_mib']:,.0f} MiB |"
    )


def render_markdown(report: dict[str, Any]) -> str:
    """The results table of docs/benchmarks.md."""
    lines = [
        "| roster | system | is a patient P / R / F1 @0.5 | is this patient P / R / F1 @0.5 "
        "| is this patient @0.9 | ECE | wall (CPU) time | peak RSS |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for res in report["results"]:
        lines += [_row(res, s) for s in ("armslength", "splink") if s in res]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000, 20000])
    parser.add_argument(
        "--mode",
        choices=sorted(MODES),
        default="standard",
        help="namesakes: more namesakes, family-first names of five cultures, harder noise.",
    )
    parser.add_argument(
        "--population-share",
        type=int,
        metavar="N",
        help="Print the namesake share of an N-person roster of the mode's population and exit.",
    )
    parser.add_argument("--accounts", type=int, default=10000)
    parser.add_argument(
        "--share", type=float, default=0.1, help="Share of accounts that are patients."
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--splink", action="store_true", help="Also run Splink on the same files.")
    parser.add_argument(
        "--splink-python",
        help="Interpreter with splink installed (a separate venv), for the Splink child only.",
    )
    parser.add_argument("--work", default="/tmp/armslength-bench")
    parser.add_argument("--reuse", action="store_true", help="Keep files generated earlier.")
    parser.add_argument(
        "--independent",
        action="store_true",
        help="Score each account alone (default: one account per patient, see docs).",
    )
    parser.add_argument("--no-armslength", action="store_true", help="Run Splink only.")
    parser.add_argument("--out", default=None, help="Write all figures as JSON here.")
    parser.add_argument("--child", choices=["armslength", "splink"], help=argparse.SUPPRESS)
    parser.add_argument("--prior", type=float, default=0.1, help=argparse.SUPPRESS)
    parser.add_argument("--markdown", help="Print the table of a results JSON file and exit.")
    args = parser.parse_args(argv)
    if args.markdown:
        print(render_markdown(json.loads(Path(args.markdown).read_text())))
        return
    if args.population_share:
        print(population_share(MODES[args.mode], args.population_share, args.seed))
        return
    if args.child:
        if args.child == "armslength":
            result = run_armslength(Path(args.work), args.prior, independent=args.independent)
        else:
            result = run_splink(Path(args.work), args.prior)
        print(json.dumps(result))
        return
    report = {
        "machine": " ".join(platform.uname()),
        "python": platform.python_version(),
        "date": date.today().isoformat(),
        "command": " ".join(sys.argv),
        "results": [bench_size(size, args) for size in args.sizes],
    }
    text = json.dumps(report, indent=1)
    if args.out:
        Path(args.out).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
