"""The audit scores each platform's distinct accounts together: one account per patient.

Real-shaped exports (a Facebook zip, a LinkedIn zip) and a CSV roster, through run_audit
and report.json; the expected scores come from the library's matcher on the accounts
the audit should have seen.
"""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from _review_export import ROSTER
from armslength import match
from armslength.audit import AuditOptions, ReviewBook, run_audit
from armslength.roster import Roster, load_roster
from armslength.store.keys import Keyring, account_identity

RIVAL = "another account in this list could be this patient"
FIXED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
FRIENDS = ["Margaret Oyelaran", "Delphine Arbogast", "Delphine Arbogast", "Rosalind Fairweather"]
FOLLOWERS = ["Margaret Oyelaran"]  # the same account as the friend
REMOVED = ["Ros Fairweather"]  # a second account that could be Rosalind
REQUESTS = ["Quentin Halvorsen"]
LINKEDIN = ["Quentin Halvorsen", "Imogen Castellano"]
FACEBOOK_ACCOUNTS = [  # what the audit should score together for Facebook, each account once
    "Margaret Oyelaran",
    "Delphine Arbogast",
    "Delphine Arbogast",  # two friends of one name are two accounts
    "Rosalind Fairweather",
    "Ros Fairweather",
    "Quentin Halvorsen",
]


def _people(key: str, names: list[str]) -> str:
    return json.dumps(
        {key: [{"name": n, "timestamp": 1700000000 + i} for i, n in enumerate(names)]}
    )


