"""user passwords

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

Existing users keep everything they had and have no password until an administrator sets
one (`workstation users passwd LOGIN`); the desktop login says so.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import workstation.store.types


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('password_hash', sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column('password_set_at', workstation.store.types.UTCDateTime(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('password_set_at')
        batch_op.drop_column('password_hash')
