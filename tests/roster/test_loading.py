"""CSV and FHIR roster loading: encodings, delimiters, quoting, bad rows, errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from armslength.errors import RosterError
from armslength.roster import load_roster
from armslength.roster._store import BadRowError, parse_birth

HEADER = "id,given,family,dob,city,email,phone,nickname,maiden_name\n"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_csv_basic_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "r.csv",
        HEADER + "p1,Ana,Quill,1980-02-03,Leeds,ana@example.org,+44 7700 900123,Annie,Marsh|Vale\n",
    )
    (patient,) = load_roster(path).patients
    assert patient.given == "Ana"
    assert patient.family == "Quill"
    assert patient.birth_date == date(1980, 2, 3)
    assert patient.city == "Leeds"
    assert patient.email == "ana@example.org"
    assert patient.phone == "+44 7700 900123"
    assert patient.nicknames == ("Annie",)
    assert patient.other_names == ("Marsh", "Vale")


@pytest.mark.parametrize(
    "header",
    [
        "ID,First_Name,Last_Name",
        "mrn;FIRST;Surname",
        "Patient ID\tfirst name\tlast-name",
        "id|given|family",
    ],
)
def test_csv_header_aliases_and_delimiters(tmp_path: Path, header: str) -> None:
    delimiter = next(d for d in ",;\t|" if d in header)
    row = delimiter.join(["p1", "Ana", "Quill"])
    roster = load_roster(write(tmp_path, "r.csv", f"{header}\n{row}\n"))
    assert (roster.patients[0].given, roster.patients[0].family) == ("Ana", "Quill")


def test_csv_bom_and_quoted_fields(tmp_path: Path) -> None:
    text = 'id,given,family\n"p1","Ana ""Nan""","Quill, Jr"\n"p2","Bo","Line\nBreak"\n'
    roster = load_roster(write(tmp_path, "r.csv", b"\xef\xbb\xbf" + text.encode()))
    assert [p.patient_id for p in roster.patients] == ["p1", "p2"]
    assert roster.patients[0].given == 'Ana "Nan"'
    assert roster.patients[0].family == "Quill, Jr"


def test_csv_latin1_and_mixed_encodings(tmp_path: Path) -> None:
    data = b"id,given,family\n" + "p1,Zoë,Müller\n".encode("latin-1") + "p2,Zoë,Øst\n".encode()
    roster = load_roster(write(tmp_path, "r.csv", data))
    assert [p.given for p in roster.patients] == ["Zoë", "Zoë"]
    assert roster.patients[0].family == "Müller"


def test_csv_utf16(tmp_path: Path) -> None:
    roster = load_roster(
        write(tmp_path, "r.csv", "id,given,family\np1,Zoë,Quill\n".encode("utf-16"))
    )
    assert roster.patients[0].given == "Zoë"


def test_csv_full_name_column(tmp_path: Path) -> None:
    roster = load_roster(write(tmp_path, "r.csv", "id,name\np1,Dr Ana Quill\np2,Quill\n"))
    assert (roster.patients[0].given, roster.patients[0].family) == ("ana", "quill")
    assert roster.patients[0].full_name == "Dr Ana Quill"
    assert (roster.patients[1].given, roster.patients[1].family) == (None, "quill")


