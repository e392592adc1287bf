"""Each name-normalisation function, table-driven."""

from __future__ import annotations

import pytest

from armslength.model import Patient
from armslength.roster import names as n


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zoë", "zoe"),
        ("JOSÉ", "jose"),
        ("Dr. Ana Quill", "ana quill"),
        ("Mrs Ana Quill", "ana quill"),
        ("Ana Quill Jr.", "ana quill"),
        ("Ana Quill, MD", "ana quill"),
        ("Ana Quill RN", "ana quill"),
        ("Ana O'Quill", "ana oquill"),
        ("Ana Quill-Marsh", "ana quill-marsh"),
        ("𝓐𝓷𝓪 Quill", "ana quill"),
        ("Ａｎａ Quill", "ana quill"),
        ("Ana 🌸 Quill ✨", "ana quill"),
        ("🇬🇧 Ana Quill", "ana quill"),
        ("Анна Квилл", "anna kvill"),
        ("王伟", "wang wei"),
        ("  ana   quill  ", "ana quill"),
        ("", ""),
        ("🌸🌸", ""),
        ("=cmd|' /C calc'!A0", "cmd c calc a"),
    ],
)
def test_normalize_name(text: str, expected: str) -> None:
    assert n.normalize_name(text) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["dr", "ana", "quill"], ["ana", "quill"]),
        (["ana", "quill", "jr"], ["ana", "quill"]),
        (["prof", "dr", "ana", "quill", "phd", "md"], ["ana", "quill"]),
        (["dr"], []),
        (["ana", "md", "quill"], ["ana", "md", "quill"]),
    ],
)
def test_strip_titles(words: list[str], expected: list[str]) -> None:
    assert n.strip_titles(words) == expected


@pytest.mark.parametrize(
    ("text", "main", "inner"),
    [
        ("Jenny Quill-Marsh (Brown)", "Jenny Quill-Marsh", ["Brown"]),
        ("Ana Quill (she/her)", "Ana Quill", []),
        ("Ana Quill [née Marsh]", "Ana Quill", ["née Marsh"]),
        ("Ana Quill", "Ana Quill", []),
    ],
)
def test_split_parenthesised(text: str, main: str, inner: list[str]) -> None:
    got_main, got_inner = n.split_parenthesised(text)
    assert " ".join(got_main.split()) == main
    assert got_inner == inner


@pytest.mark.parametrize(
    ("family", "parts", "joined"),
    [
        ("quill-marsh", ["quill", "marsh"], "quillmarsh"),
        ("van der berg", ["berg"], "vanderberg"),
        ("quill", [], "quill"),
        ("de la cruz", ["cruz"], "delacruz"),
    ],
)
def test_surname_parts_and_join(family: str, parts: list[str], joined: str) -> None:
    assert n.surname_parts(family) == parts
    assert n.join_surname(family) == joined


@pytest.mark.parametrize(
    ("text", "is_handle", "words"),
    [
        ("jon.smyth", True, ["jon", "smyth"]),
        ("@jon_smyth", True, ["jon", "smyth"]),
        ("JonSmyth84", True, ["jon", "smyth"]),
        ("jonsmyth84", True, ["jonsmyth"]),
        ("Jon Smyth", False, ["jon", "smyth"]),
        ("jonsmyth", False, ["jonsmyth"]),
    ],
)
def test_handles(text: str, is_handle: bool, words: list[str]) -> None:
    assert n.looks_like_handle(text) is is_handle
    assert n.split_handle(text) == words


def test_split_concatenated_uses_known_given_names() -> None:
    assert n.split_concatenated("janedoe", {"jane", "jan"}) == [("jan", "edoe"), ("jane", "doe")]
    assert n.split_concatenated("janedoe", set()) == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("smith", "smyth", True),
        ("smith", "smiht", True),
        ("smith", "smith", False),
        ("smith", "jones", False),
        ("christopher", "kristopher", True),
        ("ann", "anna", True),
        ("", "a", False),
        ("abc", "abcdef", False),
    ],
)
def test_is_typo(a: str, b: str, expected: bool) -> None:
    assert n.is_typo(a, b) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("bob", "robert", True),
        ("robert", "bob", True),
        ("bill", "william", True),
        ("jenny", "jennifer", True),
        ("robert", "robert", False),
        ("robert", "mary", False),
    ],
)
def test_are_nicknames_from_the_package(a: str, b: str, expected: bool) -> None:
    assert n.are_nicknames(a, b) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # Short forms the `nicknames` package lacks, from the maintainers' list.
        ("barb", "barbara", True),
        ("kath", "kathleen", True),
        ("kath", "katharine", True),
        ("cat", "catherine", True),
        ("suzy", "susan", True),
        ("liam", "william", True),
        ("sasha", "alexander", True),
        ("sasha", "aleksandra", True),
        ("toni", "antonia", True),
        ("stan", "stanley", True),
        # Near misses: similar-looking names that are not short forms.
        ("barb", "barry", False),
        ("cat", "carl", False),
        ("kath", "keith", False),
        ("liam", "lionel", False),
        ("sasha", "sarah", False),
        ("stan", "stanislav", False),
    ],
)
def test_are_nicknames_from_the_maintainers_list(a: str, b: str, expected: bool) -> None:
    assert n.are_nicknames(a, b) is expected
    assert n.are_nicknames(b, a) is expected


