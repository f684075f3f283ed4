"""Pairs listed most important first, read off an index so that a short list stops early.

``dyad_summaries`` and ``dyad_periods`` get each state's ``severity`` (``analyse.dyads.severity``)
and the periods the pair's claim count and the next period's first month, with an index in the
order ``dyad dyads`` lists (``store/states.py``); their keys compare by code point on
PostgreSQL, as in Python. Both tables are derived: they are made anew and what the kept
histories reflect is forgotten, so the next read rebuilds every pair (as 0006 did). The
periods' months get a narrow index of their own, which counting the pairs at a date reads.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

CODE = sa.String(32)


def _tables(key: sa.types.TypeEngine, ordered: bool) -> None:
    """The two tables as 0006 made them, with 0007's columns and order indexes when ``ordered``."""
    extra = [sa.Column("severity", sa.Integer(), nullable=False)] if ordered else []
    op.create_table(
        "dyad_summaries",
        sa.Column("a", key, primary_key=True),
        sa.Column("b", key, primary_key=True),
        sa.Column("activity", sa.Integer(), nullable=False),
        sa.Column("periods", sa.Integer(), nullable=False),
        sa.Column("until", sa.String(10)),
        sa.Column("peak_cooperation", CODE, nullable=False),
        sa.Column("peak_hostility", CODE, nullable=False),
        sa.Column("cooperation", CODE, nullable=False),
        sa.Column("hostility", CODE, nullable=False),
        *extra,
    )
    op.create_index("ix_dyad_summaries_b", "dyad_summaries", ["b"])
    op.create_table(
        "dyad_periods",
        sa.Column("a", key, primary_key=True),
        sa.Column("b", key, primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("lo", sa.Integer()),
        sa.Column("hi", sa.Integer()),
        *([sa.Column("next_lo", sa.Integer())] if ordered else []),
        sa.Column("cooperation", CODE, nullable=False),
        sa.Column("hostility", CODE, nullable=False),
        *extra,
        *([sa.Column("activity", sa.Integer(), nullable=False)] if ordered else []),
    )
    op.create_index("ix_dyad_periods_b", "dyad_periods", ["b"])
    if ordered:
        first = [sa.text("severity DESC"), sa.text("activity DESC"), "a", "b"]
        op.create_index("ix_dyad_summaries_order", "dyad_summaries", first)
        op.create_index("ix_dyad_periods_order", "dyad_periods", [*first, "lo", "hi", "next_lo"])
        op.create_index("ix_dyad_periods_span", "dyad_periods", ["lo", "hi", "next_lo"])  # narrow: a count reads it


def _drop() -> None:
    op.execute(sa.delete(sa.table("dyad_cache_state")))  # kept histories of no known state: all rebuilt
    op.drop_table("dyad_periods")  # their indexes go with them
    op.drop_table("dyad_summaries")


def upgrade() -> None:
    _drop()
    _tables(sa.String(255).with_variant(sa.String(255, collation="C"), "postgresql"), ordered=True)


def downgrade() -> None:
    _drop()
    _tables(sa.String(255), ordered=False)
