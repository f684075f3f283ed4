"""Queries that stay fast as the store grows: folded names, one pair's claims, kept histories.

Actors and aliases get their folded name (``dyad.kb.normalise_name``) as an indexed column,
so a name is found without building every actor; claims an index on (source, target), so one
pair's claims are read alone; documents an index on their publication date (the store's
latest report) and on when they were stored (its last change). ``dyad_cache`` keeps every pair's history as derived rows, ``dyad_journal``
what each write touched until those rows take it in, and ``dyad_cache_state`` what they reflect.
An empty cache is filled on first use.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from dyad.kb import normalise_name

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

KEY = sa.String(255)
NAME = sa.String(512)


def _fold(table: str, key: str, column: str) -> None:
    """Fill ``folded`` from ``column`` for the rows already stored."""
    rows = sa.table(table, sa.column(key), sa.column(column), sa.column("folded"))
    connection = op.get_bind()
    for row_key, text in connection.execute(sa.select(rows.c[key], rows.c[column])).all():
        connection.execute(sa.update(rows).where(rows.c[key] == row_key).values(folded=normalise_name(text or "")))


def upgrade() -> None:
    for table, key, column in (("actors", "key", "name"), ("aliases", "id", "alias")):
        op.add_column(table, sa.Column("folded", NAME, nullable=True))
        op.create_index(f"ix_{table}_folded", table, ["folded"])
        _fold(table, key, column)
    op.create_index("ix_interactions_pair", "interactions", ["source", "target"])
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_ingested_at", "documents", ["ingested_at"])
    op.create_table(
        "dyad_cache",
        sa.Column("a", KEY, primary_key=True),
        sa.Column("b", KEY, primary_key=True),
        sa.Column("activity", sa.Integer(), nullable=False),
        sa.Column("history", sa.Text(), nullable=False),
    )
    op.create_index("ix_dyad_cache_b", "dyad_cache", ["b"])
    op.create_table(
        "dyad_cache_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("rules", sa.String(64), nullable=False),
        sa.Column("latest", sa.Integer()),
    )
    op.create_table(
        "dyad_journal",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("scope", sa.String(8), nullable=False),
        sa.Column("source", KEY),
        sa.Column("target", KEY),
    )


def downgrade() -> None:
    op.drop_table("dyad_journal")
    op.drop_table("dyad_cache_state")
    op.drop_index("ix_dyad_cache_b", "dyad_cache")
    op.drop_table("dyad_cache")
    op.drop_index("ix_documents_ingested_at", "documents")
    op.drop_index("ix_documents_published", "documents")
    op.drop_index("ix_interactions_pair", "interactions")
    for table in ("aliases", "actors"):
        op.drop_index(f"ix_{table}_folded", table)
        op.drop_column(table, "folded")  # in place: rebuilding actors would break the keys that point at it
