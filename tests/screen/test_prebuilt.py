"""The prebuilt lexicon cache: the same values as building from the text, rebuilt when stale
or damaged, skipped when unwritable."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from armslength import _prebuilt
from armslength.screen import _lexicon

DATA = files("armslength.screen").joinpath("data")
LISTS = sorted(path.name[: -len(".txt")] for path in DATA.iterdir() if path.name.endswith(".txt"))
CACHED: list[Callable[[str], Any]] = [_lexicon.words, _lexicon.ranked, _lexicon.phrase_index]


def _clear() -> None:
    for function in CACHED:
        function.cache_clear()  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(_prebuilt.ENV_CACHE_DIR, str(tmp_path / "cache"))
    _clear()
    yield tmp_path / "cache" / "lexicons"
    _clear()


def _rows(name: str) -> list[str]:
    """The list as the text says, read here without the cache."""
    text = DATA.joinpath(f"{name}.txt").read_text(encoding="utf-8")
    rows = (line.strip() for line in text.splitlines())
    return [row for row in rows if row and not row.startswith("#")]


def _from_text(function: Callable[[str], Any], name: str) -> Any:
    rows = _rows(name)
    if function is _lexicon.words:
        return frozenset(row.lower() for row in rows)
    if function is _lexicon.ranked:
        ranks: dict[str, int] = {}
        for rank, row in enumerate(rows):
            ranks.setdefault(row.lower(), rank)
        return ranks
    phrases = frozenset(" ".join(w) for row in rows if (w := _lexicon._TOKEN.findall(row.lower())))
    starts: dict[str, set[int]] = {}
    for phrase in phrases:
        if " " in phrase:
            starts.setdefault(phrase.split(" ")[0], set()).add(phrase.count(" ") + 1)
    return phrases, {word: tuple(sorted(lengths)) for word, lengths in starts.items()}


@pytest.mark.parametrize("function", CACHED, ids=lambda f: f.__name__)
@pytest.mark.parametrize("name", LISTS)
def test_every_list_read_from_the_cache_equals_the_text(
    function: Callable[[str], Any], name: str, _cache: Path
) -> None:
    built = function(name)
    assert built == _from_text(function, name)
    assert len(list(_cache.glob("*.bin"))) == 1
    _clear()
    cached = function(name)
    assert cached == built
    assert cached is not built


def test_the_town_gazetteer_round_trips(_cache: Path) -> None:
    phrases, starts = _lexicon.phrase_index("towns")
    assert len(phrases) > 200_000
    assert max(len(lengths) for lengths in starts.values()) > 1
    _clear()
    assert _lexicon.phrase_index("towns") == (phrases, starts)


def test_store_then_load_round_trips_and_other_keys_miss() -> None:
    sections = [b"", b"new york\nparis", bytes(range(256))]
    assert _prebuilt.load("t", b"key") is None
    assert _prebuilt.store("t", b"key", sections)
    assert _prebuilt.load("t", b"key") == sections
    assert _prebuilt.load("t", b"other key") is None


def _damage_by_editing(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b"\nnot a city")


def _damage_by_truncating(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-1])


def _damage_consistently(path: Path) -> None:
    """A body whose digest matches but whose sections do not decode: still rebuilt."""
    body = (3).to_bytes(8, "little") + b"\xff\xfe\xfd"
    header = path.read_bytes().split(b" ", 1)[0]
    path.write_bytes(header + b" " + _prebuilt._digest(body).encode() + b"\n" + body)


@pytest.mark.parametrize(
    "damage", [_damage_by_editing, _damage_by_truncating, _damage_consistently]
)
def test_a_damaged_cache_file_is_rebuilt(damage: Callable[[Path], None], _cache: Path) -> None:
    good = _lexicon.phrase_index("cities")
    (path,) = _cache.glob("phrases-cities-*.bin")
    data = path.read_bytes()
    damage(path)
    _clear()
    assert _lexicon.phrase_index("cities") == good
    assert path.read_bytes() == data


def test_a_stale_file_is_never_read_and_is_replaced(
    _cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = _lexicon.words("months")
    (path,) = _cache.glob("words-months-*.bin")
    monkeypatch.setattr(_prebuilt, "__version__", "0.0.0-other")
    _clear()
    assert _lexicon.words("months") == good
    (replacement,) = _cache.glob("words-months-*.bin")
    assert replacement != path


def test_a_wrong_key_is_a_miss_even_with_a_valid_body(_cache: Path) -> None:
    _lexicon.words("months")
    (path,) = _cache.glob("words-months-*.bin")
    fake = (5).to_bytes(8, "little") + b"fakes"
    path.write_bytes(b"0" * 64 + b" " + _prebuilt._digest(fake).encode() + b"\n" + fake)
    _clear()
    assert "fakes" not in _lexicon.words("months")


def test_an_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv(_prebuilt.ENV_CACHE_DIR, str(blocker))
    assert not _prebuilt.store("t", b"key", [b"a"])
    assert _lexicon.phrase_index("cities") == _from_text(_lexicon.phrase_index, "cities")
    assert blocker.read_text() == "x"
