"""office root

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-20

The office root key certifies each head's signing key (issue 17, C1): its public key and
office name in `office_roots`, each key's certificate in `signing_keys.certificate`, and
when a key stopped signing in `signing_keys.retired_at`. Keys registered before have no
certificate: their heads register again (`keys add`) once the administrator has created
the root; keys already retired keep a NULL retirement time (unknown).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import workstation.store.types


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('office_roots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office', sa.Text(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('created_at', workstation.store.types.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('retired_at', workstation.store.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_office_roots_created_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_roots')),
    sa.UniqueConstraint('fingerprint', name=op.f('uq_office_roots_fingerprint'))
    )
    with op.batch_alter_table('signing_keys', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('retired_at', workstation.store.types.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column('certificate', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('signing_keys', schema=None) as batch_op:
        batch_op.drop_column('certificate')
        batch_op.drop_column('retired_at')
    op.drop_table('office_roots')
