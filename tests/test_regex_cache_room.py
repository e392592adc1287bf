"""Loading more compiled patterns than re keeps raises re's limit instead of thrashing."""

from __future__ import annotations

import re

import pytest

from armslength import _regex_cache


def test_the_limit_is_raised_above_what_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(re, "_MAXCACHE", 512)
    _regex_cache._make_room(600)
    assert re._MAXCACHE >= 600 + 100  # type: ignore[attr-defined]


def test_a_limit_already_large_enough_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(re, "_MAXCACHE", 5000)
    _regex_cache._make_room(600)
    assert re._MAXCACHE == 5000  # type: ignore[attr-defined]
