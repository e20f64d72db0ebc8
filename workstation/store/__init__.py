"""The case database (SQLAlchemy + Alembic), the evidence store and the audit log."""
