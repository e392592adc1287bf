"""The in-memory roster: columnar, interned, identity fields only.

Rows arrive one at a time from a loader (CSV or FHIR) and are checked and stored
as integer codes into string tables, so millions of patients fit in bounded
memory. :class:`armslength.model.Patient` objects are built only on request.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, NamedTuple

from armslength.errors import RosterError
from armslength.model import Patient
from armslength.roster.names import MAX_NAME_CHARS


@dataclass(frozen=True)
class Skipped:
    """A roster row that was not loaded: where it is and why (never its content)."""

    line: int
    reason: str


class RawPatient(NamedTuple):
    """One row as a loader read it, before checks."""

    line: int
    patient_id: str | None
    given: str | None = None
    family: str | None = None
    full_name: str | None = None
    other_names: tuple[str, ...] = ()
    nicknames: tuple[str, ...] = ()
    birth_date: str | None = None
    city: str | None = None
    email: str | None = None
    phone: str | None = None
    postcode: str | None = None


class BadRowError(RosterError):
    """Raised by a loader's row parser; the message says what is wrong, not what the row holds."""


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")


def parse_birth(value: str | None) -> tuple[int, date | None]:
    """(birth year or 0, full date or None). ISO dates, FHIR partial dates, unambiguous D/M/Y."""
    if value is None:
        return 0, None
    value = value.strip()
    iso = _ISO.match(value)
    try:
        if iso:
            year, month, day = iso.groups()
            if day is None:
                return _check_year(int(year), value), None
            full = date(int(year), int(month), int(day))
            return _check_year(full.year, value), full
        dmy = _DAY_FIRST.match(value)
        if dmy:
            return _day_month_year(*(int(x) for x in dmy.groups()))
    except ValueError as exc:
        raise BadRowError("birth date is not a valid date") from exc
    raise BadRowError("birth date is not a date (expected YYYY-MM-DD)")


def _check_year(year: int, _value: str) -> int:
    if not 1850 <= year <= date.today().year:
        raise BadRowError("birth date is out of range")
    return year


def _day_month_year(a: int, b: int, year: int) -> tuple[int, date | None]:
    if a > 12 >= b:
        full = date(year, b, a)
    elif b > 12 >= a or a == b:
        full = date(year, a, b)
    elif a > 12 or b > 12:
        raise BadRowError("birth date is not a valid date")
    else:
        return _check_year(year, ""), None  # day/month ambiguous: keep the year only
    return _check_year(year, ""), full


class _Interner:
    """String table: code 0 is None; equal strings share one code and one object."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.strings: list[str | None] = [None]

    def code(self, value: str | None) -> int:
        if value is None:
            return 0
        found = self.codes.get(value)
        if found is None:
            found = self.codes[value] = len(self.strings)
            self.strings.append(value)
        return found

    def __len__(self) -> int:
        return len(self.strings)


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _check_name_length(*values: str | None) -> None:
    if any(v is not None and len(v) > MAX_NAME_CHARS for v in values):
        raise BadRowError(f"a name is longer than {MAX_NAME_CHARS} characters")


class Roster:
    """Patients of one roster file, stored column by column.

    ``patients`` (a list of :class:`~armslength.model.Patient`) is built on first
    use; matching works on the columns and never needs it.
    """

    def __init__(self, source: str = "") -> None:
        self.source = source
        self.skipped: list[Skipped] = []
        self.ids: list[str] = []
        self._seen: set[str] = set()
        self.names = _Interner()
        self.cities = _Interner()
        self.given = array("I")
        self.family = array("I")
        self.city = array("I")
        self.postcodes = _Interner()
        self.postcode = array("I")
        self.birth_year = array("H")
        self._birth_day = array("I")
        self.emails: list[str | None] = []
        self.phones: list[str | None] = []
        self._extra: dict[int, tuple[str | None, tuple[str, ...], tuple[str, ...]]] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def extend(self, rows: Iterable[RawPatient | Skipped]) -> None:
        for row in rows:
            if isinstance(row, Skipped):
                self.skipped.append(row)
                continue
            try:
                self.add(row)
            except BadRowError as exc:
                self.skipped.append(Skipped(row.line, str(exc)))

    def add(self, row: RawPatient) -> None:
        """Check one row and store it; :class:`BadRowError` says why it cannot be used."""
        pid = _clean(row.patient_id)
        if pid is None:
            raise BadRowError("no patient id")
        given, family, full = _clean(row.given), _clean(row.family), _clean(row.full_name)
        _check_name_length(given, family, full, *row.other_names, *row.nicknames)
        given, family = self._split_full(given, family, full)
        if given is None and family is None:
            raise BadRowError("no name")
        year, full_date = parse_birth(_clean(row.birth_date))
        if pid in self._seen:
            raise BadRowError("duplicate patient id (an earlier row has the same id)")
        self._store(pid, given, family, full, row, year, full_date)

    @staticmethod
    def _split_full(
        given: str | None, family: str | None, full: str | None
    ) -> tuple[str | None, str | None]:
        if given is not None or family is not None or full is None:
            return given, family
        from armslength.roster.names import parse_display_name

        words = parse_display_name(full).words
        if not words:
            return None, None
        return (words[0], words[-1]) if len(words) > 1 else (None, words[0])

    def _store(
        self,
        pid: str,
        given: str | None,
        family: str | None,
        full: str | None,
        row: RawPatient,
        year: int,
        full_date: date | None,
    ) -> None:
        index = len(self.ids)
        self._seen.add(pid)
        self.ids.append(pid)
        self.given.append(self.names.code(given))
        self.family.append(self.names.code(family))
        self.city.append(self.cities.code(_clean(row.city)))
        self.postcode.append(self.postcodes.code(_clean(row.postcode)))
        self.birth_year.append(year)
        self._birth_day.append(full_date.toordinal() if full_date is not None else 0)
        self.emails.append(_clean(row.email))
        self.phones.append(_clean(row.phone))
        others = tuple(o for o in (_clean(x) for x in row.other_names) if o)
        nicks = tuple(n for n in (_clean(x) for x in row.nicknames) if n)
        if full or others or nicks:
            self._extra[index] = (full, others, nicks)

    def done(self) -> None:
        """Loading finished: free the duplicate-id set."""
        self._seen = set()

    # ------------------------------------------------------------------ accessors

    def given_of(self, index: int) -> str | None:
        return self.names.strings[self.given[index]]

    def family_of(self, index: int) -> str | None:
        return self.names.strings[self.family[index]]

    def city_of(self, index: int) -> str | None:
        return self.cities.strings[self.city[index]]

    def postcode_of(self, index: int) -> str | None:
        return self.postcodes.strings[self.postcode[index]]

    def contact_of(self, index: int) -> tuple[str | None, str | None]:
        return self.emails[index], self.phones[index]

    def birth_date_of(self, index: int) -> date | None:
        day = self._birth_day[index]
        return date.fromordinal(day) if day else None

    def extra_of(self, index: int) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
        return self._extra.get(index, (None, (), ()))

    def patient(self, index: int) -> Patient:
        full, others, nicks = self.extra_of(index)
        email, phone = self.contact_of(index)
        return Patient(
            patient_id=self.ids[index],
            given=self.given_of(index),
            family=self.family_of(index),
            full_name=full,
            other_names=others,
            nicknames=nicks,
            birth_date=self.birth_date_of(index),
            city=self.city_of(index),
            email=email,
            phone=phone,
        )

    @cached_property
    def patients(self) -> list[Patient]:
        """Every loaded patient as a :class:`Patient` (built once, on first use)."""
        return [self.patient(i) for i in range(len(self.ids))]
