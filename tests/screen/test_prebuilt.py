"""The prebuilt lexicon cache: same phrases as building from the text, rebuilt when damaged."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from armslength.screen import _lexicon, _prebuilt


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(_prebuilt.ENV_CACHE_DIR, str(tmp_path / "cache"))
    _lexicon.phrase_index.cache_clear()
    return tmp_path / "cache" / "lexicons"


def _fresh(name: str) -> frozenset[str]:
    source = files("armslength.screen").joinpath("data").joinpath(f"{name}.txt")
    return _lexicon._tokenised(source.read_text(encoding="utf-8"))


def test_store_then_load_round_trips_and_other_keys_miss() -> None:
    phrases = frozenset({"new york", "paris", "saint-denis"})
    assert _prebuilt.load("t", b"key") is None
    assert _prebuilt.store("t", b"key", phrases)
    assert _prebuilt.load("t", b"key") == phrases
    assert _prebuilt.load("t", b"other key") is None


@pytest.mark.parametrize("name", ["towns", "cities", "conditions"])
def test_cached_index_equals_building_from_the_text(name: str, _cache: Path) -> None:
    built = _lexicon.phrase_index(name)
    assert list(_cache.glob(f"phrases-{name}-*.txt"))
    _lexicon.phrase_index.cache_clear()
    cached = _lexicon.phrase_index(name)
    assert cached == built
    assert cached[0] == _fresh(name)


def test_a_damaged_cache_file_is_rebuilt(_cache: Path) -> None:
    good = _lexicon.phrase_index("cities")
    (path,) = _cache.glob("phrases-cities-*.txt")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b"\nnot a city")
    _lexicon.phrase_index.cache_clear()
    assert _lexicon.phrase_index("cities") == good
    assert path.read_bytes() == data


def test_an_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv(_prebuilt.ENV_CACHE_DIR, str(blocker))
    assert not _prebuilt.store("t", b"key", frozenset({"a"}))
    assert _lexicon.phrase_index("cities")[0] == _fresh("cities")
