"""Built-in YAML documents read from the user cache: the same data and lines as parsing them,
reparsed when the cache is missing or damaged, and never cached when JSON would change them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest

from armslength import _prebuilt
from armslength._yaml import YamlDocument

BUILTIN = [
    ("armslength.policy", name)
    for name in ("rules.yaml", "sources.yaml", "profiles.yaml", "verdicts.yaml")
] + [("armslength.screen", name) for name in ("disclosure.yaml", "professionalism.yaml")]


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(_prebuilt.ENV_CACHE_DIR, str(tmp_path / "cache"))
    yield tmp_path / "cache" / "lexicons"


def _same(a: YamlDocument, b: YamlDocument) -> None:
    assert (a.name, a.data, a.lines) == (b.name, b.data, b.lines)
    assert repr(a.data) == repr(b.data)  # the same types too (a date stays a date)


@pytest.mark.parametrize(("package", "name"), BUILTIN)
def test_a_cached_document_is_the_parsed_one(package: str, name: str, _cache: Path) -> None:
    text = files(package).joinpath("data", name).read_text(encoding="utf-8")
    parsed = YamlDocument(text, name)
    first = YamlDocument.builtin(text, name)  # parses and writes the cache
    assert len(list(_cache.glob("yaml-*"))) == 1
    second = YamlDocument.builtin(text, name)  # reads it
    _same(parsed, first)
    _same(parsed, second)


def test_dates_and_look_alike_objects_come_back_exactly() -> None:
    text = "a: 2024-01-31\nb: {x: [1, 2.5, true, null, 'é']}\nc: '2024-01-31'\n"
    YamlDocument.builtin(text, "dates")
    cached = YamlDocument.builtin(text, "dates")
    assert cached.data == {
        "a": date(2024, 1, 31),
        "b": {"x": [1, 2.5, True, None, "é"]},
        "c": "2024-01-31",
    }
    assert cached.line_of(("b", "x", 1)) == 2


def test_what_json_would_change_is_parsed_every_time(_cache: Path) -> None:
    text = "1: one\nwhen: 2024-01-31 10:00:00\n"
    document = YamlDocument.builtin(text, "odd")
    assert document.data == YamlDocument(text, "odd").data
    assert not list(_cache.glob("yaml-*"))


def test_a_damaged_cache_file_is_reparsed(_cache: Path) -> None:
    text = "rules:\n  - id: x\n"
    YamlDocument.builtin(text, "doc")
    (path,) = _cache.glob("yaml-*")
    path.write_bytes(path.read_bytes()[:-3])
    _same(YamlDocument.builtin(text, "doc"), YamlDocument(text, "doc"))
