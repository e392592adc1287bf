"""Applying decisions to matches, and what is new since the last audit (library level)."""

from __future__ import annotations

from pathlib import Path

from armslength.audit import ReviewBook
from armslength.audit._history import apply_reviews, since_last
from armslength.model import Candidate, Connection, ConnectionKind, Match, Platform
from armslength.store.keys import Keyring, account_identity

FRIEND = Connection(platform=Platform.FACEBOOK, kind=ConnectionKind.FRIEND, name="Ann Lee")
OTHER = Connection(platform=Platform.FACEBOOK, kind=ConnectionKind.FOLLOWER, name="Bo Lin")


def _book(tmp_path: Path, **decisions: str) -> ReviewBook:
    ring = Keyring.load(tmp_path / "k")
    account = ring.account(account_identity("facebook", "ann lee", None, None) or "")
    kept = {(account, ring.patient(pid)): d for pid, d in decisions.items()}
    return ReviewBook(ring, kept)


def _match(*pairs: tuple[str, float]) -> Match:
    return Match(
        name="Ann Lee", candidates=[Candidate(patient_id=p, score=s, evidence=[]) for p, s in pairs]
    )


def test_a_rejected_candidate_gives_way_to_the_next(tmp_path: Path) -> None:
    book = _book(tmp_path, P1="rejected")
    matches, counts = apply_reviews(
        [FRIEND, OTHER], [_match(("P1", 0.7), ("P2", 0.55)), None], book, ["P1", "P2"]
    )
    assert matches[0] is not None and [c.patient_id for c in matches[0].candidates] == ["P2"]
    assert matches[1] is None and counts == {"rejected": 1}


def test_a_confirmed_pair_is_a_patient_even_unmatched(tmp_path: Path) -> None:
    book = _book(tmp_path, P9="confirmed")
    matches, counts = apply_reviews([FRIEND], [None], book, ["P1", "P9"])
    best = matches[0].candidates[0] if matches[0] else None
    assert best is not None and (best.patient_id, best.score) == ("P9", 1.0)
    assert counts == {"confirmed": 1}
    gone, _ = apply_reviews([FRIEND], [None], book, ["P1"])  # no longer on the roster
    assert gone == [None]


def test_no_decisions_change_nothing(tmp_path: Path) -> None:
    match = _match(("P1", 0.7))
    assert apply_reviews([FRIEND], [match], _book(tmp_path), ["P1"]) == ([match], {})


def test_since_last_counts_only_platforms_audited_before() -> None:
    now = {
        "facebook": {"connections": ["a", "b"], "flagged": ["x"], "actions": ["1"]},
        "x": {"connections": ["c"], "flagged": [], "actions": []},
    }
    before = {"facebook": {"generated_at": "2026-01-01T00:00:00Z", "connections": ["a"],
                           "flagged": [], "actions": ["1", "2"]}}  # fmt: skip
    result = since_last(now, before)
    assert list(result) == ["facebook"]
    assert (result["facebook"].new_connections, result["facebook"].new_flagged_content) == (1, 1)
    assert result["facebook"].resolved_actions == 1
