"""Evidence search: one row per evidence sentence, indexed for full text, and their embeddings.

``evidence_sentences`` holds each sentence claims were read from once (the store's write
path keeps it in step with ``interactions``, in the same transaction, so a killed ingest
leaves both as they were). Its full-text index is each backend's own:

- SQLite: an external-content FTS5 table ``evidence_fts`` (Porter stemming, diacritics
  folded) over ``evidence_sentences.text``, kept in step by triggers on that table. A
  SQLite built without FTS5 gets no index and a logged note; search then scans with LIKE.
- PostgreSQL: a stored generated column ``tsv = to_tsvector('english', text)`` with a GIN
  index, so ranking reads the vector instead of re-parsing each sentence.

``evidence_vectors`` holds sentence embeddings for semantic search (the ``semantic`` extra),
filled lazily. Existing claims' sentences are backfilled here; vectors are not (they need
the model, and are made on first use).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""
import logging
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from dyad.store import search

revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

FTS5_TOKENIZER = "porter unicode61 remove_diacritics 2"  # stems as PostgreSQL's 'english' does
log = logging.getLogger("dyad.store")


def upgrade() -> None:
    op.create_table(
        "evidence_sentences",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.String(255), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_index("ix_evidence_sentences_doc_start", "evidence_sentences", ["doc_id", "start"], unique=True)
    op.create_table(
        "evidence_vectors",
        sa.Column("sentence_id", sa.Integer(), sa.ForeignKey("evidence_sentences.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("model", sa.String(255), primary_key=True),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
    )
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        op.execute("ALTER TABLE evidence_sentences ADD COLUMN tsv tsvector "
                   "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED")
        op.execute("CREATE INDEX ix_evidence_sentences_tsv ON evidence_sentences USING gin (tsv)")
    elif connection.dialect.name == "sqlite":
        if search.sqlite_has_fts5(connection):
            _create_fts5()
        else:
            log.warning(search.NO_FTS5)
    # the triggers (SQLite) and the generated column (PostgreSQL) index these rows as they go in
    op.execute('INSERT INTO evidence_sentences (doc_id, start, "end", text) '
               "SELECT doc_id, ev_start, MAX(ev_end), MIN(ev_text) FROM interactions GROUP BY doc_id, ev_start")


def _create_fts5() -> None:
    op.execute("CREATE VIRTUAL TABLE evidence_fts USING fts5(text, content='evidence_sentences', "
               f"content_rowid='id', tokenize='{FTS5_TOKENIZER}')")
    op.execute("CREATE TRIGGER evidence_fts_insert AFTER INSERT ON evidence_sentences BEGIN "
               "INSERT INTO evidence_fts (rowid, text) VALUES (new.id, new.text); END")
    op.execute("CREATE TRIGGER evidence_fts_delete AFTER DELETE ON evidence_sentences BEGIN "
               "INSERT INTO evidence_fts (evidence_fts, rowid, text) VALUES ('delete', old.id, old.text); END")
    op.execute("CREATE TRIGGER evidence_fts_update AFTER UPDATE ON evidence_sentences BEGIN "
               "INSERT INTO evidence_fts (evidence_fts, rowid, text) VALUES ('delete', old.id, old.text); "
               "INSERT INTO evidence_fts (rowid, text) VALUES (new.id, new.text); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for drop in ("DROP TRIGGER IF EXISTS evidence_fts_insert", "DROP TRIGGER IF EXISTS evidence_fts_delete",
                     "DROP TRIGGER IF EXISTS evidence_fts_update"):
            op.execute(drop)
        op.execute("DROP TABLE IF EXISTS evidence_fts")
    op.drop_table("evidence_vectors")
    op.drop_table("evidence_sentences")  # on PostgreSQL its tsv column and GIN index go with it
