"""Keyed hashes of accounts and patients: a per-installation secret and HMAC-SHA256.

Review decisions and the summary an audit keeps of the previous one never hold a name or an
id: each account and patient becomes ``HMAC-SHA256(secret, normalised value)``. The secret
is 32 random bytes made once, in a file only the user can read (mode 0600), beside the default
audit log in the user's data directory (or at ``$ARMSLENGTH_REVIEW_KEY``); without it the stored hashes cannot be tested against
a guess of a name or an id.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from armslength.errors import StoreError
from armslength.store._engine import default_database_path

KEY_FILE = "review.key"
_SEP = "\x1f"


ENV_KEY_FILE = "ARMSLENGTH_REVIEW_KEY"
"""Where the secret is, when not beside the default audit log (servers sharing one database
share this file too, so their review ids agree)."""


def key_path() -> Path:
    """The installation's secret file: ``$ARMSLENGTH_REVIEW_KEY``, else ``review.key`` in the
    user data directory."""
    chosen = os.environ.get(ENV_KEY_FILE)
    return Path(chosen) if chosen else default_database_path().parent / KEY_FILE


def _create(path: Path) -> None:
    """Write a new secret whole (a temporary file linked into place): a process that races
    this one reads either no file or the complete one, and the first link wins."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".review-key-")  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as stream:
            stream.write(secrets.token_hex(32) + "\n")
        with contextlib.suppress(FileExistsError):
            os.link(temp, path)
    finally:
        os.unlink(temp)


def installation_secret(path: Path | None = None) -> bytes:
    """The secret, created on first use; :class:`StoreError` naming the file if unreadable."""
    where = path or key_path()
    try:
        if not where.exists():
            _create(where)
        value = bytes.fromhex(where.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        raise StoreError("the review key file cannot be read or made", path=where) from None
    if len(value) < 16:
        raise StoreError("the review key file is too short", path=where)
    return value


def normalise(value: str) -> str:
    """A handle, URL, name or id as compared: NFKC, case-folded, one space, no leading ``@``."""
    text = " ".join(unicodedata.normalize("NFKC", value).casefold().split())
    return text.removeprefix("@").rstrip("/")


def account_identity(
    platform: str, name: str | None, handle: str | None, url: str | None
) -> str | None:
    """What identifies an account of one platform: its handle, else its URL, else its name."""
    for kind, value in (("handle", handle), ("url", url), ("name", name)):
        if value and normalise(value):
            return _SEP.join((normalise(platform), kind, normalise(value)))
    return None


@dataclass(frozen=True)
class Keyring:
    """HMAC-SHA256 with the installation's secret."""

    secret: bytes

    @classmethod
    def load(cls, path: Path | None = None) -> Keyring:
        return cls(installation_secret(path))

    def digest(self, *parts: str) -> str:
        message = _SEP.join(parts).encode("utf-8")
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    def account(self, identity: str) -> str:
        return self.digest("account", identity)

    def patient(self, patient_id: str) -> str:
        return self.digest("patient", normalise(patient_id))

    def review_id(self, account_key: str, patient_key: str) -> str:
        """The short id a report shows for one account–patient pair (``armslength review``)."""
        return self.digest("pair", account_key, patient_key)[:12]
