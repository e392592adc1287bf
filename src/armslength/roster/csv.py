"""CSV rosters: header matched case-insensitively, delimiter and encoding sniffed, streamed.

Columns are found by their usual EHR headers or an explicit mapping (see
:mod:`armslength.roster.columns`). Several nicknames or other names in one cell are
separated by ``;`` or ``|``. Unknown columns (anything clinical) are ignored.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from armslength.errors import RosterError
from armslength.roster._store import RawPatient, Skipped
from armslength.roster.columns import (
    COLUMNS,
    NHS_HEADERS,
    alias_field,
    current_mapping,
    header_key,
    nhs_number_valid,
)

_DELIMITERS = ",;\t|"
_MULTI = re.compile(r"\s*[;|]\s*")
_MAX_FIELD = 1 << 20
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def map_header(
    cells: list[str], path: Path, mapping: Mapping[str, str] | None = None
) -> dict[str, int]:
    """Field name → column index; errors name the file and what is missing.

    ``mapping`` (field → header, as :func:`parse_column_mapping` gives) comes first;
    the other fields are found by their usual headers."""
    keys = [header_key(cell) for cell in cells]
    found: dict[str, int] = {}
    for field, header in (mapping or {}).items():
        if header_key(header) not in keys:
            raise RosterError(
                f"no column {header!r} (named for {field} in the roster column mapping)",
                path=path,
                line=1,
            )
        found[field] = keys.index(header_key(header))
    taken = set(found.values())
    for index, cell in enumerate(cells):
        alias = alias_field(cell)
        if alias is not None and alias not in found and index not in taken:
            found[alias] = index
    if "patient_id" not in found:
        raise RosterError(
            "no patient id column (expected id, patient_id, mrn, NHS Number, Patient ID, "
            "or name it with --roster-columns id=HEADER)",
            path=path,
            line=1,
        )
    if not {"given", "family", "full_name"} & found.keys():
        raise RosterError(
            "no name column (expected given/first_name/forename, family/last_name/surname "
            "or name, or name them with --roster-columns given=HEADER,family=HEADER)",
            path=path,
            line=1,
        )
    return found


def sniff_delimiter(header_line: str) -> str:
    """The candidate delimiter that occurs most often in the header line (comma if none)."""
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def decode_line(raw: bytes) -> str:
    """UTF-8, else Windows-1252, else Latin-1 (never fails): mixed files still load."""
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def text_lines(stream: BinaryIO) -> Iterator[str]:
    """Decoded lines; a BOM selects UTF-8 or UTF-16 for the whole file, else line by line."""
    head = stream.read(4)
    stream.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield from io.TextIOWrapper(stream, encoding="utf-16", errors="replace", newline="")
        return
    if head.startswith(codecs.BOM_UTF8):
        stream.seek(3)
    for raw in stream:
        yield from _LINE.findall(decode_line(raw))


def _cell(row: list[str], index: int | None) -> str | None:
    if index is None or index >= len(row):
        return None
    value = row[index].strip()
    return value or None


def _multi(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in _MULTI.split(value) if v) if value else ()


def row_to_patient(row: list[str], columns: dict[str, int], line: int) -> RawPatient:
    get = {field: _cell(row, columns.get(field)) for field in COLUMNS}
    return RawPatient(
        line=line,
        patient_id=get["patient_id"],
        given=get["given"],
        family=get["family"],
        full_name=get["full_name"],
        other_names=_multi(get["other_names"]),
        nicknames=_multi(get["nicknames"]),
        birth_date=get["birth_date"],
        city=get["city"],
        postcode=get["postcode"],
        email=get["email"],
        phone=get["phone"],
    )


class _LineCounter:
    """Counts physical lines handed to the csv module so each record knows its first line."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.count = 0

    def __iter__(self) -> Iterator[str]:
        for line in self._lines:
            self.count += 1
            yield line


def read_csv(stream: BinaryIO, path: Path) -> Iterator[RawPatient | Skipped]:
    """Rows of a CSV roster in file order; a row that cannot be used becomes :class:`Skipped`."""
    counter = _LineCounter(text_lines(stream))
    lines = iter(counter)
    header_line = next(lines, "")
    if not header_line.strip():
        raise RosterError("empty file (expected a header row)", path=path, line=1)
    delimiter = sniff_delimiter(header_line)
    csv.field_size_limit(_MAX_FIELD)
    try:
        header = next(csv.reader([header_line], delimiter=delimiter), [])
    except csv.Error as exc:
        raise RosterError(f"malformed CSV header ({_reason(exc)})", path=path, line=1) from None
    columns = map_header(header, path, current_mapping())
    id_header = header[columns["patient_id"]].strip()
    check = RowCheck.for_id_header(id_header)
    reader = csv.reader(lines, delimiter=delimiter)
    start = counter.count + 1
    try:
        for row in reader:
            yield from _row(row, columns, len(header), start, check)
            start = counter.count + 1
    except csv.Error as exc:
        raise RosterError(f"malformed CSV ({_reason(exc)})", path=path, line=start) from None


class RowCheck:
    """Per-row checks of a column's content (the NHS number's check digit)."""

    def __init__(self, nhs_column: str | None) -> None:
        self.nhs_column = nhs_column

    @classmethod
    def for_id_header(cls, id_header: str) -> RowCheck:
        """The checks of a roster whose id column has this header (as written)."""
        return cls(id_header if header_key(id_header) in NHS_HEADERS else None)

    def checked(self, patient: RawPatient) -> RawPatient | Skipped:
        """The row, or why it is skipped (naming the column, never the value)."""
        problem = self.problem(patient)
        return Skipped(patient.line, problem) if problem else patient

    def problem(self, patient: RawPatient) -> str | None:
        if self.nhs_column and patient.patient_id and not nhs_number_valid(patient.patient_id):
            return f"the NHS number in column {self.nhs_column!r} fails its check digit"
        return None


def _reason(exc: csv.Error) -> str:
    text = str(exc)
    return "field too large" if "field larger" in text else "unreadable record"


def _row(
    row: list[str], columns: dict[str, int], width: int, line: int, check: RowCheck
) -> Iterator[RawPatient | Skipped]:
    if not any(cell.strip() for cell in row):
        return
    if len(row) > width:
        yield Skipped(line, f"has {len(row)} fields but the header has {width}")
        return
    yield check.checked(row_to_patient(row, columns, line))
