"""Roster columns: UK and US EHR report headers, an explicit mapping, NHS check digits,
and postcode areas as a location hint."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from armslength.cli import app
from armslength.errors import InputError, RosterError
from armslength.roster import Roster, load_roster
from armslength.roster.columns import nhs_number_valid, parse_column_mapping, roster_columns
from armslength.roster.match import AccountInfo, match
from armslength.roster.places import postcode_area, split_location
from armslength.samples.synthetic import Scale, write_sample

runner = CliRunner()
VALID_NHS = ["943 476 5919", "2914177763", "3170669079", "4391500086", "0636083772"]


def write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    "header",
    [
        # EMIS / SystmOne / Vision patient reports.
        ["NHS Number", "Forename", "Surname", "Date of Birth", "Postcode"],
        ["nhs number", "FORENAME", "surname", "date of birth", "post code"],
        ["NHS_Number", "Forenames", "Surname", "DOB", "Postcode"],
        # US EHR reports.
        ["MRN", "First Name", "Last Name", "DOB", "ZIP"],
        ["Patient ID", "first name", "LAST NAME", "Date Of Birth", "Zip Code"],
        ["Medical Record Number", "First_Name", "Last_Name", "DOB", "Postal Code"],
    ],
)
def test_common_ehr_headers(tmp_path: Path, header: list[str]) -> None:
    rows = [[VALID_NHS[0], "Ada", "Quillfeather", "1980-02-03", "LS6 3AB"]]
    roster = load_roster(write(tmp_path / "r.csv", header, rows))
    patient = roster.patients[0]
    assert (patient.patient_id, patient.given, patient.family) == (
        VALID_NHS[0],
        "Ada",
        "Quillfeather",
    )
    assert patient.birth_date is not None and patient.birth_date.year == 1980
    assert roster.postcode_of(0) == "LS6 3AB"


@pytest.mark.parametrize("number", VALID_NHS)
def test_valid_nhs_numbers(number: str) -> None:
    assert nhs_number_valid(number)


@pytest.mark.parametrize(
    "number", ["943 476 5918", "9434765910", "94347659", "943476591X", "1234567890", ""]
)
def test_invalid_nhs_numbers(number: str) -> None:
    assert not nhs_number_valid(number)


def test_a_bad_nhs_number_is_reported_by_row_and_column_never_by_value(tmp_path: Path) -> None:
    rows = [
        [VALID_NHS[1], "Ada", "Quillfeather", "1980-02-03"],
        ["9434765918", "Bea", "Quillfeather", "1981-02-03"],
    ]
    roster = load_roster(
        write(tmp_path / "r.csv", ["NHS Number", "Forename", "Surname", "DOB"], rows)
    )
    assert [p.patient_id for p in roster.patients] == [VALID_NHS[1]]
    (skipped,) = roster.skipped
    assert skipped.line == 3
    assert "'NHS Number'" in skipped.reason and "check digit" in skipped.reason
    assert "9434765918" not in skipped.reason


def test_all_nhs_numbers_bad_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv", ["NHS Number", "Forename", "Surname"], [["1234567890", "A", "B"]]
    )
    with pytest.raises(RosterError) as caught:
        load_roster(path)
    assert "r.csv" in str(caught.value)
    assert "1234567890" not in str(caught.value)


def test_explicit_mapping(tmp_path: Path) -> None:
    header = ["Chart No", "Given", "Family", "Town", "Birthday"]
    path = write(
        tmp_path / "r.csv", header, [["C-17", "Ada", "Quillfeather", "Leeds", "1980-02-03"]]
    )
    with pytest.raises(RosterError, match="no patient id column"):
        load_roster(path)
    mapping = parse_column_mapping("id=Chart No, given=Given ,family=Family,dob=Birthday")
    with roster_columns(mapping):
        roster = load_roster(path)
    patient = roster.patients[0]
    assert (patient.patient_id, patient.given, patient.family) == ("C-17", "Ada", "Quillfeather")
    assert patient.city == "Leeds"
    assert patient.birth_date is not None
    # Outside the block the mapping no longer applies; the keyword gives it per call.
    with pytest.raises(RosterError):
        load_roster(path)
    assert load_roster(path, columns=mapping).ids == ["C-17"]


def test_mapping_overrides_an_alias(tmp_path: Path) -> None:
    header = ["id", "Chart No", "First Name", "Last Name"]
    path = write(tmp_path / "r.csv", header, [["row1", "C-17", "Ada", "Quillfeather"]])
    with roster_columns(parse_column_mapping("id=chart no")):
        assert load_roster(path).ids == ["C-17"]


def test_a_mapped_header_that_is_missing_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", ["id", "given", "family"], [["1", "A", "B"]])
    with roster_columns(parse_column_mapping("id=Chart No")), pytest.raises(RosterError) as caught:
        load_roster(path)
    assert "'Chart No'" in str(caught.value) and "r.csv" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id", "FIELD=HEADER"),
        ("colour=Eyes", "unknown field"),
        ("id=", "FIELD=HEADER"),
        (",", "empty"),
    ],
)
def test_bad_mappings(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_column_mapping(text)


def test_match_cli_takes_the_mapping(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv", ["Chart No", "Given", "Family"], [["C-17", "Ada", "Quillfeather"]]
    )
    args = ["match", "--roster", str(path), "--json", "Ada Quillfeather"]
    assert runner.invoke(app, args).exit_code != 0
    result = runner.invoke(
        app, [*args, "--roster-columns", "id=Chart No,given=Given,family=Family"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["candidates"][0]["patient_id"] == "C-17"


def test_audit_cli_takes_the_mapping(tmp_path: Path) -> None:
    sample = write_sample(
        tmp_path / "sample",
        Scale(patients=40, friends=20, followers=5, connections=5, posts=5),
        seed=3,
    )
    with sample["roster"].open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    renamed = {"patient_id": "Chart No", "given": "Given Name(s)", "family": "Family"}
    rows[0] = [renamed.get(h, h) for h in rows[0]]
    roster = write(tmp_path / "odd.csv", rows[0], rows[1:])
    args = [
        "audit",
        str(sample["facebook"]),
        "--roster",
        str(roster),
        "--out",
        str(tmp_path / "o"),
        "-q",
    ]
    failed = runner.invoke(app, args)
    assert failed.exit_code != 0
    mapping = "id=Chart No,given=Given Name(s),family=Family"
    result = runner.invoke(app, [*args, "--roster-columns", mapping])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / "report.json").exists()


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("LS6 3AB", "uk:LS6"),
        ("ls63ab", "uk:LS6"),
        ("EC1A 1BB", "uk:EC1A"),
        ("LS6", "uk:LS6"),
        ("10027", "us:10027"),
        ("10027-1234", "us:10027"),
        ("Leeds", None),
        ("", None),
    ],
)
def test_postcode_areas(text: str, area: str | None) -> None:
    assert postcode_area(text) == area


def test_split_location() -> None:
    place = split_location("Leeds LS6 3AB")
    assert (place.city, place.area) == ("Leeds", "uk:LS6")
    place = split_location("New York, NY 10027")
    assert (place.city, place.area) == ("New York, NY", "us:10027")
    place = split_location("Leeds")
    assert (place.city, place.area) == ("Leeds", None)


@pytest.fixture(scope="module")
def namesakes(tmp_path_factory: pytest.TempPathFactory) -> Roster:
    rows = [
        ["1", "Ada", "Quillfeather", "LS6 1AA"],
        ["2", "Ada", "Quillfeather", "BS1 4DJ"],
        *[[f"f{i}", g, "Smith", "M1 1AE"] for i, g in enumerate(["Ann", "Bob", "Cy", "Di"] * 50)],
    ]
    path = tmp_path_factory.mktemp("post") / "r.csv"
    return load_roster(write(path, ["id", "Forename", "Surname", "Postcode"], rows))


def test_a_shown_postcode_area_tells_namesakes_apart(namesakes: Roster) -> None:
    (plain,) = match([AccountInfo("Ada Quillfeather")], namesakes)
    assert {c.patient_id for c in plain.candidates} == {"1", "2"}
    assert abs(plain.candidates[0].score - plain.candidates[1].score) < 0.01
    (located,) = match([AccountInfo("Ada Quillfeather", city="LS6 3AB")], namesakes)
    top = located.candidates[0]
    assert top.patient_id == "1"
    others = [c.score for c in located.candidates[1:]]
    assert all(top.score > 2 * score for score in others)
    assert "postcode area agrees" in top.evidence
