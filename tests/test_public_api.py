"""The curated public API: adding or removing a name is a deliberate change."""

from __future__ import annotations

import armslength

EXPECTED = {
    "Account",
    "Advice",
    "ArchiveSafetyError",
    "ArmslengthError",
    "ConfigError",
    "Connection",
    "Content",
    "ExportError",
    "ExportResult",
    "Finding",
    "InputError",
    "Interaction",
    "Jurisdiction",
    "Kind",
    "Match",
    "Patient",
    "Platform",
    "Policy",
    "PolicyError",
    "Profile",
    "Reason",
    "Relationship",
    "Role",
    "RosterError",
    "ScreenResult",
    "Settings",
    "Skipped",
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
