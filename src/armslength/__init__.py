"""Armslength: keep a clinician's social media at arm's length from their patients.

The public API is what this module exports; everything in a module whose name
starts with an underscore, and every name not listed in ``__all__``, may change.
"""

from armslength._version import __version__
from armslength.advise import advise
from armslength.config import Profile, Settings, load_settings
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
    Connection,
    Content,
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
    Verdict,
)
from armslength.policy import Policy, load_policy
from armslength.roster import load_roster
from armslength.roster.match import match
from armslength.screen import screen

__all__ = [
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
]
