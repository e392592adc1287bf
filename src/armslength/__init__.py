"""Armslength: keep a clinician's social media at arm's length from their patients.

The public API is what this module exports; everything in a module whose name
starts with an underscore, and every name not listed in ``__all__``, may change.
"""

from armslength._version import __version__
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
