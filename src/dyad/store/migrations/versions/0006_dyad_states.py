"""The state of every pair at a date by SQL: each kept history's summary and periods as rows.

``dyad_summaries`` holds what ``dyad dyads`` lists of each pair (``analyse.dyads.summary``),
``dyad_periods`` each kept history's periods in months (``store/states.py``). Both are
derived beside ``dyad_cache``: the upgrade forgets what the kept histories reflect, so the
next read rebuilds every pair with its new rows, as for a store that never had any.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: Union[str, Sequence[str], None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

KEY = sa.String(255)
CODE = sa.String(32)


def upgrade() -> None:
    op.execute(sa.delete(sa.table("dyad_cache_state")))  # kept histories of no known state: all rebuilt
    op.create_table(
        "dyad_summaries",
        sa.Column("a", KEY, primary_key=True),
        sa.Column("b", KEY, primary_key=True),
        sa.Column("activity", sa.Integer(), nullable=False),
        sa.Column("periods", sa.Integer(), nullable=False),
        sa.Column("until", sa.String(10)),
        sa.Column("peak_cooperation", CODE, nullable=False),
        sa.Column("peak_hostility", CODE, nullable=False),
        sa.Column("cooperation", CODE, nullable=False),
        sa.Column("hostility", CODE, nullable=False),
    )
    op.create_index("ix_dyad_summaries_b", "dyad_summaries", ["b"])
    op.create_table(
        "dyad_periods",
        sa.Column("a", KEY, primary_key=True),
        sa.Column("b", KEY, primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("lo", sa.Integer()),
        sa.Column("hi", sa.Integer()),
        sa.Column("cooperation", CODE, nullable=False),
        sa.Column("hostility", CODE, nullable=False),
    )
    op.create_index("ix_dyad_periods_b", "dyad_periods", ["b"])


def downgrade() -> None:  # 0005's kept histories stay: they are what 0005 reads
    op.drop_index("ix_dyad_periods_b", "dyad_periods")
    op.drop_table("dyad_periods")
    op.drop_index("ix_dyad_summaries_b", "dyad_summaries")
    op.drop_table("dyad_summaries")
