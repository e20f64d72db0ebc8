"""v2 bundle fields

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

The bundle format's optional v2 fields (issue #20) on the events they belong to: a
delivery's `result` and `recipient`, a notice's `proposed_measures`, a collective
discussion's `body`, a suspension's `reason`. Events imported before have none (NULL), as a
bundle without them says nothing either; the import's row digests (security/version_rows)
name only the columns they knew.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('result', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('recipient', sa.JSON(none_as_null=True), nullable=True))
        batch_op.add_column(
            sa.Column('proposed_measures', sa.JSON(none_as_null=True), nullable=True)
        )
        batch_op.add_column(sa.Column('body', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('reason', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        for name in ('reason', 'body', 'proposed_measures', 'recipient', 'result'):
            batch_op.drop_column(name)
