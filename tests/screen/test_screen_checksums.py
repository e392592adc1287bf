from __future__ import annotations

import pytest

from armslength.screen import checksums


@pytest.mark.parametrize(
    ("func", "value", "ok"),
    [
        (checksums.luhn_ok, "4111111111111111", True),
        (checksums.luhn_ok, "4111111111111112", False),
        (checksums.luhn_ok, "x", False),
        (checksums.nhs_ok, "9434765919", True),
        (checksums.nhs_ok, "9434765918", False),
        (checksums.nhs_ok, "1111111111", False),
        (checksums.nhs_ok, "123", False),
        (checksums.npi_ok, "1234567893", True),
        (checksums.npi_ok, "1234567890", False),
        (checksums.npi_ok, "3234567893", False),
        (checksums.ssn_ok, "123-45-6789", True),
        (checksums.ssn_ok, "000-45-6789", False),
        (checksums.ssn_ok, "666-45-6789", False),
        (checksums.ssn_ok, "912-45-6789", False),
        (checksums.ssn_ok, "123-00-6789", False),
        (checksums.ssn_ok, "123-45-0000", False),
        (checksums.ssn_ok, "12-345-6789", False),
        (checksums.iban_ok, "GB82WEST12345698765432", True),
        (checksums.iban_ok, "GB82 WEST 1234 5698 7654 32", True),
        (checksums.iban_ok, "GB83WEST12345698765432", False),
        (checksums.iban_ok, "1282WEST12345698765432", False),
    ],
)
def test_checksums(func: object, value: str, ok: bool) -> None:
    assert callable(func)
    assert func(value) is ok
