"""The curated public API: adding or removing a name is a deliberate change."""

from __future__ import annotations

import inspect
import typing

import armslength

EXPECTED = {
    "Account",
    "AccountInfo",
    "Advice",
    "Candidate",
    "ArchiveSafetyError",
    "ArmslengthError",
    "ConfigError",
    "Connection",
    "Content",
    "ContentKind",
    "ExportError",
    "ExportLimits",
    "ExportResult",
    "Finding",
    "InputError",
    "Interaction",
    "Jurisdiction",
    "Kind",
    "Match",
    "MatchModel",
    "Patient",
    "Platform",
    "Policy",
    "PolicyError",
    "Profile",
    "Reason",
    "RedactStyle",
    "Relationship",
    "Role",
    "Roster",
    "RosterError",
    "ScreenResult",
    "Screener",
    "Severity",
    "Settings",
    "Skipped",
    "SourceRef",
    "StoreError",
    "UnsupportedExportError",
    "Verdict",
    "__version__",
    "advise",
    "load_policy",
    "load_roster",
    "load_settings",
    "match",
    "read_export",
    "read_exports",
    "screen",
}


def test_exported_names_are_pinned() -> None:
    assert set(armslength.__all__) == EXPECTED


def test_every_exported_name_exists() -> None:
    for name in armslength.__all__:
        assert getattr(armslength, name) is not None


def _armslength_types(hint: object) -> set[type]:
    """The package's own classes named anywhere in a type hint (unions, generics...)."""
    found: set[type] = set()
    if isinstance(hint, type) and hint.__module__.startswith("armslength"):
        found.add(hint)
    for arg in typing.get_args(hint):
        found |= _armslength_types(arg)
    return found


def test_public_signatures_use_public_types() -> None:
    """Every class of ours that a public function takes or returns is itself exported."""
    exported = {getattr(armslength, name) for name in armslength.__all__}
    used: dict[str, set[type]] = {}
    for name in armslength.__all__:
        obj = getattr(armslength, name)
        if inspect.isfunction(obj):
            hints = typing.get_type_hints(obj)
            used[name] = set().union(*(_armslength_types(h) for h in hints.values()))
    assert used["screen"] and used["match"]
    missing = {f"{fn}: {t.__name__}" for fn, types in used.items() for t in types - exported}
    assert missing == set()
