"""The prefilter of the screen's patterns never skips a text a pattern matches."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armslength.screen import _needs
from armslength.screen._needs import DIGIT, DIGITS, needs, possible, scan_alternation
from armslength.screen.engine import Screener

SAMPLES = [
    "Mia Hughes, 57, came into the ED last night with chest pain. Proud of the cath lab team.",
    "Case of the week: a 58-year-old with AF. Name the syndrome! (hint: it's rare)",
    "We're hiring: practice nurse, apply by 3 March 2026 at jobs@riverside.example",
    "Thanks Dr Okafor, my mum's hip replacement at St Mary's Hospital went well on Tuesday",
    "Saw Mrs Patel (72) in bay 4 this morning; NHS 943 476 5919, call 020 7946 0018.",
    "your colonoscopy results were normal, see you at your next appointment on 12/04/2025",
    "Flu jabs drop-in at 14 Elm Road, Leeds LS6 2AB, 9am-1pm, no booking needed",
]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bcase of the (?:week|day)\b", {"case of the "}),
        (r"\b(?:we'?re|we are) hiring\b|\bvacanc(?:y|ies)\b", {" hiring", "vacanc"}),
        (r"(?<![\w/.-])\d{1,2}/\d{1,2}/\d{4}", {DIGITS + "4"}),
        (r"(?<![\w-])\d(?:[ -]?\d){12,18}", {DIGIT}),
        (r"\b\d{3}-\d{2}|#\d{12}", {DIGITS + "3", DIGITS + "9"}),
        (r"\b(?:mr|mrs) [A-Z]\w+", {"mr"}),  # the parser factors out "mr"
        (r"(?:foo)?bar|baz", {"bar", "baz"}),
        (r"x*y?", None),
        (r"(?=.*hint:)\w+", {"hint:"}),
        (r"(?!hint)\w+", None),
    ],
)
def test_what_a_pattern_needs(pattern: str, expected: set[str] | None) -> None:
    found = needs(re.compile(pattern, re.I))
    assert found == (None if expected is None else frozenset(expected))


def test_a_text_without_what_is_needed_is_skipped_and_others_are_not() -> None:
    pattern = re.compile(r"\bname the (?:syndrome|drug)\b", re.I)
    assert not possible(pattern, "A quiet shift on the ward.")
    assert possible(pattern, "NAME THE DRUG")
    assert possible(pattern, "name the syndrome, naïvely")  # not ASCII: always searched
    assert not possible(re.compile(r"\d{3}"), "no digits here")
    assert not possible(re.compile(r"\d{3}"), "bed 1, bay 22")
    assert possible(re.compile(r"\d{3}"), "room 101")


def _screen_patterns() -> list[re.Pattern[str]]:
    screener = Screener()
    for kind in ("post", "reply", "message", "comment"):
        for text in SAMPLES:
            screener.detect(text, kind)
    cache = re._cache  # type: ignore[attr-defined]
    return [p for p in list(cache.values()) if isinstance(p.pattern, str)]


def test_every_screen_pattern_matching_a_sample_is_possible_there() -> None:
    patterns = _screen_patterns()
    tested = 0
    for pattern in patterns:
        for text in SAMPLES:
            for probe in (text, text.upper(), text.lower()):
                if pattern.search(probe):
                    tested += 1
                    assert possible(pattern, probe), (pattern.pattern[:80], probe)
    assert tested > 100


@given(st.data())
def test_any_text_a_screen_pattern_matches_is_possible(data: st.DataObject) -> None:
    """Texts made of a pattern's own needed strings and random ASCII around them."""
    patterns = [p for p in _PATTERNS if needs(p) is not None]
    pattern = data.draw(st.sampled_from(patterns))
    pieces = [*sorted(needs(pattern) or ()), "0", " ", "a", "Z", ",", "'"]
    chars = st.characters(min_codepoint=32, max_codepoint=126)
    text = data.draw(
        st.lists(st.one_of(st.sampled_from(pieces), st.text(chars, max_size=3)), max_size=12)
    )
    probe = "".join("7" * int(p[len(DIGITS) :]) if p.startswith(DIGITS) else p for p in text)
    if pattern.search(probe):
        assert possible(pattern, probe)


_PATTERNS = _screen_patterns()


def test_the_needs_are_kept_in_the_user_cache(tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ARMSLENGTH_CACHE_DIR", str(tmp_path))
        patch.setattr(_needs, "_known", {})
        patch.setattr(_needs, "_new", set())
        patch.setattr(_needs, "_loaded", False)
        pattern = re.compile(r"\bthe cached (?:one|two)\b")
        assert needs(pattern) == {"the cached "}
        _needs._save()
        patch.setattr(_needs, "_known", {})
        patch.setattr(_needs, "_loaded", False)
        _needs._load()
        assert _needs._known[pattern.pattern, pattern.flags] == {"the cached "}


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


def test_the_patient_details_found_branch_by_branch_are_the_alternations() -> None:
    from armslength.screen.recognizers import patient_detail

    branches = patient_detail._branches()
    tested = 0
    for label, pattern, _why in patient_detail._patterns():
        for text in SAMPLES + [s.upper() for s in SAMPLES] + [" ".join(SAMPLES)]:
            expected = _spans(pattern.finditer(text))
            tested += len(expected)
            assert _spans(scan_alternation(pattern, branches[label], text)) == expected
    assert tested > 10


_PARTS = [r"ab", r"a", r"(?<=b)c+", r"\bba?\b", r"c(?=a)", r"b{2}|cab", r"x*", r"\d{2}"]


@given(
    st.lists(st.sampled_from(_PARTS), min_size=1, max_size=5),
    st.text(st.sampled_from("abcx1 2"), max_size=30),
)
def test_any_alternation_found_branch_by_branch_is_the_alternation(
    parts: list[str], text: str
) -> None:
    """Overlapping branches, ties, look-arounds and a branch that matches the empty string."""
    pattern = re.compile("|".join(f"(?:{p})" for p in parts), re.I)
    branches = [re.compile(f"(?:{p})", re.I) for p in parts]
    expected = _spans(pattern.finditer(text))
    assert _spans(scan_alternation(pattern, branches, text)) == expected
