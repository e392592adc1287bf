"""Read the data exports of Facebook, Instagram/Threads, LinkedIn, X, Mastodon, Bluesky, TikTok.

:func:`read_export` and :func:`read_exports` take zips, tar.gz archives, folders or single
files, recognise each file by its name and content, and return normalised
:class:`~armslength.model.Connection` and :class:`~armslength.model.Content` records with
what was skipped and what the platform's export cannot show.
"""

from armslength.exports._archive import Skipped
from armslength.exports._reading import (
    ExportResult,
    read_export,
    read_export_bytes,
    read_exports,
    read_file,
    sniff,
)
from armslength.exports._registry import KINDS, READERS
from armslength.exports._text import meta_fix, normalise_name

__all__ = [
    "KINDS",
    "READERS",
    "ExportResult",
    "Skipped",
    "meta_fix",
    "normalise_name",
    "read_export",
    "read_export_bytes",
    "read_exports",
    "read_file",
    "sniff",
]
