"""Recognizers: one class per file, run in the order of :data:`REGISTRY`."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from armslength.screen.recognizers._base import Pattern, PatternRecognizer, Recognizer
from armslength.screen.recognizers._registry import Registry, RuleInfo
from armslength.screen.recognizers.address_block import AddressBlockRecognizer
from armslength.screen.recognizers.age import AgeRecognizer
from armslength.screen.recognizers.care_disclosure import CareDisclosureRecognizer
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
from armslength.screen.recognizers.patient_detail import PatientDetailRecognizer
from armslength.screen.recognizers.person_name import PersonNameRecognizer
from armslength.screen.recognizers.phone import PhoneRecognizer
from armslength.screen.recognizers.place import PlaceRecognizer
from armslength.screen.recognizers.postal_code import UkPostcodeRecognizer, ZipCodeRecognizer
from armslength.screen.recognizers.shaped_id import ShapedIdRecognizer
from armslength.screen.recognizers.street_address import StreetAddressRecognizer
from armslength.screen.recognizers.url import UrlRecognizer

__all__ = [
    "REGISTRY",
    "CareDisclosureRecognizer",
    "KnownPatientRecognizer",
    "Pattern",
    "PatternRecognizer",
    "Recognizer",
    "Registry",
    "RuleInfo",
    "default_recognizers",
    "screen_rules",
]

REGISTRY = Registry()
"""The built-in recognizers, in the order they run (overlaps are resolved afterwards)."""


_REGISTERING = threading.Lock()
_READY = threading.Event()


def _ensure_builtins() -> None:
    """Register the built-ins once, even when several threads screen their first text (a
    thread never sees them half registered)."""
    if _READY.is_set():
        return
    with _REGISTERING:
        if not _READY.is_set():
            _register_builtins()
            _READY.set()


def _register_builtins() -> None:
    from armslength.screen.rules import ProfessionalismRecognizer, RelationshipRecognizer

    for cls in (
        EmailRecognizer,
        UrlRecognizer,
        IpAddressRecognizer,
        PhoneRecognizer,
        SsnRecognizer,
        NhsNumberRecognizer,
        NpiRecognizer,
        PaymentCardRecognizer,
        IbanRecognizer,
        LabelledIdRecognizer,
        ShapedIdRecognizer,
        ZipCodeRecognizer,
        UkPostcodeRecognizer,
        StreetAddressRecognizer,
        AddressBlockRecognizer,
        FacilityRecognizer,
        PlaceRecognizer,
        DateRecognizer,
        AgeRecognizer,
        HandleRecognizer,
        HashtagNameRecognizer,
        PersonNameRecognizer,
        InitialsRecognizer,
        PatientDetailRecognizer,
        RelationshipRecognizer,
        CareDisclosureRecognizer,
        ProfessionalismRecognizer,
    ):
        REGISTRY.add(cls)
    REGISTRY.add(KnownPatientRecognizer, default=False)


def default_recognizers(disable: Iterable[str] = ()) -> list[Recognizer]:
    """Every registered PHI recognizer but those whose rule id is in *disable*."""
    _ensure_builtins()
    return REGISTRY.build(disable)


def screen_rules() -> list[RuleInfo]:
    """Every rule id the screen can report, with what it finds (``screen --list-rules``)."""
    _ensure_builtins()
    return REGISTRY.rules()
