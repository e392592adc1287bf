"""A small Facebook export in the 2024–2025 layout and a roster whose patients are in it.

Facebook writes connection files as ``{"<kind>_v2": [{"name", "timestamp"}]}`` with UTF-8
text escaped byte by byte as Latin-1 code points ("é" becomes "\\u00c3\\u00a9").
"""

from __future__ import annotations

import json
from pathlib import Path

FRIENDS = [("Margaret Oyelaran", 1672531200), ("Tobias Wennerström", 1609459200)]
REMOVED = [("Delphine Arbogast", 1700000000)]  # removed on 14 November 2023
REJECTED = [("Quentin Halvorsen", 1690000000)]
RECEIVED = [("Imogen Castellano", 1725000000)]
POSTS = [
    (1718000000, "Lovely walk by the river today."),
    (1719000000, "Saw Margaret Oyelaran in clinic today, her diabetes is much better."),
]
ROSTER = (
    "patient_id,given,family,birth_date,city\n"
    "P1001,Margaret,Oyelaran,1961-03-02,Leeds\n"
    "P1002,Delphine,Arbogast,1979-11-23,York\n"
    "P1003,Quentin,Halvorsen,1990-01-15,Hull\n"
    "P1004,Imogen,Castellano,1985-06-30,Leeds\n"
    "P1005,Rosalind,Fairweather,1950-08-08,Ripon\n"
)


def _meta(text: str) -> str:
    """Text as Meta's exporter writes it: each UTF-8 byte as one Latin-1 character."""
    return text.encode("utf-8").decode("latin-1")


def _people(pairs: list[tuple[str, int]]) -> list[dict[str, object]]:
    return [{"name": _meta(name), "timestamp": stamp} for name, stamp in pairs]


def _write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def facebook_export(root: Path, *, extra_friends: list[tuple[str, int]] = ()) -> Path:  # type: ignore[assignment]
    """The export folder (``facebook-<user>``) with friends, removed friends, requests, posts."""
    base = root / "facebook-clinician2025"
    friends = base / "connections" / "friends"
    _write(friends / "your_friends.json", {"friends_v2": _people(FRIENDS + list(extra_friends))})
    _write(friends / "removed_friends.json", {"deleted_friends_v2": _people(REMOVED)})
    _write(friends / "rejected_friend_requests.json", {"rejected_requests_v2": _people(REJECTED)})
    _write(friends / "received_friend_requests.json", {"received_requests_v2": _people(RECEIVED)})
    posts = [
        {"timestamp": stamp, "data": [{"post": _meta(text)}], "title": ""} for stamp, text in POSTS
    ]
    activity = base / "your_facebook_activity" / "posts"
    _write(activity / "your_posts__check_ins__photos_and_videos_1.json", posts)
    return base


def roster_file(root: Path) -> Path:
    path = root / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def facebook_zip(root: Path) -> Path:
    """The same export as the zip Facebook offers for download."""
    import shutil

    folder = facebook_export(root / "unzipped")
    return Path(shutil.make_archive(str(root / "facebook-clinician2025"), "zip", folder.parent))
