"""Name forms of roster patients, for the known-patient recognizer.

Uses the roster module's normalisation (nicknames, diacritics) when it is available, so a
name matches here exactly when it would match there; a small fallback keeps screening
usable on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from nicknames import NickNamer

from armslength.model import Patient
from armslength.screen._doc import fold

_SPACES = re.compile(r"[^\w'’-]+")


@cache
def _namer() -> NickNamer:
    """The nickname table, loaded once (it parses a large CSV)."""
    return NickNamer()


def _norm(text: str) -> str:
    return _SPACES.sub(" ", fold(text)).strip()


def fallback_variants(patient: Patient) -> set[str]:
    """Whole-name forms: given (and its nicknames) x family, plus the full name."""
    givens = {_norm(g) for g in (patient.given, *patient.nicknames) if g}
    givens = {g for g in givens if g}
    namer = _namer()
    for given in list(givens):
        givens |= {n.lower() for n in namer.nicknames_of(given.split()[0])}
    families = {_norm(f) for f in (patient.family, *patient.other_names) if f}
    forms = {f"{g} {f}" for g in givens for f in families if f}
    if patient.full_name and _norm(patient.full_name):
        forms.add(_norm(patient.full_name))
    return forms


def name_forms(patient: Patient) -> set[str]:
    """Normalised whole-name forms of one patient (roster module's rules when present)."""
    try:
        from armslength.roster.names import name_variants
    except ImportError:  # pragma: no cover - the roster module ships with the package
        return fallback_variants(patient)
    return {_norm(form) for form in name_variants(patient)} | fallback_variants(patient)


def family_names(patient: Patient) -> set[str]:
    return {_norm(f) for f in (patient.family, *patient.other_names) if f and _norm(f)}


def as_patients(roster: object) -> Sequence[Patient]:
    """Accept a sequence of patients or any object with a ``.patients`` list (a ``Roster``)."""
    patients = getattr(roster, "patients", roster)
    if not isinstance(patients, Iterable):
        raise TypeError("roster must be a sequence of Patient or have a .patients attribute")
    return [p for p in patients if isinstance(p, Patient)]
