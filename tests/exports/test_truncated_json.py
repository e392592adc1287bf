"""A JSON file cut short keeps the entries before the break, and the break is named."""

from __future__ import annotations

import json

import pytest

from armslength.exports._base import TruncatedJsonError, parse_json, salvage_json
from armslength.exports._text import MalformedError

DOC = {"friends_v2": [{"name": f"Friend {i}", "timestamp": 1600000000 + i} for i in range(10)]}


def test_a_cut_document_keeps_the_whole_entries_before_the_break() -> None:
    text = json.dumps(DOC)
    cut = text[: len(text) // 2]
    with pytest.raises(TruncatedJsonError) as caught:
        parse_json(cut)
    kept = caught.value.salvaged["friends_v2"]
    assert 0 < len(kept) < 10
    assert kept == DOC["friends_v2"][: len(kept)]
    assert caught.value.length == len(cut)


def test_a_string_with_brackets_does_not_confuse_the_cut() -> None:
    text = json.dumps({"a": [{"t": 'x}] "quoted" \\'}, {"t": "y"}, {"t": "zz"}]})
    assert salvage_json(text[:-12]) == {"a": [{"t": 'x}] "quoted" \\'}, {"t": "y"}]}


def test_broken_in_the_middle_is_still_malformed() -> None:
    with pytest.raises(MalformedError) as caught:
        parse_json('{"a": [1, 2,, 3]}')
    assert not isinstance(caught.value, TruncatedJsonError)