def facebook_zip(path: Path, *, followers: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("connections/friends/your_friends.json", _people("friends_v2", FRIENDS))
        zf.writestr("connections/followers/people_who_followed_you.json",
                    _people("followers_v3", followers))  # fmt: skip
        zf.writestr("connections/friends/removed_friends.json",
                    _people("deleted_friends_v2", REMOVED))  # fmt: skip
        zf.writestr("connections/friends/received_friend_requests.json",
                    _people("received_requests_v2", REQUESTS))  # fmt: skip
    return path


def linkedin_zip(path: Path) -> Path:
    rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for i, name in enumerate(LINKEDIN):
        given, family = name.split()
        rows.append(f"{given},{family},https://www.linkedin.com/in/p{i},,,,01 Feb 2024")
    text = 'Notes:\n"Some e-mail addresses are missing."\n\n' + "\n".join(rows) + "\n"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Connections.csv", text)
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("joint")
    roster = root / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    return {
        "roster": roster,
        "facebook": facebook_zip(root / "facebook.zip", followers=FOLLOWERS),
        "unfollowed": facebook_zip(root / "facebook-no-followers.zip", followers=[]),
        "linkedin": linkedin_zip(root / "linkedin.zip"),
    }


def audit(paths: list[Path], roster: Path, out: Path, book: ReviewBook | None = None) -> Any:
    run_audit(paths, roster, out, options=AuditOptions(now=lambda: FIXED, book=book))
    return json.loads((out / "report.json").read_text(encoding="utf-8"))["connections"]


def rows(report: Any, platform: str, name: str, kind: str | None = None) -> list[dict[str, Any]]:
    return [
        c
        for c in report
        if c["platform"] == platform and c["name"] == name and kind in (None, c["kind"])
    ]


def best(roster: Roster, names: list[str], *, joint: bool) -> list[tuple[str, float]]:
    results = match(names, roster, top=3, one_account_each=joint)
    return [(r.candidates[0].patient_id, r.candidates[0].score) for r in results]


@pytest.fixture(scope="module")
def report(inputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("report")
    return audit([inputs["facebook"], inputs["linkedin"]], inputs["roster"], out)


def test_each_facebook_account_gets_its_joint_score(inputs: dict[str, Path], report: Any) -> None:
    roster = load_roster(inputs["roster"])
    expected = dict(
        zip(FACEBOOK_ACCOUNTS, best(roster, FACEBOOK_ACCOUNTS, joint=True), strict=False)
    )
    for name, (patient, score) in expected.items():
        for row in rows(report, "facebook", name):
            assert (row["match"]["patient_id"], row["match"]["score"]) == (patient, score), name


def test_two_accounts_like_one_patient_share_it_and_say_so(
    inputs: dict[str, Path], report: Any
) -> None:
    roster = load_roster(inputs["roster"])
    [(_, alone)] = best(roster, ["Rosalind Fairweather"], joint=False)
    rosalind = rows(report, "facebook", "Rosalind Fairweather")[0]["match"]
    ros = rows(report, "facebook", "Ros Fairweather", "removed")[0]["match"]
    assert rosalind["patient_id"] == ros["patient_id"] == "P1005"
    assert alone > 0.9
    assert rosalind["score"] < alone - 0.05
    assert rosalind["score"] + ros["score"] <= alone + 0.05  # one patient, shared
    assert RIVAL in rosalind["evidence"] and RIVAL in ros["evidence"]
    delphines = rows(report, "facebook", "Delphine Arbogast")
    assert len(delphines) == 2
    assert all(d["match"]["score"] < 0.6 and RIVAL in d["match"]["evidence"] for d in delphines)


def test_a_friend_who_also_follows_is_one_account(inputs: dict[str, Path], report: Any,
                                                 tmp_path: Path) -> None:  # fmt: skip
    both = rows(report, "facebook", "Margaret Oyelaran")
    assert sorted(r["kind"] for r in both) == ["follower", "friend"]
    without = audit([inputs["unfollowed"], inputs["linkedin"]], inputs["roster"], tmp_path)
    [friend_only] = rows(without, "facebook", "Margaret Oyelaran")
    assert friend_only["match"]["score"] > 0.9
    for row in both:  # not split with itself
        assert row["match"] == friend_only["match"]
        assert RIVAL not in row["match"]["evidence"]


def test_accounts_on_two_platforms_are_not_pooled(inputs: dict[str, Path], report: Any) -> None:
    roster = load_roster(inputs["roster"])
    [(_, alone)] = best(roster, ["Quentin Halvorsen"], joint=False)
    on_linkedin = rows(report, "linkedin", "Quentin Halvorsen")[0]["match"]
    on_facebook = rows(report, "facebook", "Quentin Halvorsen")[0]["match"]
    assert on_linkedin["patient_id"] == on_facebook["patient_id"] == "P1003"
    assert on_facebook["score"] >= alone > 0.9
    assert on_linkedin["score"] >= alone
    assert RIVAL not in on_linkedin["evidence"] and RIVAL not in on_facebook["evidence"]


def _book(tmp_path: Path, name: str, patient: str, decision: str) -> ReviewBook:
    ring = Keyring.load(tmp_path / "key")
    account = ring.account(account_identity("facebook", name, None, None) or "")
    return ReviewBook(ring, {(account, ring.patient(patient)): decision})


def test_a_rejected_rival_gives_the_patient_back(inputs: dict[str, Path], tmp_path: Path) -> None:
    roster = load_roster(inputs["roster"])
    [(_, alone)] = best(roster, ["Rosalind Fairweather"], joint=False)
    book = _book(tmp_path, "Ros Fairweather", "P1005", "rejected")
    report = audit([inputs["facebook"]], inputs["roster"], tmp_path / "out", book)
    [ros] = rows(report, "facebook", "Ros Fairweather")
    assert ros["match"] is None or ros["match"]["patient_id"] != "P1005"
    rosalind = rows(report, "facebook", "Rosalind Fairweather")[0]["match"]
    assert rosalind["score"] >= alone - 0.01 and RIVAL not in rosalind["evidence"]


def test_a_confirmed_account_is_the_patient_after_the_joint_step(
    inputs: dict[str, Path], report: Any, tmp_path: Path
) -> None:
    book = _book(tmp_path, "Ros Fairweather", "P1005", "confirmed")
    reviewed = audit([inputs["facebook"]], inputs["roster"], tmp_path / "out", book)
    [ros] = rows(reviewed, "facebook", "Ros Fairweather")
    assert ros["match"]["patient_id"] == "P1005" and ros["match"]["score"] == 1.0
    [before] = rows(report, "facebook", "Rosalind Fairweather")
    [after] = rows(reviewed, "facebook", "Rosalind Fairweather")
    for field in ("patient_id", "score", "evidence"):  # a confirmed patient is still shared
        assert after["match"][field] == before["match"][field]
