"""Rendered replies come from the user cache only for the same templates and settings."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from armslength import _prebuilt, replies
from armslength.config import Channels
from armslength.model import Tone
from armslength.replies import ReplyContext, render, template_names

CONTEXTS = [
    ReplyContext(Tone.WARM, Channels(), None, "en-GB", "999"),
    ReplyContext(
        Tone.FORMAL,
        Channels(portal="https://portal.example", email="team@example.org", phone="01234"),
        "Riverside Practice",
        "en-US",
        "911",
    ),
]


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(_prebuilt.ENV_CACHE_DIR, str(tmp_path / "cache"))
    return tmp_path / "cache" / "lexicons"


@pytest.mark.parametrize(
    ("name", "context"), list(itertools.product(sorted(template_names()), CONTEXTS))
)
def test_a_cached_reply_is_the_rendered_one(name: str, context: ReplyContext, _cache: Path) -> None:
    expected = replies._render(name, context)
    assert render(name, context) == expected  # renders and keeps it
    assert list(_cache.glob("reply-*"))
    assert render(name, context) == expected  # read back


def test_other_settings_are_not_answered_from_the_cache() -> None:
    name = "decline-connection"
    warm, formal = (render(name, context) for context in CONTEXTS)
    assert warm != formal
    assert render(name, CONTEXTS[0]) == warm
    assert "Riverside" in render(name, CONTEXTS[1]) or "portal" in formal
