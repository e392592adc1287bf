"""The audit log store: one write path, a hash chain, retention and API tokens."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection, Engine, Row, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from armslength.errors import StoreError
from armslength.store import _migrate
from armslength.store._chain import event_hash, link
from armslength.store._engine import create_store_engine, safe_url
from armslength.store._schema import api_tokens, audit_digests, chain_head, events, match_reviews
from armslength.store._tokens import TokenInfo, TokenRole, matches, new_secret, split_token
from armslength.store.events import (
    Event,
    MatchReviewed,
    RetentionPurged,
    TokenChanged,
    parse_event,
    utcnow,
)

T = TypeVar("T")
MAX_LIMIT = 10_000


class StoredEvent(BaseModel):
    """An event as the log holds it: its place in the chain and its typed data."""

    model_config = ConfigDict(frozen=True)

    id: int
    type: str
    actor: str
    created: datetime
    data: dict[str, Any]
    prev_hash: str
    hash: str

    def event(self) -> Event:
        """The typed event (one class per type)."""
        return parse_event(
            {"type": self.type, "actor": self.actor, "created": self.created, **self.data}
        )


class StoreStatus(BaseModel):
    url: str
    backend: str
    revision: str | None
    head_revision: str | None
    up_to_date: bool
    events: int
    last_id: int
    last_hash: str
    active_tokens: int


def _stored(row: Row[Any]) -> StoredEvent:
    return StoredEvent(
        id=row.id,
        type=row.type,
        actor=row.actor,
        created=row.created,
        data=json.loads(row.data),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


class Store:
    """The audit log. Use :func:`armslength.store.open_store` to get one."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or create_store_engine(url)
        self.backend = self.engine.dialect.name
        self._write_lock = threading.Lock()

    # ------------------------------------------------------------------ plumbing

    def _guard(self, action: str, fn: Callable[[], T]) -> T:
        """Run *fn*, turning database errors into a :class:`StoreError` without details."""
        try:
            return fn()
        except SQLAlchemyError as exc:
            reason = type(getattr(exc, "orig", None) or exc).__name__
            raise StoreError(
                f"audit log {action} failed on {safe_url(self.url)} ({reason})"
            ) from None

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """The one write path: a process lock plus the chain-head row lock (or SQLite's)."""
        with self._write_lock, self.engine.begin() as conn:
            yield conn

    def _head(self, conn: Connection, *, lock: bool) -> Row[Any]:
        query = select(chain_head).where(chain_head.c.id == 1)
        if lock:
            query = query.with_for_update()
        row = conn.execute(query).one_or_none()
        if row is None:
            raise StoreError("the audit log has no chain head: run `armslength db upgrade`")
        return row

    def _append(self, conn: Connection, event: Event) -> StoredEvent:
        head = self._head(conn, lock=True)
        row = link(event, int(head.last_id), str(head.last_hash))
        conn.execute(insert(events).values(**row._asdict()))
        conn.execute(
            update(chain_head)
            .where(chain_head.c.id == 1)
            .values(last_id=row.id, last_hash=row.hash)
        )
        return StoredEvent(**{**row._asdict(), "data": json.loads(row.data)})

    # ------------------------------------------------------------------ schema

    def upgrade(self) -> None:
        """Create or migrate the schema to the newest revision."""
        self._guard("upgrade", lambda: _migrate.upgrade(self.engine))

    def status(self) -> StoreStatus:
        return self._guard("status", self._status)

    def _status(self) -> StoreStatus:
        head_rev = _migrate.head_revision()
        with self.engine.connect() as conn:
            revision = _migrate.current_revision(conn)
            if revision is None:
                return StoreStatus(
                    url=safe_url(self.url), backend=self.backend, revision=None,
                    head_revision=head_rev, up_to_date=False, events=0, last_id=0,
                    last_hash="", active_tokens=0,
                )  # fmt: skip
            head = self._head(conn, lock=False)
            count = conn.execute(select(func.count()).select_from(events)).scalar_one()
            tokens = conn.execute(
                select(func.count()).select_from(api_tokens).where(api_tokens.c.revoked.is_(None))
            ).scalar_one()
        return StoreStatus(
            url=safe_url(self.url), backend=self.backend, revision=revision,
            head_revision=head_rev, up_to_date=revision == head_rev, events=count,
            last_id=head.last_id, last_hash=head.last_hash, active_tokens=tokens,
        )  # fmt: skip

    # ------------------------------------------------------------------ events

    def append(self, event: Event) -> StoredEvent:
        """Add *event* at the end of the chain (serialised across threads and servers)."""

        def run() -> StoredEvent:
            with self._writing() as conn:
                return self._append(conn, event)

        return self._guard("append", run)

    def append_many(self, events: Iterable[Event]) -> list[StoredEvent]:
        """Append several events in one transaction (one lock), in order."""

        def run() -> list[StoredEvent]:
            with self._writing() as conn:
                return [self._append(conn, event) for event in events]

        return self._guard("append", run)

    def events(
        self,
        type: str | None = None,
        since: datetime | None = None,
        limit: int = 100,
        *,
        until: datetime | None = None,
        actor: str | None = None,
        before_id: int | None = None,
    ) -> list[StoredEvent]:
        """Newest first, filtered; *before_id* pages back through older events."""
        query = select(events).order_by(events.c.id.desc()).limit(max(0, min(limit, MAX_LIMIT)))
        if type is not None:
            query = query.where(events.c.type == type)
        if since is not None:
            query = query.where(events.c.created >= since)
        if until is not None:
            query = query.where(events.c.created < until)
        if actor is not None:
            query = query.where(events.c.actor == actor)
        if before_id is not None:
            query = query.where(events.c.id < before_id)

        def run() -> list[StoredEvent]:
            with self.engine.connect() as conn:
                return [_stored(row) for row in conn.execute(query)]

        return self._guard("read", run)

    def count(self, type: str | None = None) -> int:
        query = select(func.count()).select_from(events)
        if type is not None:
            query = query.where(events.c.type == type)

        def run() -> int:
            with self.engine.connect() as conn:
                return int(conn.execute(query).scalar_one())

        return self._guard("read", run)

    def verify(self) -> tuple[bool, int | None]:
        """(True, None) when the chain is intact, else (False, id of the first bad event)."""
        return self._guard("verify", self._verify)

    def _verify(self) -> tuple[bool, int | None]:
        with self.engine.connect() as conn:
            head = self._head(conn, lock=False)
            expected_id, prev = int(head.base_id), str(head.base_hash)
            rows = conn.execution_options(yield_per=2000).execute(
                select(events).order_by(events.c.id)
            )
            for row in rows:
                digest = event_hash(row.id, row.type, row.actor, row.created, row.data, prev)
                if row.id != expected_id or row.prev_hash != prev or row.hash != digest:
                    return False, int(row.id)
                expected_id, prev = row.id + 1, row.hash
        if expected_id - 1 != head.last_id or prev != head.last_hash:
            return False, int(head.last_id)  # the newest events were removed
        return True, None

    def purge(self, older_than_days: int, actor: str = "local") -> RetentionPurged:
        """Delete the events older than *older_than_days* days and log that it did."""
        if older_than_days < 0:
            raise StoreError("must be 0 or more days", field="older_than_days")
        return self._guard("purge", lambda: self._purge(older_than_days, actor))

    def _purge(self, days: int, actor: str) -> RetentionPurged:
        cutoff = utcnow() - timedelta(days=days)
        with self._writing() as conn:
            head = self._head(conn, lock=True)
            first_new = conn.execute(
                select(func.min(events.c.id)).where(events.c.created >= cutoff)
            ).scalar_one()
            last_old = int(head.last_id if first_new is None else first_new - 1)
            boundary = conn.execute(select(events.c.hash).where(events.c.id == last_old))
            boundary_hash = boundary.scalar_one_or_none()
            deleted = 0
            if boundary_hash is not None:
                result = conn.execute(events.delete().where(events.c.id <= last_old))
                deleted = int(result.rowcount or 0)
                conn.execute(
                    update(chain_head)
                    .where(chain_head.c.id == 1)
                    .values(base_id=last_old + 1, base_hash=boundary_hash)
                )
            event = RetentionPurged(
                actor=actor, older_than_days=days, cutoff=cutoff, deleted=deleted,
                first_kept_id=last_old + 1 if deleted else None,
            )  # fmt: skip
            self._append(conn, event)
        return event

    # ------------------------------------------------------------------ reviews

    def save_review(self, event: MatchReviewed) -> StoredEvent:
        """Keep the decision on one account–patient pair (keyed hashes) and log it, together."""

        def run() -> StoredEvent:
            key = {"account_key": event.account_sha256, "patient_key": event.patient_sha256}
            with self._writing() as conn:
                conn.execute(
                    match_reviews.delete()
                    .where(match_reviews.c.account_key == key["account_key"])
                    .where(match_reviews.c.patient_key == key["patient_key"])
                )
                conn.execute(
                    insert(match_reviews).values(
                        **key, decision=event.decision, actor=event.actor, created=event.created
                    )
                )
                return self._append(conn, event)

        return self._guard("review", run)

    def reviews(self) -> dict[tuple[str, str], str]:
        """Every kept decision: (account key, patient key) → ``confirmed``/``rejected``/…"""

        def run() -> dict[tuple[str, str], str]:
            with self.engine.connect() as conn:
                rows = conn.execute(select(match_reviews))
                return {(r.account_key, r.patient_key): r.decision for r in rows}

        return self._guard("read", run)

    def digests(self) -> dict[str, dict[str, Any]]:
        """The keyed-hash summary of the last audit of each platform."""

        def run() -> dict[str, dict[str, Any]]:
            with self.engine.connect() as conn:
                rows = conn.execute(select(audit_digests))
                return {r.platform: json.loads(r.data) for r in rows}

        return self._guard("read", run)

    def save_digests(self, digests: dict[str, dict[str, Any]]) -> None:
        """Replace the summaries of the platforms audited."""

        def run() -> None:
            with self._writing() as conn:
                for platform, data in digests.items():
                    conn.execute(audit_digests.delete().where(audit_digests.c.platform == platform))
                    conn.execute(
                        insert(audit_digests).values(
                            platform=platform, created=utcnow(), data=json.dumps(data)
                        )
                    )

        self._guard("digest", run)

    # ------------------------------------------------------------------ tokens

    def create_token(
        self, role: TokenRole | str, label: str | None = None, actor: str = "local"
    ) -> tuple[TokenInfo, str]:
        """A new API token: its info and the secret token string (shown once, stored hashed)."""
        token_id, token, digest = new_secret()
        info = TokenInfo(id=token_id, role=TokenRole(role), label=label, created=utcnow())

        def run() -> None:
            with self._writing() as conn:
                conn.execute(
                    insert(api_tokens).values(
                        id=info.id, role=info.role.value, secret_sha256=digest,
                        label=label, created=info.created,
                    )
                )  # fmt: skip
                change = TokenChanged(actor=actor, action="created", token_id=info.id, role=role)
                self._append(conn, change)

        self._guard("token create", run)
        return info, token

    def revoke_token(self, token_id: str, actor: str = "local") -> TokenInfo:
        return self._guard("token revoke", lambda: self._revoke(token_id, actor))

    def _revoke(self, token_id: str, actor: str) -> TokenInfo:
        with self._writing() as conn:
            row = conn.execute(select(api_tokens).where(api_tokens.c.id == token_id)).one_or_none()
            if row is None:
                raise StoreError(f"no token with id '{token_id}'", field="id")
            when = row.revoked or utcnow()
            conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(revoked=when))
            change = TokenChanged(actor=actor, action="revoked", token_id=token_id, role=row.role)
            self._append(conn, change)
        return _token_info(row, revoked=when)

    def tokens(self) -> list[TokenInfo]:
        def run() -> list[TokenInfo]:
            with self.engine.connect() as conn:
                rows = conn.execute(select(api_tokens).order_by(api_tokens.c.created))
                return [_token_info(row) for row in rows]

        return self._guard("token list", run)

    def has_tokens(self) -> bool:
        return any(token.revoked is None for token in self.tokens())

    def authenticate(self, token: str) -> TokenInfo | None:
        """The active token that *token* is, or None."""
        parts = split_token(token)
        if parts is None:
            return None
        token_id, secret = parts

        def run() -> Row[Any] | None:
            with self.engine.connect() as conn:
                query = select(api_tokens).where(api_tokens.c.id == token_id)
                return conn.execute(query).one_or_none()

        row = self._guard("token check", run)
        if row is None or row.revoked is not None or not matches(secret, row.secret_sha256):
            return None
        return _token_info(row)

    def close(self) -> None:
        self.engine.dispose()


def _token_info(row: Row[Any], revoked: datetime | None = None) -> TokenInfo:
    return TokenInfo(
        id=row.id,
        role=TokenRole(row.role),
        label=row.label,
        created=row.created,
        revoked=revoked or row.revoked,
    )
