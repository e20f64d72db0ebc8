"""recording review: clock corrections, bookmarks, opinion figures

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-09

New tables only: what a reviewer adds beside the recordings (issue 6). Existing cases keep
their rows and evidence untouched and simply have no corrections, bookmarks or figures.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import workstation.store.types


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('clock_corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('recording_key', sa.String(length=64), nullable=False),
    sa.Column('correction_ms', sa.Integer(), nullable=False),
    sa.Column('set_at', workstation.store.types.UTCDateTime(), nullable=False),
    sa.Column('set_by', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_clock_corrections_case_id_cases')),
    sa.ForeignKeyConstraint(['set_by'], ['users.id'], name=op.f('fk_clock_corrections_set_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clock_corrections')),
    sa.UniqueConstraint('case_id', 'recording_key', name='case_recording')
    )
    with op.batch_alter_table('clock_corrections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clock_corrections_case_id'), ['case_id'], unique=False)

    op.create_table('bookmarks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('recording_key', sa.String(length=64), nullable=False),
    sa.Column('start_ms', sa.Integer(), nullable=False),
    sa.Column('end_ms', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', workstation.store.types.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_bookmarks_case_id_cases')),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_bookmarks_created_by_users')),
    sa.ForeignKeyConstraint(['version_id'], ['case_versions.id'], name=op.f('fk_bookmarks_version_id_case_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bookmarks'))
    )
    with op.batch_alter_table('bookmarks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bookmarks_case_id'), ['case_id'], unique=False)

    op.create_table('opinion_figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('recording_key', sa.String(length=64), nullable=False),
    sa.Column('media_ms', sa.Integer(), nullable=False),
    sa.Column('caption', sa.Text(), nullable=False),
    sa.Column('png_sha256', sa.String(length=64), nullable=False),
    sa.Column('width_px', sa.Integer(), nullable=False),
    sa.Column('height_px', sa.Integer(), nullable=False),
    sa.Column('created_at', workstation.store.types.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('removed_at', workstation.store.types.UTCDateTime(), nullable=True),
    sa.Column('removed_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_opinion_figures_case_id_cases')),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_opinion_figures_created_by_users')),
    sa.ForeignKeyConstraint(['png_sha256'], ['evidence_files.sha256'], name=op.f('fk_opinion_figures_png_sha256_evidence_files')),
    sa.ForeignKeyConstraint(['removed_by'], ['users.id'], name=op.f('fk_opinion_figures_removed_by_users')),
    sa.ForeignKeyConstraint(['version_id'], ['case_versions.id'], name=op.f('fk_opinion_figures_version_id_case_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opinion_figures'))
    )
    with op.batch_alter_table('opinion_figures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opinion_figures_case_id'), ['case_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('opinion_figures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opinion_figures_case_id'))

    op.drop_table('opinion_figures')
    with op.batch_alter_table('bookmarks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bookmarks_case_id'))

    op.drop_table('bookmarks')
    with op.batch_alter_table('clock_corrections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clock_corrections_case_id'))

    op.drop_table('clock_corrections')