def test_maintainers_list_adds_to_nicknames_of() -> None:
    assert {"barb", "barbie", "babs"} <= n.nicknames_of("barbara")
    assert "liam" in n.nicknames_of("william")
    assert "bill" in n.nicknames_of("william")  # the package's own forms are kept


def test_maintainers_list_is_well_formed() -> None:
    canonicals, shorts = n._maintainers_list()
    assert len(shorts) > 100
    for canonical, forms in shorts.items():
        assert canonical.isascii() and canonical.isalpha() and canonical.islower()
        assert forms and all(f.isalpha() and f.islower() and f != canonical for f in forms)
        assert all(canonical in canonicals[f] for f in forms)


def test_nickname_helpers_reject_non_names() -> None:
    assert n.nickname_group("o-neil") == frozenset({"o-neil"})
    assert n.nicknames_of("") == frozenset()
    assert "bob" in n.nicknames_of("robert")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("smith", "smyth", True), ("catherine", "kathryn", True), ("smith", "jones", False)],
)
def test_phonetic_key(a: str, b: str, same: bool) -> None:
    assert (n.phonetic_key(a) == n.phonetic_key(b)) is same
    assert n.phonetic_key("") == ""


def test_deletions() -> None:
    assert n.deletions("abc") == {"abc", "bc", "ac", "ab"}


@pytest.mark.parametrize(
    ("text", "words", "others", "surname_first"),
    [
        ("Jenny Quill-Marsh (Brown) 🌸", ("jenny", "quill-marsh"), ("brown",), False),
        ("Quill, Ana", ("ana", "quill"), (), True),
        ("Ana Quill, RN", ("ana", "quill"), (), False),
        ("Mom of 3 | Ana Quill", ("ana", "quill"), (), False),
        ("Ana Quill - Realtor", ("ana", "quill"), (), False),
        ("Dr Bob", ("bob",), (), False),
        ("Ana Q.", ("ana", "q"), (), False),
        # Surname-first with a descriptor after a separator: swap inside the name part only.
        ("Quill, Ana • dog mum", ("ana", "quill"), (), True),
        ("quill, ana | Realtor", ("ana", "quill"), (), True),
        ("Quill, Ana - Photography", ("ana", "quill"), (), True),
        ("Quill, Ana, RN", ("ana", "quill"), (), True),
        ("Ana Quill, RN | Nurse", ("ana", "quill"), (), False),
        ("Ana Quill | Realtor", ("ana", "quill"), (), False),
        ("Ana Quill, proud mom", ("ana", "quill"), (), False),
        ("", (), (), False),
    ],
)
def test_parse_display_name(
    text: str, words: tuple[str, ...], others: tuple[str, ...], surname_first: bool
) -> None:
    parsed = n.parse_display_name(text)
    assert parsed.words == words
    assert parsed.others == others
    assert parsed.surname_first is surname_first


def test_parse_display_name_handle() -> None:
    parsed = n.parse_display_name("jon.smyth")
    assert parsed.handle
    assert parsed.words == ("jon", "smyth")


def test_long_names_are_cut() -> None:
    assert len(n.normalize_name("a" * 10_000)) <= n.MAX_NAME_CHARS


def test_name_variants() -> None:
    patient = Patient(
        patient_id="1",
        given="Róbert",
        family="Quill",
        other_names=("Marsh",),
        nicknames=("Robbo",),
        full_name="Robert Quill",
    )
    variants = n.name_variants(patient)
    assert {"robert quill", "bob quill", "robbo quill", "robert marsh", "bob marsh"} <= variants
    assert all(" " in v for v in variants)
    assert n.name_variants(Patient(patient_id="2", given="Ana")) == set()
