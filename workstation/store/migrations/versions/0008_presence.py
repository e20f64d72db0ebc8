"""presence

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

Who has a case open on which PC (`presence`): each desktop renews its rows every few
seconds, so a colleague's open workspace shows who else is working in the case. The rows
are transient; an upgrade starts with none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from workstation.store.types import UTCDateTime


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'presence',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('login', sa.String(length=100), nullable=False),
        sa.Column('host', sa.String(length=255), nullable=False),
        sa.Column('opened_at', UTCDateTime(), nullable=False),
        sa.Column('seen_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['case_id'], ['cases.id'], name=op.f('fk_presence_case_id_cases')
        ),
        sa.PrimaryKeyConstraint('case_id', 'login', 'host', name=op.f('pk_presence')),
    )


def downgrade() -> None:
    op.drop_table('presence')
