"""Generator pieces of ``bench_match.py --mode namesakes``: family-first cultures and the
harder display-name noise.

The tables here are the GENERATOR's own, written for the benchmark from general
knowledge of naming in each culture (rounded surname shares; common given names). They
are not read from the matcher's ``roster/data`` files, so the benchmark does not test the
matcher against its own table. The share of people of each culture in the population
(``CULTURES``) is an assumption of the benchmark, not a statistic.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from itertools import accumulate

CULTURE_SHARE = 0.12
"""Share of the population with a family-first name (split as in CULTURES)."""

CULTURES: dict[str, float] = {"vi": 0.35, "zh": 0.25, "ko": 0.15, "ja": 0.1, "hu": 0.15}

FAMILY: dict[str, list[tuple[str, float]]] = {
    "vi": [
        ("Nguyễn", 38),
        ("Trần", 11),
        ("Lê", 9.5),
        ("Phạm", 7),
        ("Hoàng", 4),
        ("Huỳnh", 4),
        ("Phan", 4.5),
        ("Vũ", 3),
        ("Võ", 3),
        ("Đặng", 2),
        ("Bùi", 2),
        ("Đỗ", 1.4),
        ("Hồ", 1.3),
        ("Ngô", 1.3),
        ("Dương", 1),
        ("Lý", 0.5),
    ],
    "zh": [
        ("Wang", 7.1),
        ("Li", 7.9),
        ("Zhang", 6.8),
        ("Liu", 5.4),
        ("Chen", 4.5),
        ("Yang", 3.1),
        ("Huang", 2.3),
        ("Zhao", 2.2),
        ("Wu", 2.0),
        ("Zhou", 1.9),
        ("Xu", 1.7),
        ("Sun", 1.5),
        ("Ma", 1.3),
        ("Zhu", 1.3),
        ("Hu", 1.3),
        ("Guo", 1.2),
        ("He", 1.2),
        ("Lin", 1.1),
        ("Gao", 1.1),
        ("Luo", 0.9),
    ],
    "ko": [
        ("Kim", 21.5),
        ("Lee", 14.7),
        ("Park", 8.4),
        ("Choi", 4.7),
        ("Jung", 4.3),
        ("Kang", 2.3),
        ("Cho", 2.1),
        ("Yoon", 2.1),
        ("Jang", 1.9),
        ("Lim", 1.7),
        ("Han", 1.5),
        ("Oh", 1.5),
        ("Seo", 1.2),
        ("Shin", 1.2),
        ("Kwon", 1.1),
    ],
    "ja": [
        ("Satō", 1.5),
        ("Suzuki", 1.5),
        ("Takahashi", 1.1),
        ("Tanaka", 1.1),
        ("Watanabe", 0.9),
        ("Itō", 0.9),
        ("Yamamoto", 0.9),
        ("Nakamura", 0.8),
        ("Kobayashi", 0.8),
        ("Katō", 0.7),
    ],
    "hu": [
        ("Nagy", 2.5),
        ("Kovács", 2.2),
        ("Tóth", 2.0),
        ("Szabó", 1.9),
        ("Horváth", 1.8),
        ("Varga", 1.1),
        ("Kiss", 1.1),
        ("Molnár", 1.0),
        ("Németh", 0.9),
        ("Farkas", 0.8),
        ("Balogh", 0.8),
        ("Papp", 0.6),
    ],
}
"""Common family names with their rough share (per cent) in the culture. Japanese and
Hungarian also get a tail of generated names for the rest of the culture."""

_JA_SYLLABLES = [
    "ka",
    "ki",
    "ku",
    "ko",
    "sa",
    "shi",
    "su",
    "ta",
    "to",
    "na",
    "no",
    "ha",
    "hi",
    "fu",
    "mo",
    "ya",
    "yo",
    "ra",
    "ri",
    "wa",
    "da",
    "ga",
    "be",
    "mi",
]

GIVEN: dict[str, dict[str, list[str]]] = {
    "vi": {
        "F": [
            "Lan",
            "Hương",
            "Mai",
            "Linh",
            "Thảo",
            "Trang",
            "Ngọc",
            "Hà",
            "Anh",
            "Thu",
            "Hằng",
            "Phương",
            "Nhung",
            "Hoa",
            "Yến",
            "Vy",
            "Châu",
            "Quỳnh",
        ],
        "M": [
            "Minh",
            "Hùng",
            "Dũng",
            "Tuấn",
            "Nam",
            "Bình",
            "Long",
            "Hải",
            "Sơn",
            "Đức",
            "Thắng",
            "Phúc",
            "Quang",
            "Huy",
            "Khoa",
            "Trung",
            "Hiếu",
            "Tài",
        ],
    },
    "zh": {
        "F": [
            "Fang",
            "Min",
            "Jing",
            "Li",
            "Yan",
            "Xiu",
            "Xia",
            "Hui",
            "Hua",
            "Ping",
            "Hong",
            "Lin",
            "Xin",
            "Yu",
            "Qing",
            "Mei",
            "Na",
            "Ying",
        ],
        "M": [
            "Wei",
            "Qiang",
            "Lei",
            "Jun",
            "Yang",
            "Yong",
            "Jie",
            "Tao",
            "Ming",
            "Chao",
            "Gang",
            "Bo",
            "Hao",
            "Zhi",
            "Jian",
            "Feng",
            "Bin",
            "Peng",
        ],
    },
    "ko": {
        "F": ["Seo", "Ji", "Ha", "Yun", "Eun", "Yeon", "Hee", "Soo", "Min", "Young", "Ju", "Na"],
        "M": [
            "Min",
            "Jun",
            "Do",
            "Woo",
            "Hyun",
            "Jin",
            "Sung",
            "Ho",
            "Seung",
            "Tae",
            "Joon",
            "Hoon",
        ],
    },
    "ja": {
        "F": [
            "Yui",
            "Hina",
            "Sakura",
            "Aoi",
            "Yuna",
            "Mei",
            "Yuki",
            "Akiko",
            "Naoko",
            "Emi",
            "Haruka",
            "Misaki",
        ],
        "M": [
            "Haruto",
            "Sota",
            "Yuto",
            "Riku",
            "Ren",
            "Kaito",
            "Hiroshi",
            "Takeshi",
            "Kenji",
            "Daiki",
            "Shota",
            "Kazuki",
        ],
    },
    "hu": {
        "F": [
            "Mária",
            "Erzsébet",
            "Katalin",
            "Éva",
            "Ilona",
            "Anna",
            "Zsuzsanna",
            "Judit",
            "Ágnes",
            "Andrea",
            "Eszter",
            "Krisztina",
        ],
        "M": [
            "László",
            "István",
            "József",
            "János",
            "Zoltán",
            "Sándor",
            "Gábor",
            "Ferenc",
            "Attila",
            "Péter",
            "Tamás",
            "Zsolt",
        ],
    },
}

VI_MIDDLE = {
    "F": ("Thị", 0.7, ("Ngọc", "Thu", "Minh", "Kim")),
    "M": ("Văn", 0.6, ("Minh", "Đức", "Quốc", "Hữu")),
}
FAMILY_FIRST = {"vi": 0.6, "zh": 0.5, "ko": 0.5, "ja": 0.3, "hu": 0.5}
"""How often a display name of each culture puts the family name first."""


@dataclass
class CulturePools:
    family: dict[str, tuple[list[str], list[float]]]
    cum_cultures: list[float]
    cultures: list[str]


def _tail(rng: random.Random, culture: str, count: int) -> list[str]:
    out: set[str] = set()
    while len(out) < count:
        if culture == "ja":
            name = "".join(rng.choice(_JA_SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4))))
        else:
            name = rng.choice("BCDFGHKLMNPRSTVZ") + rng.choice(("a", "e", "o", "á", "é", "ó"))
            name += rng.choice(("l", "r", "s", "sz", "k", "t", "g")) + rng.choice(("i", "a", "ó"))
            name += rng.choice(("", "s", "k", "n", "th"))
        out.add(name.capitalize())
    return sorted(out)


def make_culture_pools(rng: random.Random) -> CulturePools:
    family: dict[str, tuple[list[str], list[float]]] = {}
    for culture, table in FAMILY.items():
        names = [n for n, _ in table]
        weights = [w for _, w in table]
        if culture in ("ja", "hu"):
            rest = 100 - sum(weights)
            tail = _tail(rng, culture, 600 if culture == "ja" else 300)
            zipf = [1 / (r + 5) for r in range(len(tail))]
            scale = rest / sum(zipf)
            names += tail
            weights += [z * scale for z in zipf]
        family[culture] = (names, list(accumulate(weights)))
    cultures = list(CULTURES)
    return CulturePools(family, list(accumulate(CULTURES.values())), cultures)


def culture_person(rng: random.Random, pools: CulturePools, sex: str) -> tuple[str, str, str]:
    """(culture, given name as the roster holds it, family name) of one person."""
    culture = rng.choices(pools.cultures, cum_weights=pools.cum_cultures)[0]
    names, cum = pools.family[culture]
    family = rng.choices(names, cum_weights=cum)[0]
    given_pool = GIVEN[culture][sex]
    if culture == "vi":
        middle, share, others = VI_MIDDLE[sex]
        first = middle if rng.random() < share else rng.choice(others)
        given = f"{first} {rng.choice(given_pool)}"
    elif culture == "zh":
        given = rng.choice(given_pool)
        if rng.random() < 0.7:
            given += rng.choice(GIVEN["zh"]["F" if sex == "M" else "M"] + given_pool).lower()
    elif culture == "ko":
        given = (
            f"{rng.choice(given_pool)}-{rng.choice(GIVEN['ko']['M'] + GIVEN['ko']['F']).lower()}"
        )
    else:
        given = rng.choice(given_pool)
    return culture, given, family


def _syllables(given: str) -> list[str]:
    """Chinese/Korean given name split into its syllables (``Xiaoming`` → Xiao, Ming)."""
    if "-" in given:
        return given.split("-")
    for k in range(2, len(given) - 1):
        head, tail = given[:k], given[k:]
        known = {s.lower() for pool in GIVEN["zh"].values() for s in pool}
        if head.lower() in known and tail.lower() in known:
            return [head, tail.capitalize()]
    return [given]


def ascii_fold(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def culture_display(
    rng: random.Random, culture: str, given: str, family: str
) -> tuple[str, str, list[str]]:
    """(given as shown, family as shown, tags) for a family-first culture; the caller lays
    them out. A given of "" means the caller must not reorder (already laid out)."""
    tags = [f"culture {culture}"]
    if culture == "vi" and " " in given and rng.random() < 0.3:
        given, tags = given.split()[-1], [*tags, "middle name left out"]
    elif culture in ("zh", "ko"):
        parts = _syllables(given)
        style = rng.random()
        if len(parts) > 1 and style < 0.3:
            given, tags = " ".join(p.capitalize() for p in parts), [*tags, "given spaced"]
        elif len(parts) > 1 and style < 0.6:
            given = "".join(p.lower() for p in parts).capitalize()
    if rng.random() < 0.5:
        given, family = ascii_fold(given), ascii_fold(family)
        tags.append("ascii-typed")
    return given, family, tags


def family_first(rng: random.Random, culture: str) -> bool:
    return rng.random() < FAMILY_FIRST[culture]
