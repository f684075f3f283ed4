"""Tables of the dyad store, declared once for SQLite and PostgreSQL alike.

Raw rows keep what the pipeline read, as it read it; analyst judgements live in their
own table and are applied when the data is viewed, so nothing read is ever rewritten
and every decision can be undone. Only portable column types are used.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text, event
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from dyad.kb import normalise_name

KEY = String(255)  # actor keys, document ids, claim ids
CODE = String(32)  # ontology codes
NAME = String(512)
# Actor keys a list is ordered by in SQL: compared by code point on PostgreSQL too, as Python and
# SQLite compare them, whatever the database's collation ("C" is the byte order of UTF-8).
SORTED_KEY = String(255).with_variant(String(255, collation="C"), "postgresql")


def _folded(column: str):
    """A column default: the folded form of the row's ``column`` (inserts by SQL Core too)."""
    return lambda context: normalise_name(context.get_current_parameters()[column] or "")


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(KEY, primary_key=True)  # hash of the text
    name: Mapped[str] = mapped_column(String(512), index=True)
    path: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[str] = mapped_column(String(16), default="txt")
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    published_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    near_duplicate_of: Mapped[str | None] = mapped_column(KEY)
    text: Mapped[str] = mapped_column(Text)
    minhash: Mapped[list[int] | None] = mapped_column(JSON(none_as_null=True))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)  # last_change()


class ActorRow(Base):
    __tablename__ = "actors"

    key: Mapped[str] = mapped_column(KEY, primary_key=True)
    name: Mapped[str] = mapped_column(NAME)
    type: Mapped[str] = mapped_column(CODE)
    kb_id: Mapped[str | None] = mapped_column(KEY)
    description: Mapped[str | None] = mapped_column(Text)
    folded: Mapped[str | None] = mapped_column(NAME, index=True, default=_folded("name"))  # name looked up folded


