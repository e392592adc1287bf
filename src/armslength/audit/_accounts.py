"""The distinct accounts behind an export's connection rows, per platform.

One account may fill several rows: a friend who also follows, a removed friend who was
added again, a request later accepted. The matcher scores each platform's distinct accounts
together (a patient has at most one of them), so each account must be given once.

Rows are one account when they have the same identity on one platform (the key the review
decisions use: handle, else profile URL, else name; :func:`~armslength.store.keys.account_identity`).
A handle or URL names one account. A name does not: two friends called "John Smith" are
two accounts. So rows known by name alone are paired kind by kind, the first "John Smith"
among the friends with the first among the followers, and the list of one kind that holds
the name most often says how many accounts share it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from armslength.model import Connection, ConnectionKind, Platform
from armslength.roster.match import AccountInfo
from armslength.store.keys import account_identity


@dataclass(frozen=True)
class ConnectedAccount:
    """One distinct account of a platform and the connection rows it fills."""

    platform: Platform
    rows: tuple[Connection, ...]

    def info(self) -> AccountInfo:
        """What the rows show of the account: the first name and handle any of them has."""
        name = next((c.name for c in self.rows if c.name), None)
        handle = next((c.handle for c in self.rows if c.handle), None)
        return AccountInfo(name=name or handle or "", handle=handle)


def _identity(c: Connection) -> tuple[str, bool] | None:
    """The row's account identity, and whether it is known by its name alone."""
    identity = account_identity(c.platform.value, c.name, c.handle, c.url)
    if identity is None:
        return None
    return identity, identity == account_identity(c.platform.value, c.name, None, None)


def distinct_accounts(connections: Iterable[Connection]) -> dict[Platform, list[ConnectedAccount]]:
    """Each platform's distinct accounts, in the order their first row comes."""
    seen: dict[tuple[str, ConnectionKind | None], int] = defaultdict(int)
    groups: dict[tuple[str, int], list[Connection]] = {}
    for c in connections:
        found = _identity(c)
        if found is None:
            continue
        identity, by_name = found
        slot = (identity, c.kind if by_name else None)
        occurrence = seen[slot]
        seen[slot] += 1
        groups.setdefault((identity, occurrence), []).append(c)
    accounts: dict[Platform, list[ConnectedAccount]] = {}
    for rows in groups.values():
        platform = rows[0].platform
        accounts.setdefault(platform, []).append(ConnectedAccount(platform, tuple(rows)))
    return accounts
