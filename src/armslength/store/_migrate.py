"""Alembic, run programmatically on the store's own connection.

Alembic is imported only to migrate: a store already at :data:`HEAD` is recognised with one
query, so a one-shot command that records an event does not pay for importing it. This module
imports SQLAlchemy only in its functions, so :data:`HEAD` costs nothing to read.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from armslength.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

_PG_LOCK = 0x61726D73  # "arms": serialises migrations of servers sharing one database
HEAD = "0002_reviews"
"""The newest revision in ``migrations/versions`` (a test keeps it equal to Alembic's head)."""


def _config() -> Config:
    from alembic.config import Config

    folder = Path(str(resources.files("armslength.store").joinpath("migrations")))
    config = Config(str(folder / "alembic.ini"))
    config.set_main_option("script_location", str(folder))
    return config


def head_revision() -> str | None:
    """The head revision as Alembic computes it from the migration scripts."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(conn: Connection) -> str | None:
    """The revision the database is at (None: no schema yet)."""
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is there)."""
    from sqlalchemy import text

    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        current = current_revision(conn)
        if current == HEAD:
            return
        from alembic import command
        from alembic.script import ScriptDirectory

        config = _config()
        known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
        if current is not None and current not in known:
            raise StoreError(
                f"the audit log is at revision '{current}', newer than this Armslength knows "
                f"({HEAD}): upgrade Armslength"
            )
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
