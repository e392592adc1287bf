"""Which roster column holds what: EHR report headers, an explicit mapping, NHS numbers.

Headers are compared without case, spaces, hyphens, dots or underscores, so
``NHS Number``, ``nhs_number`` and ``NHS-Number`` are one header. The aliases cover
the usual UK practice reports (EMIS, SystmOne, Vision: ``NHS Number``, ``Forename``,
``Surname``, ``Date of Birth``, ``Postcode``) and US EHR reports (``MRN``,
``Patient ID``, ``First Name``, ``Last Name``, ``DOB``, ``ZIP``). Anything else is
named explicitly: ``id=Chart No,given=Given,family=Family`` (the ``--roster-columns``
option), which takes precedence over the aliases.

When the id column is an NHS number, its mod-11 check digit is validated per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from armslength.errors import InputError

__all__ = [
    "COLUMNS",
    "FIELD_NAMES",
    "header_key",
    "nhs_number_valid",
    "parse_column_mapping",
    "roster_columns",
]

COLUMNS: dict[str, tuple[str, ...]] = {
    "patient_id": (
        "id",
        "patient_id",
        "patientid",
        "mrn",
        "medical_record_number",
        "nhs_number",
        "nhs_no",
        "nhsnumber",
        "chi_number",
        "person_id",
    ),
    "given": ("given", "first_name", "first", "given_name", "given_names", "forename", "forenames"),
    "family": ("family", "last_name", "last", "surname", "family_name"),
    "full_name": ("name", "full_name", "patient_name"),
    "nicknames": ("nickname", "nicknames", "preferred_name", "known_as"),
    "other_names": (
        "other_names",
        "other_name",
        "maiden_name",
        "former_name",
        "maiden",
        "previous_surname",
    ),
    "birth_date": ("birth_date", "dob", "birthdate", "date_of_birth"),
    "city": ("city", "town", "post_town"),
    "postcode": ("postcode", "post_code", "postal_code", "zip", "zip_code", "zipcode"),
    "email": ("email", "e_mail", "email_address"),
    "phone": ("phone", "telephone", "mobile", "phone_number", "mobile_telephone"),
}

FIELD_NAMES: dict[str, str] = {
    "id": "patient_id",
    "patient_id": "patient_id",
    "given": "given",
    "family": "family",
    "name": "full_name",
    "full_name": "full_name",
    "nickname": "nicknames",
    "other_names": "other_names",
    "dob": "birth_date",
    "birth_date": "birth_date",
    "city": "city",
    "postcode": "postcode",
    "zip": "postcode",
    "email": "email",
    "phone": "phone",
}
"""Names a ``--roster-columns`` mapping may use on its left-hand side."""

NHS_HEADERS = frozenset({"nhsnumber", "nhsno"})
"""Folded id headers that hold an NHS number (its check digit is validated)."""

_FOLD = re.compile(r"[\s\-_.]+")
_ALIASES = {_FOLD.sub("", a): f for f, names in COLUMNS.items() for a in names}

_MAPPING: ContextVar[Mapping[str, str] | None] = ContextVar("roster_columns", default=None)


def header_key(cell: str) -> str:
    """A header folded for comparison: ``" Date of Birth "`` → ``dateofbirth``."""
    return _FOLD.sub("", cell.strip().strip('"').lower())


def alias_field(cell: str) -> str | None:
    """The roster field a header names by one of the known aliases, or None."""
    return _ALIASES.get(header_key(cell))


def parse_column_mapping(text: str) -> dict[str, str]:
    """``"id=Chart No,given=Given"`` → {patient_id: "Chart No", given: "Given"}.

    Raises :class:`InputError` naming the part that cannot be used."""
    mapping: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, sep, header = part.partition("=")
        field = FIELD_NAMES.get(name.strip().lower())
        if not sep or not header.strip():
            raise InputError(f"roster columns: {part!r} is not FIELD=HEADER")
        if field is None:
            known = ", ".join(sorted(FIELD_NAMES))
            raise InputError(f"roster columns: unknown field {name.strip()!r} (known: {known})")
        mapping[field] = header.strip()
    if not mapping:
        raise InputError("roster columns: empty mapping (expected FIELD=HEADER,...)")
    return mapping


@contextmanager
def roster_columns(mapping: Mapping[str, str] | None) -> Iterator[None]:
    """Rosters loaded inside this block use ``mapping`` (from :func:`parse_column_mapping`)."""
    token = _MAPPING.set(mapping)
    try:
        yield
    finally:
        _MAPPING.reset(token)


def current_mapping() -> Mapping[str, str] | None:
    return _MAPPING.get()


_NHS_WEIGHTS = tuple(range(10, 1, -1))


def nhs_number_valid(value: str) -> bool:
    """Ten digits (spaces or hyphens allowed) whose mod-11 check digit is right."""
    digits = re.sub(r"[\s\-]", "", value)
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], _NHS_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])
