"""FHIR R4 rosters: a Bundle (JSON) of Patient resources, a JSON array, or NDJSON.

Read: ``id``; ``name[]`` (``use`` official/usual/none → the name, nickname →
nicknames, maiden/old → other names; ``given``, ``family``, ``text``);
``birthDate``; ``address[].city`` and ``postalCode``; ``telecom[]`` (email, phone). Everything else
in a resource is ignored. NDJSON is streamed line by line; a Bundle is one JSON
document, so very large rosters should be NDJSON. For a Bundle or array, the
"line" of a skipped row is the entry's position (1-based).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from armslength._io import decode_text
from armslength.errors import RosterError
from armslength.roster._store import BadRowError, RawPatient, Skipped

_PRIMARY_USES = (None, "official", "usual")
_OTHER_USES = ("maiden", "old")
_MAX_LINE = 1 << 22
_WHAT = "FHIR JSON roster"


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _list(resource: dict[str, Any], key: str) -> list[Any]:
    value = resource.get(key, [])
    if not isinstance(value, list):
        raise BadRowError(f"field '{key}' is not a list")
    return value


def _given(name: dict[str, Any]) -> str | None:
    given = name.get("given", [])
    if isinstance(given, list):
        words = [g for g in (_str(x) for x in given) if g]
        return " ".join(words) or None
    return _str(given)


def _names(resource: dict[str, Any]) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    names = [n for n in _list(resource, "name") if isinstance(n, dict)]
    for use in _PRIMARY_USES:
        for name in names:
            if name.get("use") == use:
                return name, names
    return (names[0] if names else None), names


def patient_from_resource(resource: Any, line: int) -> RawPatient:
    """Identity fields of one FHIR Patient resource; :class:`BadRowError` if unusable."""
    if not isinstance(resource, dict):
        raise BadRowError("not a JSON object")
    primary, names = _names(resource)
    nicks = [_given(n) or _str(n.get("text")) for n in names if n.get("use") == "nickname"]
    others = [
        _str(n.get("family")) or _str(n.get("text")) for n in names if n.get("use") in _OTHER_USES
    ]
    email, phone = _telecom(resource)
    return RawPatient(
        line=line,
        patient_id=_str(resource.get("id")),
        given=_given(primary) if primary else None,
        family=_str(primary.get("family")) if primary else None,
        full_name=_str(primary.get("text")) if primary else None,
        other_names=tuple(o for o in others if o),
        nicknames=tuple(n for n in nicks if n),
        birth_date=_birth(resource),
        city=_address(resource, "city"),
        email=email,
        phone=phone,
        postcode=_address(resource, "postalCode"),
    )


def _birth(resource: dict[str, Any]) -> str | None:
    value = resource.get("birthDate")
    if value is not None and not isinstance(value, str):
        raise BadRowError("field 'birthDate' is not a string")
    return _str(value)


def _address(resource: dict[str, Any], part: str) -> str | None:
    for address in _list(resource, "address"):
        if isinstance(address, dict) and _str(address.get(part)):
            return _str(address.get(part))
    return None


def _telecom(resource: dict[str, Any]) -> tuple[str | None, str | None]:
    found: dict[str, str] = {}
    for point in _list(resource, "telecom"):
        if isinstance(point, dict) and isinstance(point.get("system"), str):
            value = _str(point.get("value"))
            if value:
                found.setdefault(point["system"], value)
    return found.get("email"), found.get("phone") or found.get("sms")


def _is_patient(resource: Any) -> bool:
    return isinstance(resource, dict) and resource.get("resourceType") == "Patient"


def _convert(resource: Any, line: int) -> Iterator[RawPatient | Skipped]:
    if isinstance(resource, dict) and "resourceType" in resource and not _is_patient(resource):
        return
    try:
        yield patient_from_resource(resource, line)
    except BadRowError as exc:
        yield Skipped(line, str(exc))


def _resources(document: Any, path: Path) -> list[Any]:
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and document.get("resourceType") == "Bundle":
        entries = document.get("entry", [])
        if not isinstance(entries, list):
            raise RosterError("Bundle 'entry' is not a list", path=path, field="entry")
        return [e.get("resource") if isinstance(e, dict) else e for e in entries]
    if _is_patient(document):
        return [document]
    raise RosterError("not a FHIR Bundle, Patient or NDJSON of Patients", path=path)


def _decode(raw: bytes, path: Path, line: int) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterError("not UTF-8 (FHIR JSON must be UTF-8)", path=path, line=line) from None


def read_fhir(stream: BinaryIO, path: Path) -> Iterator[RawPatient | Skipped]:
    """Patients of a FHIR Bundle/array (one document) or NDJSON (one resource per line)."""
    first = stream.readline(_MAX_LINE)
    rest = stream.readline(_MAX_LINE)
    if _is_ndjson(first, rest):
        yield from _read_ndjson(stream, path, first, rest)
        return
    stream.seek(0)
    try:
        text = decode_text(stream.read(), path, what=_WHAT, encoding="utf-8-sig", error=RosterError)
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RosterError(f"invalid JSON ({exc.msg})", path=path, line=exc.lineno) from None
    for position, resource in enumerate(_resources(document, path), start=1):
        yield from _convert(resource, position)


def _is_ndjson(first: bytes, second: bytes) -> bool:
    try:
        value = json.loads(first.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(value, dict) and (
        value.get("resourceType") != "Bundle" or bool(second.strip())
    )


def _read_ndjson(
    stream: BinaryIO, path: Path, first: bytes, second: bytes
) -> Iterator[RawPatient | Skipped]:
    def lines() -> Iterator[bytes]:
        yield first
        yield second
        yield from stream

    for number, raw in enumerate(lines(), start=1):
        if not raw.strip():
            continue
        try:
            resource = json.loads(_decode(raw, path, number))
        except json.JSONDecodeError:
            yield Skipped(number, "invalid JSON")
            continue
        yield from _convert(resource, number)
