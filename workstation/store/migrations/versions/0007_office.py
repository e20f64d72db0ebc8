"""office

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

One office on a PostgreSQL server: `office_values` keeps the office's random id (its shared
evidence folder's marker names it). On PostgreSQL the audit log becomes append-only in the
database itself: a trigger refuses UPDATE, DELETE and TRUNCATE of `audit_log`, so neither the
program nor someone with the office's database password can rewrite history without first
altering the table as its owner (which the hash chain and the head outside the database
still catch). SQLite has no roles to keep apart; there the chain and the head do it alone.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_FUNCTION = """
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$
"""


def upgrade() -> None:
    op.create_table(
        'office_values',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_office_values')),
    )
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(_FUNCTION)
        op.execute(
            'CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log '
            'FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()'
        )
        op.execute(
            'CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log '
            'FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()'
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER audit_log_no_truncate ON audit_log')
        op.execute('DROP TRIGGER audit_log_append_only ON audit_log')
        op.execute('DROP FUNCTION audit_log_append_only()')
    op.drop_table('office_values')
