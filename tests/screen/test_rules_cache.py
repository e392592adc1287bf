"""Validated screen rules kept in the user cache: the same rules as validating the files,
validated again when the cache is damaged, and a broken file is never cached."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest

from armslength import _prebuilt
from armslength._yaml import YamlDocument
from armslength.screen import rules
from armslength.screen.rules import load_rules, parse_rules

NAMES = ("relationship", "professionalism")


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(_prebuilt.ENV_CACHE_DIR, str(tmp_path / "cache"))
    load_rules.cache_clear()
    yield tmp_path / "cache" / "lexicons"
    load_rules.cache_clear()


def _validated(name: str) -> tuple[rules.Rule, ...]:
    text = files("armslength.screen").joinpath("data", f"{name}.yaml").read_text("utf-8")
    return parse_rules(YamlDocument(text, f"{name}.yaml"))


@pytest.mark.parametrize("name", NAMES)
def test_cached_rules_are_the_validated_ones(name: str, _cache: Path) -> None:
    first = load_rules(name)  # validates and writes the cache
    assert list(_cache.glob(f"rules-{name}-*"))
    load_rules.cache_clear()
    second = load_rules(name)  # reads it
    assert first == second == _validated(name)
    assert all(p.flags & 2 for rule in second for p in rule.patterns)  # re.IGNORECASE


def test_a_damaged_cache_is_validated_again(_cache: Path) -> None:
    load_rules("relationship")
    (path,) = _cache.glob("rules-relationship-*")
    body = b'[{"id": "x"}]'
    header = path.read_bytes().partition(b"\n")[0].split(b" ")[0]
    digest = _prebuilt._digest(len(body).to_bytes(8, "little") + body)
    path.write_bytes(
        header + b" " + digest.encode() + b"\n" + len(body).to_bytes(8, "little") + body
    )
    load_rules.cache_clear()
    assert load_rules("relationship") == _validated("relationship")


def test_a_rule_file_that_fails_validation_is_not_cached(
    _cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(document: YamlDocument) -> tuple[rules.Rule, ...]:
        raise rules.PolicyError("broken", path=document.name)

    monkeypatch.setattr(rules, "parse_rules", broken)
    with pytest.raises(rules.PolicyError):
        load_rules("professionalism")
    assert not list(_cache.glob("rules-professionalism-*"))
