"""Check digits of the identifiers that have them (pure functions, separately tested)."""

from __future__ import annotations

import re

_SSN = re.compile(r"^(\d{3})-?(\d{2})-?(\d{4})$")


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by payment cards and NPIs."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def nhs_ok(digits: str) -> bool:
    """NHS number: 10 digits, mod-11 check digit (weights 10..2; 11 -> 0; 10 is invalid)."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def npi_ok(digits: str) -> bool:
    """US NPI: 10 digits starting 1 or 2, Luhn-valid with the 80840 prefix."""
    return len(digits) == 10 and digits[0] in "12" and luhn_ok("80840" + digits)


def ssn_ok(text: str) -> bool:
    """US SSN structure rules: area not 000, 666 or 900-999; group not 00; serial not 0000."""
    match = _SSN.match(text)
    if match is None:
        return False
    area, group, serial = match.groups()
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


def iban_ok(text: str) -> bool:
    """IBAN mod-97 check (ISO 13616)."""
    compact = text.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1
