from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from exportkit import (
    LI_COMMENTS,
    LI_INVITATIONS,
    LI_MESSAGES_2023,
    LI_MESSAGES_2026,
    LI_SHARES,
    linkedin_connections,
    write_zip,
)

from armslength.exports import read_export
from armslength.model import ConnectionKind, ContentKind, Platform


@pytest.mark.parametrize(
    ("era", "expected"),
    [
        ("2020-21", [("Anneke Holloway", None, datetime(2021, 4, 19, tzinfo=UTC))] * 1),
        ("2021-23", [("Anneke Holloway", None, datetime(2022, 4, 19, tzinfo=UTC))]),
        (
            "2023-25",
            [
                (
                    "Anneke Holloway",
                    "https://www.linkedin.com/in/anneke-h",
                    datetime(2026, 1, 19, tzinfo=UTC),
                )
            ],
        ),
    ],
)
def test_connections_with_and_without_preamble_and_url(
    tmp_path: Path, era: str, expected: list[tuple[str, str | None, datetime]]
) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(linkedin_connections(era))
    result = read_export(path)
    assert result.platform is Platform.LINKEDIN
    assert result.counts()["connections"]["friend"] == 2
    first = result.connections[0]
    assert [(first.name, first.url, first.timestamp)] == expected
    assert result.layout == ("2023-25 to 2026" if era == "2023-25" else era)


def test_hidden_profile_row_is_a_nameless_connection(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(linkedin_connections("2023-25"))
    hidden = read_export(path).connections[1]
    assert hidden.name is None
    assert hidden.timestamp == datetime(2025, 4, 23, tzinfo=UTC)


def test_invitations_both_directions(tmp_path: Path) -> None:
    path = tmp_path / "Invitations.csv"
    path.write_bytes(LI_INVITATIONS)
    result = read_export(path)
    got = [(c.kind, c.name, c.url, c.timestamp) for c in result.connections]
    assert got == [
        (
            ConnectionKind.REQUEST_RECEIVED,
            "Olu Ade",
            "https://www.linkedin.com/in/olu",
            datetime(2023, 3, 9, 16, 52, tzinfo=UTC),
        ),
        (
            ConnectionKind.REQUEST_SENT,
            "Kai Moana",
            "https://www.linkedin.com/in/kai",
            datetime(2024, 11, 20, 9, 5, tzinfo=UTC),
        ),
    ]
    assert [c.text for c in result.content] == ["Good to meet you, Kai"]


def test_messages_2023(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_bytes(LI_MESSAGES_2023)
    result = read_export(path)
    assert [c.text for c in result.content] == ["Hi Ana", "Hi, Olu"]
    assert result.content[0].timestamp == datetime(2023, 6, 12, 9, 47, 31, tzinfo=UTC)
    assert result.layout == "2023-25 to 2026"


def test_messages_2026_fully_quoted_multiline(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_bytes(LI_MESSAGES_2026)
    result = read_export(path)
    assert result.layout == "2026"
    assert [c.text for c in result.content] == [
        'Line one\nline "two"\r\nline three',
        "Thanks",
    ]
    assert all(c.kind is ContentKind.MESSAGE for c in result.content)


def test_full_2026_archive_with_numbered_files(tmp_path: Path) -> None:
    files = {
        "Connections.csv": linkedin_connections("2023-25"),
        "Invitations.csv": LI_INVITATIONS,
        "messages.csv": LI_MESSAGES_2026,
        "Shares_1.csv": LI_SHARES,
        "Comments_1.csv": LI_COMMENTS,
        "Jobs/Job Applications.csv": b"Application Date,Contact Email\n",
    }
    result = read_export(write_zip(tmp_path / "Complete_LinkedInDataExport_01-02-2026.zip", files))
    assert result.layout == "2026"
    counts = result.counts()
    assert counts["connections"] == {
        "friend": 2,
        "follower": 0,
        "following": 0,
        "request_received": 1,
        "request_sent": 1,
        "request_rejected": 0,
        "removed": 0,
    }
    assert counts["content"] == {"post": 1, "comment": 1, "message": 3, "reply": 0}
    post = next(c for c in result.content if c.kind is ContentKind.POST)
    assert post.text == 'Proud of our team.\n"New clinic" opens'
    assert post.visibility == "MEMBER_NETWORK"
    assert post.timestamp == datetime(2026, 2, 9, 1, 21, 47, tzinfo=UTC)


def test_excel_resaved_csv_with_bom_and_cp1252_is_skipped(tmp_path: Path) -> None:
    good = tmp_path / "Connections.csv"
    good.write_bytes(b"\xef\xbb\xbf" + linkedin_connections("2020-21"))
    bad = tmp_path / "Invitations.csv"
    bad.write_bytes(LI_INVITATIONS.replace(b"Olu Ade", "Olú Ade".encode("cp1252")))
    result = read_export(tmp_path)
    assert result.counts()["connections"]["friend"] == 2
    assert [s.path for s in result.skipped] == [str(bad)]
    assert "UTF-8" in result.skipped[0].reason
