"""password change due

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-16

A password an administrator set for someone else must be changed by its user before they do
anything else (`users.password_change_due`). Existing users keep the passwords they have
and none is marked, so the upgrade stops nobody from working; only resets from now on are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'password_change_due', sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('password_change_due')