class AliasRow(Base):
    """One name an actor goes by, and where it was seen (doc_id null: from the knowledge base)."""

    __tablename__ = "aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_key: Mapped[str] = mapped_column(KEY, ForeignKey("actors.key"), index=True)
    alias: Mapped[str] = mapped_column(NAME)
    doc_id: Mapped[str | None] = mapped_column(KEY, ForeignKey("documents.id"), index=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    folded: Mapped[str | None] = mapped_column(NAME, index=True, default=_folded("alias"))


@event.listens_for(ActorRow.name, "set")
def _fold_actor_name(row: ActorRow, name: str, _old, _initiator) -> None:
    row.folded = normalise_name(name or "")  # the knowledge base may rename an actor read from text


@event.listens_for(AliasRow.alias, "set")
def _fold_alias(row: AliasRow, alias: str, _old, _initiator) -> None:
    row.folded = normalise_name(alias or "")


class MentionRow(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(KEY, ForeignKey("documents.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    actor_key: Mapped[str] = mapped_column(KEY, ForeignKey("actors.key"), index=True)
    cue: Mapped[str] = mapped_column(String(32))


class StructureRow(Base):
    __tablename__ = "structure"

    id: Mapped[str] = mapped_column(KEY, primary_key=True)  # content hash, see store.structure_id
    source: Mapped[str] = mapped_column(KEY, index=True)
    target: Mapped[str] = mapped_column(KEY, index=True)
    type: Mapped[str] = mapped_column(CODE)
    start: Mapped[str | None] = mapped_column(String(10))
    end: Mapped[str | None] = mapped_column(String(10))
    former: Mapped[bool] = mapped_column(Boolean, default=False)
    role: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(16))
    cue: Mapped[str] = mapped_column(Text, default="")
    doc_id: Mapped[str | None] = mapped_column(KEY, ForeignKey("documents.id"), index=True)
    ev_start: Mapped[int | None] = mapped_column(Integer)
    ev_end: Mapped[int | None] = mapped_column(Integer)
    ev_text: Mapped[str | None] = mapped_column(Text)
    provenance: Mapped[str | None] = mapped_column(Text)  # "imported from <file>"; null: read or KB


class InteractionRow(Base):
    __tablename__ = "interactions"

    id: Mapped[str] = mapped_column(KEY, primary_key=True)  # Interaction.id
    source: Mapped[str] = mapped_column(KEY, ForeignKey("actors.key"), index=True)
    target: Mapped[str] = mapped_column(KEY, ForeignKey("actors.key"), index=True)
    type: Mapped[str] = mapped_column(CODE)
    certainty: Mapped[str] = mapped_column(CODE)
    attributed_to: Mapped[str | None] = mapped_column(Text)
    time_start: Mapped[str | None] = mapped_column(String(10))
    time_end: Mapped[str | None] = mapped_column(String(10))
    time_text: Mapped[str | None] = mapped_column(Text)  # null: the claim has no time at all
    time_cue: Mapped[str | None] = mapped_column(Text)
    place: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    doc_id: Mapped[str] = mapped_column(KEY, ForeignKey("documents.id"), index=True)
    ev_start: Mapped[int] = mapped_column(Integer)
    ev_end: Mapped[int] = mapped_column(Integer)
    ev_text: Mapped[str] = mapped_column(Text)
    cue: Mapped[str] = mapped_column(Text, default="")
    trigger: Mapped[str] = mapped_column(Text, default="")
    via: Mapped[str | None] = mapped_column(KEY)
    confidence: Mapped[float | None] = mapped_column(Float)  # the relation model's probability; null: a rule's
    origin: Mapped[str] = mapped_column(String(16), default="text", server_default="text")  # text | import
    provenance: Mapped[str | None] = mapped_column(Text)  # "imported from <file>"; null: read from text

    __table_args__ = (Index("ix_interactions_pair", "source", "target"),)  # one pair's claims


class JudgementRow(Base):
    """An analyst decision. Never deleted: undo sets ``undone_at``."""

    __tablename__ = "judgements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(KEY, index=True)
    object: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    undone_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    author: Mapped[str | None] = mapped_column(String(255))


class DyadCacheRow(Base):
    """One pair's history as last computed: derived, recomputed from claims and judgements
    (``store/histories.py``); never the only copy of anything."""

    __tablename__ = "dyad_cache"

    a: Mapped[str] = mapped_column(KEY, primary_key=True)
    b: Mapped[str] = mapped_column(KEY, primary_key=True, index=True)
    activity: Mapped[int] = mapped_column(Integer)
    history: Mapped[str] = mapped_column(Text)  # JSON of analyse.dyads.history_to_dict


class DyadSummaryRow(Base):
    """A kept history's summary (``analyse.dyads.summary``): what ``dyad dyads`` lists of a pair,
    in a table of its own so that listing every pair reads no history text (``store/states.py``).
    ``severity`` is that of the latest state (``analyse.dyads.severity``): with ``activity`` and
    the keys, the order a list is read in, off ``ix_dyad_summaries_order`` (migration 0007).
    Derived with the pair's ``dyad_cache`` row, in its transaction."""

    __tablename__ = "dyad_summaries"

    a: Mapped[str] = mapped_column(SORTED_KEY, primary_key=True)
    b: Mapped[str] = mapped_column(SORTED_KEY, primary_key=True, index=True)
    activity: Mapped[int] = mapped_column(Integer)
    periods: Mapped[int] = mapped_column(Integer)
    until: Mapped[str | None] = mapped_column(String(10))
    peak_cooperation: Mapped[str] = mapped_column(CODE)
    peak_hostility: Mapped[str] = mapped_column(CODE)
    cooperation: Mapped[str] = mapped_column(CODE)  # the latest state
    hostility: Mapped[str] = mapped_column(CODE)
    severity: Mapped[int] = mapped_column(Integer)


class DyadPeriodRow(Base):
    """One period of a kept history, in months, so that the state of every pair at a date is
    read by SQL (``store/states.py``); derived with the pair's ``dyad_cache`` row.

    A history's dated periods do not overlap and follow each other (an undated one is alone), so
    the period that gives a pair's state at a date (the last overlapping it) is the one that
    overlaps it and whose successor starts after it (``next_lo``): one row per pair, no
    subquery. ``severity`` (of this period's state) and the pair's ``activity`` order the rows
    as ``dyad dyads --at`` lists them, off ``ix_dyad_periods_order``, so a list of the first
    ones stops early."""

    __tablename__ = "dyad_periods"

    a: Mapped[str] = mapped_column(SORTED_KEY, primary_key=True)
    b: Mapped[str] = mapped_column(SORTED_KEY, primary_key=True, index=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)  # the period's place in the history
    lo: Mapped[int | None] = mapped_column(Integer)  # first and last month; null: undated
    hi: Mapped[int | None] = mapped_column(Integer)
    next_lo: Mapped[int | None] = mapped_column(Integer)  # the next period's first month; null: the last
    cooperation: Mapped[str] = mapped_column(CODE)
    hostility: Mapped[str] = mapped_column(CODE)
    severity: Mapped[int] = mapped_column(Integer)
    activity: Mapped[int] = mapped_column(Integer)  # the pair's claim count, as in its summary


for _table in (DyadSummaryRow, DyadPeriodRow):  # the order of a list of dyads (states.py)
    Index(f"ix_{_table.__tablename__}_order", _table.severity.desc(), _table.activity.desc(), _table.a, _table.b,
          *((_table.lo, _table.hi, _table.next_lo) if _table is DyadPeriodRow else ()))
Index("ix_dyad_periods_span", DyadPeriodRow.lo, DyadPeriodRow.hi, DyadPeriodRow.next_lo)  # counting pairs at a date


class DyadCacheStateRow(Base):
    """What the kept histories reflect: the rules that made them and the latest publication
    month of the store then. One row (id 1); they take in every journal entry there is."""

    __tablename__ = "dyad_cache_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rules: Mapped[str] = mapped_column(String(64))
    latest: Mapped[int | None] = mapped_column(Integer)


class DyadJournalRow(Base):
    """What a write touched, written in its transaction, until the kept histories take it in
    (and delete it, in theirs).

    ``scope`` pair: a claim between ``source`` and ``target`` (stored keys) was added, removed
    or reviewed; actor: who ``source`` stands for, its type or its structure changed (every
    pair of it and of its parents); all: recompute every history."""

    __tablename__ = "dyad_journal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    scope: Mapped[str] = mapped_column(String(8))
    source: Mapped[str | None] = mapped_column(KEY)
    target: Mapped[str | None] = mapped_column(KEY)


class SentenceRow(Base):
    """One evidence sentence, however many claims were read from it: what search finds.

    Derived from ``interactions`` (see ``search.index_sentences``), kept in step in the
    transaction that writes the claims. The full-text index over ``text`` is made by
    migration 0004 by hand, since it is not portable: an FTS5 table on SQLite, a generated
    ``tsvector`` column with a GIN index on PostgreSQL (see ``MIGRATION_ONLY``).
    """

    __tablename__ = "evidence_sentences"
    __table_args__ = (Index("ix_evidence_sentences_doc_start", "doc_id", "start", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(KEY, ForeignKey("documents.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class SentenceVectorRow(Base):
    """A sentence's embedding by one model (float32, unit length), computed when semantic search first needs it."""

    __tablename__ = "evidence_vectors"

    sentence_id: Mapped[int] = mapped_column(Integer, ForeignKey("evidence_sentences.id", ondelete="CASCADE"),
                                             primary_key=True)
    model: Mapped[str] = mapped_column(String(255), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


# Made by migration 0004 in each backend's own dialect, so absent from the metadata above:
# autogenerate and schema comparisons leave them alone (see ``include_name``).
MIGRATION_ONLY = frozenset({"evidence_fts", "evidence_fts_data", "evidence_fts_idx", "evidence_fts_docsize",
                            "evidence_fts_config", "evidence_fts_content", "tsv", "ix_evidence_sentences_tsv"})


def include_name(name: str | None, _type: str, _parents: dict) -> bool:
    """Alembic's ``include_name`` hook: skip the search index objects the metadata does not declare."""
    return name not in MIGRATION_ONLY