def test_csv_bad_rows_reported_by_line(tmp_path: Path) -> None:
    text = (
        HEADER
        + "p1,Ana,Quill,1980-01-01,,,,,\n"
        + ",Bo,Vale,,,,,,\n"
        + "p3,,,,,,,,\n"
        + "p4,Cy,Marsh,1980-13-45,,,,,\n"
        + "\n"
        + "p1,Di,Quill,,,,,,\n"
        + "p6,Ed,Quill,,,,,,,extra,fields\n"
        + f"p7,{'x' * 300},Quill,,,,,,\n"
        + "p8,Fy,Quill,not a date,,,,,\n"
    )
    roster = load_roster(write(tmp_path, "r.csv", text))
    assert [p.patient_id for p in roster.patients] == ["p1"]
    lines = [(s.line, s.reason.split(" ")[0]) for s in roster.skipped]
    assert [line for line, _ in lines] == [3, 4, 5, 7, 8, 9, 10]
    reasons = " ".join(s.reason for s in roster.skipped)
    for word in ("no patient id", "no name", "not a valid date", "duplicate", "fields", "longer"):
        assert word in reasons
    assert "x" * 20 not in reasons
    assert "Quill" not in reasons


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"\n\n", "empty file"),
        (b"given,family\nAna,Quill\n", "no patient id column"),
        (b"id,city\n1,Leeds\n", "no name column"),
        (b"id,given\n", "no usable rows"),
        (b"id,given\n,Ana\n", "no usable rows (1 skipped)"),
    ],
)
def test_csv_errors(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(RosterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_roster(write(tmp_path, "r.csv", data))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="roster file not found"):
        load_roster(tmp_path / "missing.csv")
    with pytest.raises(RosterError, match="is a folder, expected a roster file"):
        load_roster(tmp_path)


def test_csv_malformed_record_is_an_error(tmp_path: Path) -> None:
    data = b'id,given\np1,"' + b"a" * (1 << 21) + b"\n"
    with pytest.raises(RosterError, match="malformed CSV"):
        load_roster(write(tmp_path, "r.csv", data))


@pytest.mark.parametrize(
    ("value", "year", "full"),
    [
        ("1980-02-03", 1980, date(1980, 2, 3)),
        ("1980-02-03T00:00:00Z", 1980, date(1980, 2, 3)),
        ("1980", 1980, None),
        ("1980-02", 1980, None),
        ("25/12/1980", 1980, date(1980, 12, 25)),
        ("12/25/1980", 1980, date(1980, 12, 25)),
        ("03/03/1980", 1980, date(1980, 3, 3)),
        ("03/04/1980", 1980, None),
        (None, 0, None),
    ],
)
def test_parse_birth(value: str | None, year: int, full: date | None) -> None:
    assert parse_birth(value) == (year, full)


@pytest.mark.parametrize("value", ["1980-02-30", "soon", "1700-01-01", "3000", "32/13/1980"])
def test_parse_birth_rejects(value: str) -> None:
    with pytest.raises(BadRowError):
        parse_birth(value)


def fhir_patient(pid: str, **extra: object) -> dict[str, object]:
    resource: dict[str, object] = {
        "resourceType": "Patient",
        "id": pid,
        "name": [
            {"use": "official", "given": ["Ana", "May"], "family": "Quill"},
            {"use": "nickname", "given": ["Annie"]},
            {"use": "maiden", "family": "Marsh"},
            {"use": "old", "text": "Vale"},
        ],
        "birthDate": "1980-02-03",
        "address": [{"line": ["1 Road"]}, {"city": "Leeds"}],
        "telecom": [
            {"system": "phone", "value": "0113 496 0000"},
            {"system": "email", "value": "ana@example.org"},
        ],
    }
    resource.update(extra)
    return resource


def test_fhir_bundle(tmp_path: Path) -> None:
    bundle = {
        "resourceType": "Bundle",
        "entry": [
            {"resource": fhir_patient("p1")},
            {"resource": {"resourceType": "Observation", "id": "o1"}},
            {"resource": fhir_patient("p2", name="oops")},
            {"resource": fhir_patient("p3", birthDate=19800203)},
            {"resource": fhir_patient("p4", name=[{"text": "Bo Vale"}])},
            "not an object",
        ],
    }
    roster = load_roster(write(tmp_path, "r.json", json.dumps(bundle, indent=2)))
    first = roster.patients[0]
    assert (first.given, first.family, first.city) == ("Ana May", "Quill", "Leeds")
    assert first.nicknames == ("Annie",)
    assert first.other_names == ("Marsh", "Vale")
    assert (first.email, first.phone) == ("ana@example.org", "0113 496 0000")
    assert first.birth_date == date(1980, 2, 3)
    assert roster.patients[1].full_name == "Bo Vale"
    assert [(s.line, s.reason) for s in roster.skipped] == [
        (3, "field 'name' is not a list"),
        (4, "field 'birthDate' is not a string"),
        (6, "not a JSON object"),
    ]


def test_fhir_ndjson_streams_and_reports_lines(tmp_path: Path) -> None:
    lines = [json.dumps(fhir_patient("p1")), "{broken", "", json.dumps(fhir_patient("p2"))]
    roster = load_roster(write(tmp_path, "r.ndjson", "\n".join(lines) + "\n"))
    assert [p.patient_id for p in roster.patients] == ["p1", "p2"]
    assert [(s.line, s.reason) for s in roster.skipped] == [(2, "invalid JSON")]


def test_fhir_array_single_patient_and_sniffing(tmp_path: Path) -> None:
    array_path = write(tmp_path, "roster", json.dumps([fhir_patient("p1"), fhir_patient("p2")]))
    assert len(load_roster(array_path)) == 2
    single = write(tmp_path, "one.fhir", json.dumps(fhir_patient("p9"), indent=1))
    assert load_roster(single).patients[0].patient_id == "p9"
    one_line_bundle = {"resourceType": "Bundle", "entry": [{"resource": fhir_patient("p5")}]}
    assert len(load_roster(write(tmp_path, "b.json", json.dumps(one_line_bundle)))) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{not json", "invalid JSON"),
        (b'{"resourceType": "Observation"}\n', "no usable rows"),
        (b'{\n"resourceType": "Observation"}', "not a FHIR Bundle"),
        (b'{"resourceType": "Bundle", "entry": 3}', "'entry' is not a list"),
        (b'{"resourceType": "Bundle",\n "x": "\xff"}', "not UTF-8"),
    ],
)
def test_fhir_errors(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(RosterError, match=message):
        load_roster(write(tmp_path, "r.json", data))


def test_roster_columns_are_interned(tmp_path: Path) -> None:
    rows = "".join(f"p{i},Ana,Quill,,Leeds,,,,\n" for i in range(50))
    roster = load_roster(write(tmp_path, "r.csv", HEADER + rows))
    assert len(roster.names) == 3
    assert len(roster.cities) == 2
    assert roster.patient(7).patient_id == "p7"
