"""Name forms of roster patients, for the known-patient recognizer.

The roster module's forms (its normalisation and nickname table), so a name matches here
when it would match there, plus the same forms folded the way the screen folds text (the two
normalisers differ on a few characters).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from armslength._checks import check_iterable, wrong_type
from armslength.model import Patient
from armslength.screen._doc import fold

_SPACES = re.compile(r"[^\w'’-]+")
_EXPECTED = "a Roster or a sequence of Patient"


def _norm(text: str) -> str:
    return _SPACES.sub(" ", fold(text)).strip()


def screen_variants(patient: Patient) -> set[str]:
    """Whole-name forms folded as the screen folds: given (and its nicknames) x family, plus
    the full name."""
    from armslength.roster.names import nicknames_of  # only a screening with a roster loads it

    givens = {_norm(g) for g in (patient.given, *patient.nicknames) if g}
    givens = {g for g in givens if g}
    for given in list(givens):
        givens |= nicknames_of(given.split()[0])
    families = {_norm(f) for f in (patient.family, *patient.other_names) if f}
    forms = {f"{g} {f}" for g in givens for f in families if f}
    if patient.full_name and _norm(patient.full_name):
        forms.add(_norm(patient.full_name))
    return forms


def name_forms(patient: Patient) -> set[str]:
    """Normalised whole-name forms of one patient."""
    from armslength.roster.names import name_variants

    return {_norm(form) for form in name_variants(patient)} | screen_variants(patient)


def family_names(patient: Patient) -> set[str]:
    return {_norm(f) for f in (patient.family, *patient.other_names) if f and _norm(f)}


def as_patients(roster: object) -> Sequence[Patient]:
    """Accept a sequence of patients or any object with a ``.patients`` list (a ``Roster``)."""
    patients = getattr(roster, "patients", roster)
    found = list(check_iterable("roster", patients, _EXPECTED))
    for position, patient in enumerate(found):
        if not isinstance(patient, Patient):
            raise wrong_type(f"roster[{position}]", "Patient", patient)
    return found
