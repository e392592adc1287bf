"""The audit log: typed events in a hash chain, on SQLite (default) or PostgreSQL.

>>> store = open_store("sqlite:///audit.db")          # doctest: +SKIP
>>> store.append(TextScreened(kind="post", risk="none", text_sha256=content_hash(text)))
>>> store.verify()
(True, None)

Every write goes through :meth:`Store.append` (or ``purge``/token changes, which log
themselves). Events hold counts, rule ids, verdicts and hashes: never PHI.

:class:`Store` (and with it SQLAlchemy) is imported on first use (PEP 562): building events,
or :func:`record` appending to a current SQLite log (:mod:`armslength.store._oneshot`),
needs neither.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from armslength.store._engine import (
    ENV_DATABASE_URL,
    default_database_path,
    normalise_url,
    resolve_url,
    safe_url,
)
from armslength.store._tokens import TokenInfo, TokenRole
from armslength.store.events import (
    EVENT_TYPES,
    AdviceGiven,
    AuditRun,
    Event,
    MatchReviewed,
    PolicyChanged,
    RetentionPurged,
    TextScreened,
    TokenChanged,
    content_hash,
    file_hash,
)

if TYPE_CHECKING:
    from armslength.store._store import Store, StoredEvent, StoreStatus

_LAZY = frozenset({"Store", "StoredEvent", "StoreStatus"})

__all__ = [
    "ENV_DATABASE_URL",
    "EVENT_TYPES",
    "AdviceGiven",
    "AuditRun",
    "Event",
    "MatchReviewed",
    "PolicyChanged",
    "RetentionPurged",
    "Store",
    "StoreStatus",
    "StoredEvent",
    "TextScreened",
    "TokenChanged",
    "TokenInfo",
    "TokenRole",
    "content_hash",
    "default_database_path",
    "file_hash",
    "normalise_url",
    "open_store",
    "record",
    "resolve_url",
    "safe_url",
]


def open_store(
    url: str | None = None, *, settings_url: str | None = None, upgrade: bool = True
) -> Store:
    """Open the audit log at *url* (default: ``$ARMSLENGTH_DATABASE_URL``, *settings_url*,
    then ``armslength.db`` in the user data dir) and, unless told not to, migrate it."""
    from armslength.store._store import Store

    store = Store(resolve_url(url, settings_url))
    if upgrade:
        store.upgrade()
    return store


def record(
    events: Event | Iterable[Event],
    *,
    url: str | None = None,
    settings_url: str | None = None,
) -> str | None:
    """Append one event (or several, in one transaction) for a one-shot command.

    Returns None on success, else a one-line warning for the caller to print on stderr: the
    command's own result is never lost because the audit log is unavailable. A current SQLite
    log is appended to without SQLAlchemy (:mod:`armslength.store._oneshot`); any other log
    is opened, migrated if need be, and appended to by :class:`Store`.
    """
    from armslength.errors import ArmslengthError
    from armslength.store import _oneshot

    batch = [events] if isinstance(events, Event) else list(events)
    try:
        resolved = resolve_url(url, settings_url)
        if _oneshot.append(resolved, batch):
            return None
        store = open_store(resolved)
        try:
            store.append_many(batch)
        finally:
            store.close()
    except ArmslengthError as exc:
        return f"armslength: warning: not recorded in the audit log: {exc}"
    return None


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from armslength.store import _store

        value = getattr(_store, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'armslength.store' has no attribute {name!r}")
