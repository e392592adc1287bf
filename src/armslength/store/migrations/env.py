"""Alembic environment: runs on the connection Armslength hands over (or ``-x url=``)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from armslength.store._schema import metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("pass the database with: alembic -x url=URL ...")
    with create_engine(url).connect() as conn:
        _run(conn)


run_migrations_online()
