"""Recognizers: one class per file; :func:`default_recognizers` is the registry."""

from __future__ import annotations

from armslength.screen.recognizers._base import Pattern, PatternRecognizer, Recognizer
from armslength.screen.recognizers.address_block import AddressBlockRecognizer
from armslength.screen.recognizers.age import AgeRecognizer
from armslength.screen.recognizers.date import DateRecognizer
from armslength.screen.recognizers.email import EmailRecognizer
from armslength.screen.recognizers.facility import FacilityRecognizer
from armslength.screen.recognizers.handle import HandleRecognizer
from armslength.screen.recognizers.hashtag_name import HashtagNameRecognizer
from armslength.screen.recognizers.initials import InitialsRecognizer
from armslength.screen.recognizers.ip_address import IpAddressRecognizer
from armslength.screen.recognizers.known_patient import KnownPatientRecognizer
from armslength.screen.recognizers.labelled_id import LabelledIdRecognizer
from armslength.screen.recognizers.national_ids import (
    IbanRecognizer,
    NhsNumberRecognizer,
    NpiRecognizer,
    PaymentCardRecognizer,
    SsnRecognizer,
)
from armslength.screen.recognizers.person_name import PersonNameRecognizer
from armslength.screen.recognizers.phone import PhoneRecognizer
from armslength.screen.recognizers.place import PlaceRecognizer
from armslength.screen.recognizers.postal_code import UkPostcodeRecognizer, ZipCodeRecognizer
from armslength.screen.recognizers.shaped_id import ShapedIdRecognizer
from armslength.screen.recognizers.street_address import StreetAddressRecognizer
from armslength.screen.recognizers.url import UrlRecognizer

__all__ = [
    "KnownPatientRecognizer",
    "Pattern",
    "PatternRecognizer",
    "Recognizer",
    "default_recognizers",
]


def default_recognizers() -> list[Recognizer]:
    """Every built-in PHI recognizer, in no particular order (overlaps are resolved later)."""
    from armslength.screen.rules import ProfessionalismRecognizer, RelationshipRecognizer

    return [
        EmailRecognizer(),
        UrlRecognizer(),
        IpAddressRecognizer(),
        PhoneRecognizer(),
        SsnRecognizer(),
        NhsNumberRecognizer(),
        NpiRecognizer(),
        PaymentCardRecognizer(),
        IbanRecognizer(),
        LabelledIdRecognizer(),
        ShapedIdRecognizer(),
        ZipCodeRecognizer(),
        UkPostcodeRecognizer(),
        StreetAddressRecognizer(),
        AddressBlockRecognizer(),
        FacilityRecognizer(),
        PlaceRecognizer(),
        DateRecognizer(),
        AgeRecognizer(),
        HandleRecognizer(),
        HashtagNameRecognizer(),
        PersonNameRecognizer(),
        InitialsRecognizer(),
        RelationshipRecognizer(),
        ProfessionalismRecognizer(),
    ]
