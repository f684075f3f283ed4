"""Initial schema: documents, actors, aliases, mentions, structure, interactions, judgements.

Revision ID: 0001
Revises:
Create Date: 2026-11-01
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

KEY = sa.String(255)
CODE = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", KEY, primary_key=True),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("source", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("author", sa.Text()),
        sa.Column("published", sa.String(10)),
        sa.Column("published_inferred", sa.Boolean(), nullable=False),
        sa.Column("near_duplicate_of", KEY),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("minhash", sa.JSON()),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_documents_name", "documents", ["name"])
    op.create_table(
        "actors",
        sa.Column("key", KEY, primary_key=True),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("type", CODE, nullable=False),
        sa.Column("kb_id", KEY),
        sa.Column("description", sa.Text()),
    )
    op.create_table(
        "aliases",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("actor_key", KEY, sa.ForeignKey("actors.key"), nullable=False),
        sa.Column("alias", sa.String(512), nullable=False),
        sa.Column("doc_id", KEY, sa.ForeignKey("documents.id")),
        sa.Column("count", sa.Integer(), nullable=False),
    )
    op.create_index("ix_aliases_actor_key", "aliases", ["actor_key"])
    op.create_index("ix_aliases_doc_id", "aliases", ["doc_id"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("doc_id", KEY, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("actor_key", KEY, sa.ForeignKey("actors.key"), nullable=False),
        sa.Column("cue", sa.String(32), nullable=False),
    )
    op.create_index("ix_mentions_doc_id", "mentions", ["doc_id"])
    op.create_index("ix_mentions_actor_key", "mentions", ["actor_key"])
    op.create_table(
        "structure",
        sa.Column("id", KEY, primary_key=True),
        sa.Column("source", KEY, nullable=False),
        sa.Column("target", KEY, nullable=False),
        sa.Column("type", CODE, nullable=False),
        sa.Column("start", sa.String(10)),
        sa.Column("end", sa.String(10)),
        sa.Column("former", sa.Boolean(), nullable=False),
        sa.Column("role", sa.Text()),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("cue", sa.Text(), nullable=False),
        sa.Column("doc_id", KEY, sa.ForeignKey("documents.id")),
        sa.Column("ev_start", sa.Integer()),
        sa.Column("ev_end", sa.Integer()),
        sa.Column("ev_text", sa.Text()),
    )
    op.create_index("ix_structure_source", "structure", ["source"])
    op.create_index("ix_structure_target", "structure", ["target"])
    op.create_index("ix_structure_doc_id", "structure", ["doc_id"])
    op.create_table(
        "interactions",
        sa.Column("id", KEY, primary_key=True),
        sa.Column("source", KEY, sa.ForeignKey("actors.key"), nullable=False),
        sa.Column("target", KEY, sa.ForeignKey("actors.key"), nullable=False),
        sa.Column("type", CODE, nullable=False),
        sa.Column("certainty", CODE, nullable=False),
        sa.Column("attributed_to", sa.Text()),
        sa.Column("time_start", sa.String(10)),
        sa.Column("time_end", sa.String(10)),
        sa.Column("time_text", sa.Text()),
        sa.Column("time_cue", sa.Text()),
        sa.Column("place", sa.JSON()),
        sa.Column("doc_id", KEY, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("ev_start", sa.Integer(), nullable=False),
        sa.Column("ev_end", sa.Integer(), nullable=False),
        sa.Column("ev_text", sa.Text(), nullable=False),
        sa.Column("cue", sa.Text(), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=False),
        sa.Column("via", KEY),
    )
    op.create_index("ix_interactions_source", "interactions", ["source"])
    op.create_index("ix_interactions_target", "interactions", ["target"])
    op.create_index("ix_interactions_doc_id", "interactions", ["doc_id"])
    op.create_table(
        "judgements",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("subject", KEY, nullable=False),
        sa.Column("object", sa.Text()),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True)),
        sa.Column("author", sa.String(255)),
    )
    op.create_index("ix_judgements_subject", "judgements", ["subject"])


def downgrade() -> None:
    for table in ("judgements", "interactions", "structure", "mentions", "aliases", "actors", "documents"):
        op.drop_table(table)
