"""Alembic migrations of the audit log, shipped inside the package."""
