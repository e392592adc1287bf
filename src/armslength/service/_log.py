"""Where the core records its events: a long-lived store (server) or one-shot (CLI)."""

from __future__ import annotations

import getpass
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from armslength.errors import ArmslengthError

if TYPE_CHECKING:
    from armslength.store import Event, Store

log = logging.getLogger("armslength.service")


@dataclass(frozen=True)
class Caller:
    """Who is acting (the event's ``actor``) and through which face (its ``source``)."""

    actor: str
    source: str

    @classmethod
    def cli(cls) -> Caller:
        """The OS user at the command line (never patient data)."""
        try:
            return cls(actor=f"cli:{getpass.getuser()}", source="cli")
        except (KeyError, OSError):
            return cls(actor="cli", source="cli")


class EventLog(Protocol):
    """Appends events; returns None when they were recorded, else a one-line warning."""

    def record(self, events: Sequence[Event]) -> str | None: ...


@dataclass(frozen=True)
class OneShotLog:
    """Opens the audit log for each batch of events (a command that runs once)."""

    url: str | None = None
    settings_url: str | None = None

    def record(self, events: Sequence[Event]) -> str | None:
        if not events:
            return None
        from armslength.store import record

        return record(events, url=self.url, settings_url=self.settings_url)


@dataclass(frozen=True)
class StoreLog:
    """Appends to an open store (the server's); a failure is logged by type only."""

    store: Store

    def record(self, events: Sequence[Event]) -> str | None:
        if not events:
            return None
        try:
            self.store.append_many(list(events))
        except ArmslengthError as exc:
            log.warning("%d event(s) not recorded: %s", len(events), exc)
            return f"armslength: warning: not recorded in the audit log: {exc}"
        return None
