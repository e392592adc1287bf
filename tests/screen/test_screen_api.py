from __future__ import annotations

import pytest

import armslength
from armslength.errors import InputError
from armslength.model import Severity
from armslength.screen import screen
from armslength.screen.engine import CHUNK, MAX_CHARS, chunks


def test_public_api_exports_screen() -> None:
    assert armslength.screen is screen
    assert "screen" in armslength.__all__


def test_empty_text_has_no_findings() -> None:
    result = screen("", id="e")
    assert result.id == "e"
    assert result.risk is Severity.NONE
    assert result.findings == []


def test_unknown_kind_names_the_field() -> None:
    with pytest.raises(InputError, match="kind"):
        screen("hello", "tweet")


def test_non_string_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="text"):
        screen(b"bytes")  # type: ignore[arg-type]


def test_too_long_text_is_refused_without_echoing_it() -> None:
    with pytest.raises(InputError) as info:
        screen("x" * (MAX_CHARS + 1))
    assert "xxxx" not in str(info.value)


def test_large_text_is_screened() -> None:
    block = "Saw Mrs Patel in bed 4. Nothing else to report today. " * 2000
    result = screen(block)
    assert len([f for f in result.findings if f.text == "Patel"]) == 2000


def test_chunks_cover_the_text_in_order() -> None:
    text = "One line.\nAnother sentence. And words " * 50 + "x" * 300
    pieces = list(chunks(text, 64))
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 64 for _, piece in pieces)
    assert [offset for offset, _ in pieces] == [
        sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))
    ]


def test_findings_keep_offsets_across_chunks() -> None:
    text = ("Nothing to see here at all today. " * 700) + "Saw Mrs Patel in bed 4."
    assert len(text) > CHUNK
    found = {f.text: f for f in screen(text).findings}
    assert text[found["Patel"].start : found["Patel"].end] == "Patel"


def test_iter_detect_yields_what_detect_returns_and_checks_input_at_once() -> None:
    from armslength.screen.engine import default_screener

    screener = default_screener()
    text = "Saw Mrs Patel, 94, in Leeds on 3 May 2024. " * (2 * CHUNK // 40)
    assert list(screener.iter_detect(text)) == screener.detect(text)
    with pytest.raises(InputError, match="kind"):
        screener.iter_detect("hello", "tweet")
