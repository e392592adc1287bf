"""Property tests: arbitrary and mutated input never crashes a reader or the walker."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from exportkit import (
    LI_MESSAGES_2026,
    bluesky_car,
    facebook_files,
    instagram_files,
    mastodon_outbox,
    mojibake,
    tiktok_user_data,
    x_files,
    zip_bytes,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armslength.exports import READERS, meta_fix, read_file
from armslength.exports._reading import INTERNAL
from armslength.exports._text import html_to_text
from armslength.exports._time import from_epoch, from_format, from_iso
from armslength.model import Connection, Content

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fuzz"))
from fuzz_exports import archive_target, reader_target

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
READER_IDS = [type(r).__name__ for r in READERS]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=25,
)
KEYS = [
    "friends_v2",
    "received_requests_v2",
    "followers_v3",
    "comments_v2",
    "status_updates",
    "relationships_following",
    "text_post_app_text_posts",
    "participants",
    "messages",
    "orderedItems",
    "Your Activity",
    "Activity",
    "Post",
    "Video",
    "Direct Message",
]


def _outcome_is_sane(reader: Any, name: str, data: bytes) -> None:
    outcome = read_file(reader, name, data)
    assert all(isinstance(r, Connection | Content) for r in outcome.records)
    assert outcome.problem is None or not outcome.problem.startswith(INTERNAL)


@pytest.mark.parametrize("reader", READERS, ids=READER_IDS)
@FAST
@given(data=st.binary(max_size=512))
def test_arbitrary_bytes(reader: Any, data: bytes) -> None:
    _outcome_is_sane(reader, "data.json", data)


@pytest.mark.parametrize("reader", READERS, ids=READER_IDS)
@FAST
@given(key=st.sampled_from(KEYS), value=json_values)
def test_arbitrary_json_under_known_keys(reader: Any, key: str, value: Any) -> None:
    for doc in ({key: value}, [value], {key: [value]}, {key: {"x": {"y": value}}}):
        _outcome_is_sane(reader, "file.json", json.dumps(doc).encode())


def _real_shaped() -> list[tuple[str, bytes]]:
    files = list(facebook_files("2024-25", prefix="").items())
    files += list(instagram_files("2025+", prefix="").items())
    files += list(x_files("2022+").items())
    files += [
        ("messages.csv", LI_MESSAGES_2026),
        ("outbox.json", mastodon_outbox()),
        ("repo.car", bluesky_car()),
        ("user_data_tiktok.json", tiktok_user_data("2024")),
    ]
    return [(n, d) for n, d in files if not n.endswith(".jpg")]


REAL = _real_shaped()


@FAST
@given(
    index=st.integers(0, len(REAL) - 1),
    cuts=st.lists(st.tuples(st.integers(0, 10_000), st.binary(max_size=3)), max_size=4),
)
def test_mutated_real_files_never_crash(index: int, cuts: list[tuple[int, bytes]]) -> None:
    name, data = REAL[index]
    mutated = bytearray(data)
    for position, junk in cuts:
        at = position % (len(mutated) + 1)
        mutated[at : at + len(junk)] = junk
    for reader in READERS:
        _outcome_is_sane(reader, name, bytes(mutated))


@FAST
@given(data=st.binary(max_size=600))
def test_fuzz_targets_on_random_bytes(data: bytes) -> None:
    reader_target(data)
    archive_target(data)


@FAST
@given(index=st.integers(0, 40), junk=st.binary(min_size=1, max_size=8))
def test_damaged_zips_never_crash(index: int, junk: bytes) -> None:
    archive = bytearray(zip_bytes(dict(REAL[:6])))
    at = (index * 97) % len(archive)
    archive[at : at + len(junk)] = junk
    archive_target(b"\x00" + bytes(archive))


@given(st.text())
def test_meta_fix_undoes_mojibake(text: str) -> None:
    assert meta_fix(mojibake(text)) == text


@given(st.text())
def test_helpers_never_raise(text: str) -> None:
    html_to_text(text)
    from_iso(text)
    from_format(text, "%Y-%m-%d %H:%M:%S")


@given(st.integers() | st.floats() | st.text(max_size=30))
def test_epoch_is_none_or_utc(value: Any) -> None:
    moment = from_epoch(value)
    assert moment is None or moment.utcoffset() is not None
