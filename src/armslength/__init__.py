"""Armslength: keep a clinician's social media at arm's length from their patients.

The public API is what this module exports; everything in a module whose name
starts with an underscore, and every name not listed in ``__all__``, may change.

Names are imported on first use (PEP 562), so ``armslength --version`` or one command does
not pay for the whole library.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from armslength._version import __version__

if TYPE_CHECKING:
    from armslength.advise import advise
    from armslength.config import ExportLimits, Profile, Settings, load_settings
    from armslength.errors import (
        ArchiveSafetyError,
        ArmslengthError,
        ConfigError,
        ExportError,
        InputError,
        PolicyError,
        RosterError,
        StoreError,
        UnsupportedExportError,
    )
    from armslength.exports import ExportResult, Skipped, read_export, read_exports
    from armslength.model import (
        Account,
        Advice,
        Candidate,
        Connection,
        Content,
        ContentKind,
        Finding,
        Interaction,
        Jurisdiction,
        Kind,
        Match,
        Patient,
        Platform,
        Reason,
        Relationship,
        Role,
        ScreenResult,
        Severity,
        SourceRef,
        Verdict,
    )
    from armslength.policy import Policy, load_policy
    from armslength.roster import Roster, load_roster
    from armslength.roster.match import AccountInfo, match
    from armslength.roster.match import Model as MatchModel
    from armslength.screen import RedactStyle, Screener, screen

_WHERE: dict[str, tuple[str, str]] = {
    "advise": ("armslength.advise", "advise"),
    "ExportLimits": ("armslength.config", "ExportLimits"),
    "Profile": ("armslength.config", "Profile"),
    "Settings": ("armslength.config", "Settings"),
    "load_settings": ("armslength.config", "load_settings"),
    "ArchiveSafetyError": ("armslength.errors", "ArchiveSafetyError"),
    "ArmslengthError": ("armslength.errors", "ArmslengthError"),
    "ConfigError": ("armslength.errors", "ConfigError"),
    "ExportError": ("armslength.errors", "ExportError"),
    "InputError": ("armslength.errors", "InputError"),
    "PolicyError": ("armslength.errors", "PolicyError"),
    "RosterError": ("armslength.errors", "RosterError"),
    "StoreError": ("armslength.errors", "StoreError"),
    "UnsupportedExportError": ("armslength.errors", "UnsupportedExportError"),
    "ExportResult": ("armslength.exports", "ExportResult"),
    "Skipped": ("armslength.exports", "Skipped"),
    "read_export": ("armslength.exports", "read_export"),
    "read_exports": ("armslength.exports", "read_exports"),
    "Account": ("armslength.model", "Account"),
    "Advice": ("armslength.model", "Advice"),
    "Candidate": ("armslength.model", "Candidate"),
    "Connection": ("armslength.model", "Connection"),
    "Content": ("armslength.model", "Content"),
    "ContentKind": ("armslength.model", "ContentKind"),
    "Finding": ("armslength.model", "Finding"),
    "Interaction": ("armslength.model", "Interaction"),
    "Jurisdiction": ("armslength.model", "Jurisdiction"),
    "Kind": ("armslength.model", "Kind"),
    "Match": ("armslength.model", "Match"),
    "Patient": ("armslength.model", "Patient"),
    "Platform": ("armslength.model", "Platform"),
    "Reason": ("armslength.model", "Reason"),
    "Relationship": ("armslength.model", "Relationship"),
    "Role": ("armslength.model", "Role"),
    "ScreenResult": ("armslength.model", "ScreenResult"),
    "Severity": ("armslength.model", "Severity"),
    "SourceRef": ("armslength.model", "SourceRef"),
    "Verdict": ("armslength.model", "Verdict"),
    "Policy": ("armslength.policy", "Policy"),
    "load_policy": ("armslength.policy", "load_policy"),
    "Roster": ("armslength.roster", "Roster"),
    "load_roster": ("armslength.roster", "load_roster"),
    "AccountInfo": ("armslength.roster.match", "AccountInfo"),
    "match": ("armslength.roster.match", "match"),
    "MatchModel": ("armslength.roster.match", "Model"),
    "RedactStyle": ("armslength.screen", "RedactStyle"),
    "Screener": ("armslength.screen", "Screener"),
    "screen": ("armslength.screen", "screen"),
}

__all__ = [
    "Account",
    "AccountInfo",
    "Advice",
    "ArchiveSafetyError",
    "ArmslengthError",
    "Candidate",
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
    "Settings",
    "Severity",
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
]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module 'armslength' has no attribute {name!r}") from None
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


class _Package(ModuleType):
    """``armslength.advise`` and ``armslength.screen`` are both a submodule and a function of
    the same name; importing the submodule binds it on the package, which would hide the
    function. This keeps the function, as the eager imports used to."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _SHADOWED and isinstance(value, ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


_SHADOWED = frozenset({"advise", "screen"})
sys.modules[__name__].__class__ = _Package
