"""The hash chain: each event's hash covers its fields and the previous event's hash."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import NamedTuple, Protocol


def to_utc(value: datetime) -> datetime:
    """*value* in UTC (naive = UTC); times beyond year 1 or 9999 once in UTC are clamped."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        edge = datetime.min if value.year == 1 else datetime.max
        return edge.replace(tzinfo=UTC)


def canonical_time(value: datetime) -> str:
    """UTC, microseconds, ``Z``: the same string on every backend."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_data(data: dict[str, object]) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(
    event_id: int, type_: str, actor: str, created: datetime, data: str, prev_hash: str
) -> str:
    """SHA-256 over the canonical JSON of the row's fields and *prev_hash*."""
    material = json.dumps(
        [event_id, type_, actor, canonical_time(created), data, prev_hash],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class Chainable(Protocol):
    """What the chain needs of an event (:class:`~armslength.store.events.Event` has it)."""

    @property
    def type(self) -> str: ...
    @property
    def actor(self) -> str: ...
    @property
    def created(self) -> datetime: ...
    def data(self) -> dict[str, object]: ...


class Link(NamedTuple):
    """An event's row in the log: its fields, the previous hash and its own."""

    id: int
    type: str
    actor: str
    created: datetime
    data: str
    prev_hash: str
    hash: str


def link(event: Chainable, last_id: int, last_hash: str) -> Link:
    """The row that appends *event* after the chain head (*last_id*, *last_hash*): the one
    computation both writers (the store and the one-shot SQLite path) share."""
    new_id = last_id + 1
    data = canonical_data(event.data())
    digest = event_hash(new_id, event.type, event.actor, event.created, data, last_hash)
    return Link(new_id, event.type, event.actor, event.created, data, last_hash, digest)
