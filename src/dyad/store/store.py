"""The store: one document's extraction per transaction in, judgement-applied views out.

Raw rows are written once and never rewritten; merges, splits, aliases and claim reviews
are judgements replayed at read time (see ``judgements.py``), so each can be undone and
all of them can be carried to a re-ingested database with export/import_judgements.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import product
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Row, func, literal, select, union_all
from sqlalchemy.orm import Session

from dyad import ontology
from dyad.analyse.dyads import DyadHistory
from dyad.kb import normalise_name as fold_name
from dyad.model import IMPORTED, Document, Extraction, ImportBatch, SameAs

from .actors import build_actor_views, find_actor
from .bulk import collector_paused
from .check import CheckReport, check_store
from .claims import interaction_view, structure_view
from .engine import open_engine, upgrade, writing
from .errors import StoreError
from .imports import ImportCounts, drop_imported_twins, write_import
from .histories import ACTOR, ALL, PAIR, chunks, journal, kept_are_fresh, kept_histories, pair_history, refresh_kept
from .ingest import write_extraction
from .lock import ingest_lock
from . import search, semantic
from .search import SentenceHit
from .states import States, kept_states
from .judgements import (
    INTERACTION_EDITS,
    KINDS,
    REVIEW_KINDS,
    STRUCTURE_EDITS,
    Decisions,
    replay,
)
from .schema import (
    ActorRow,
    AliasRow,
    DocumentRow,
    InteractionRow,
    JudgementRow,
    MentionRow,
    StructureRow,
)
from .views import ActorView, InteractionView, Judgement, StructureView

DOCUMENT_FIELDS = tuple(Document.__dataclass_fields__)
T = TypeVar("T")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every one the store writes is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


def _judgement(row: JudgementRow) -> Judgement:
    return Judgement(row.id, row.kind, row.subject, row.object, row.reason, _utc(row.created_at),
                     _utc(row.undone_at), row.author)


def _doc_names(s: Session, doc_ids: Iterable[str] | None = None) -> dict[str, str]:
    """Document names by id: of every document, or of these ids only (read in chunks)."""
    stmt = select(DocumentRow.id, DocumentRow.name)
    if doc_ids is None:
        return dict(s.execute(stmt).all())
    return {doc_id: name for chunk in chunks(set(doc_ids))
            for doc_id, name in s.execute(stmt.where(DocumentRow.id.in_(chunk)))}


def _read_already(row: DocumentRow | None) -> bool:
    return row is not None and row.format != IMPORTED


def _document(row: DocumentRow | Row) -> Document:
    return Document(**{f: getattr(row, f) for f in DOCUMENT_FIELDS})


@dataclass(frozen=True)
class _Replayed:
    """The decisions the judgement log left, as of ``mark``: ((latest judgement id, its time),
    how many are undone). ``absent``: actor keys and claim ids judgements name that were not
    stored then (their judgements were skipped)."""

    mark: tuple
    state: Decisions
    absent: frozenset[str]


def _named(judgements: list[Judgement]) -> frozenset[str]:
    """The actor keys and claim ids whose being stored decides whether a judgement applies."""
    return frozenset(k for j in judgements
                     for k in (j.subject, j.object if j.kind in ("MERGE", "SPLIT") else None) if k)


def _stored(s: Session, names: Iterable[str]) -> set[str]:
    """Those of ``names`` that are a stored actor key or claim id."""
    found = set()
    for chunk in chunks(names):
        for column in (ActorRow.key, InteractionRow.id, StructureRow.id):
            found |= set(s.scalars(select(column).where(column.in_(chunk))))
    return found


class Store:
    """Extractions and analyst judgements in SQLite (a path) or PostgreSQL (a URL)."""

    def __init__(self, url_or_path: str | Path = "dyad.db"):
        self.engine = open_engine(url_or_path)
        upgrade(self.engine)
        self._replayed: _Replayed | None = None  # the judgement log as last replayed
        with self.engine.connect() as connection:
            self.text_index = search.text_index(connection)  # FTS5, TSVECTOR, or None: LIKE
        if self.text_index is None:
            search.log.warning(search.NO_FTS5)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self) -> Session:
        return Session(self.engine)

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with writing(self.engine) as connection, Session(bind=connection) as session:
            yield session
            session.flush()

    # ------------------------------------------------------------ documents

    def has_document(self, doc_id: str) -> bool:
        """Whether this text is stored (a stand-in an import left for it does not count)."""
        with self._read() as s:
            return _read_already(s.get(DocumentRow, doc_id))

    def add_extraction(self, ex: Extraction, minhash: list[int] | None = None, merges_by: str | None = None) -> bool:
        """Store one document and all read from it, atomically; False when it is stored already.

        With ``merges_by``, the identities the document proposes (``ex.same_as``) are recorded
        as that author's merges in the same transaction: a crash in between would otherwise
        keep the document and lose its merges for good, since a re-run skips it.
        """
        with self._write() as s:
            stored = s.get(DocumentRow, ex.document.id)
            if _read_already(stored):
                return False
            if stored is not None:  # an import's stand-in: the text's claims replace imported twins
                drop_imported_twins(s, ex)
                journal(s, ALL, [(None, None)])  # and its date may now differ: rare, so recompute all
            write_extraction(s, ex, minhash)
            if merges_by is not None:
                self._merge_proposed(s, ex.same_as, merges_by)
            return True

    @contextmanager
    def ingesting(self) -> Iterator[None]:
        """The right to ingest: a second ingest into the same SQLite file refuses with E412."""
        database = self.engine.url.database
        if self.engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
            yield  # one process holds an in-memory store; PostgreSQL isolates each transaction
            return
        with ingest_lock(Path(database)):
            yield

    def check(self) -> CheckReport:
        """Whether every reference and evidence offset holds, seen at one moment."""
        with self._read() as s:
            return check_store(s)

    def add_import(self, batch: ImportBatch) -> ImportCounts:
        """Store what one imported file holds, atomically, beside the extracted claims."""
        with self._write() as s:
            return write_import(s, batch)

    def last_change(self) -> datetime | None:
        """When anything was last stored or judged: the version stamp of an export."""
        with self._read() as s:
            moments = [s.scalar(select(func.max(DocumentRow.ingested_at))),
                       s.scalar(select(func.max(JudgementRow.created_at))),
                       s.scalar(select(func.max(JudgementRow.undone_at)))]
        return max((_utc(m) for m in moments if m is not None), default=None)

    def minhashes(self) -> list[tuple[str, list[int]]]:
        """(document id, MinHash values) of every document stored with one, to rebuild an LSH index."""
        with self._read() as s:
            rows = s.execute(select(DocumentRow.id, DocumentRow.minhash).where(DocumentRow.minhash.is_not(None))
                             .order_by(DocumentRow.ingested_at, DocumentRow.id))
            return [(doc_id, list(values)) for doc_id, values in rows]

    def documents(self) -> list[Document]:
        """Every document, by name; only the columns a Document has (not the MinHash, a JSON
        array per document that the export and the listings never show)."""
        with self._read() as s:
            return [_document(r) for r in s.execute(select(*(getattr(DocumentRow, f) for f in DOCUMENT_FIELDS))
                                                    .order_by(DocumentRow.name, DocumentRow.id))]

    def document(self, id_or_name: str) -> Document | None:
        with self._read() as s:
            row = self._find_document(s, id_or_name)
            return _document(row) if row else None

    @staticmethod
    def _find_document(s: Session, id_or_name: str) -> DocumentRow | None:
        return s.get(DocumentRow, id_or_name) or s.scalars(
            select(DocumentRow).where(DocumentRow.name == id_or_name).order_by(DocumentRow.ingested_at).limit(1)
        ).first()

    # ------------------------------------------------------------ views

    def _decisions(self, s: Session) -> Decisions:
        """The judgement log replayed, kept on the store between calls: replayed again only from
        the first judgement not seen before, and in full after an undo or when an actor or claim
        a judgement names (skipped while it was not stored) has been stored since. Callers must
        not change what they get (``copy()`` it first)."""
        undone = select(func.count(JudgementRow.undone_at)).scalar_subquery()
        head = s.execute(select(JudgementRow.id, JudgementRow.created_at, undone)  # one round trip per read
                         .order_by(JudgementRow.id.desc()).limit(1)).first()
        mark = ((head.id, _utc(head.created_at)), head[2]) if head else ((0, None), 0)
        kept = self._replayed
        if kept is not None and kept.absent and _stored(s, kept.absent):
            kept = None
        if kept is not None and kept.mark == mark:
            return kept.state
        (kept_id, kept_at), kept_undone = kept.mark if kept else ((0, None), 0)
        resume = kept is not None and kept_undone == mark[1] and kept_id < mark[0][0] and (
            kept_id == 0 or _utc(s.scalar(select(JudgementRow.created_at).where(JudgementRow.id == kept_id))) == kept_at)
        rows = s.scalars(select(JudgementRow).where(JudgementRow.id > (kept_id if resume else 0))).all() \
            if mark[0][0] else []  # no judgement yet: nothing to read
        judgements = [_judgement(r) for r in rows]
        names = _named(judgements)
        stored = _stored(s, names)
        state = replay(judgements, stored, stored, state=kept.state.copy() if resume else None)
        self._replayed = _Replayed(mark, state, (kept.absent if resume else frozenset()) | (names - stored))
        return state

    def _actor_views(self, s: Session, state: Decisions, roots: set[str] | None = None) -> list[ActorView]:
        """Every actor's view, or (``roots``) those of these actors, members read with them."""
        if roots is None:
            counts = s.execute(select(MentionRow.actor_key, MentionRow.doc_id, func.count())
                               .group_by(MentionRow.actor_key, MentionRow.doc_id)).all()
            return build_actor_views({r.key: r for r in s.scalars(select(ActorRow))}, state,
                                     s.scalars(select(AliasRow)).all(), counts, _doc_names(s))
        keys = roots | {k for k in state.parent if state.canonical(k) in roots}
        actors = {r.key: r for r in s.scalars(select(ActorRow).where(ActorRow.key.in_(keys)))}
        aliases = s.scalars(select(AliasRow).where(AliasRow.actor_key.in_(keys))).all()
        counts = s.execute(select(MentionRow.actor_key, MentionRow.doc_id, func.count())
                           .where(MentionRow.actor_key.in_(keys)).group_by(MentionRow.actor_key, MentionRow.doc_id)).all()
        cited = {a.doc_id for a in aliases if a.doc_id} | {doc for _, doc, _ in counts}
        return build_actor_views(actors, state, aliases, counts, _doc_names(s, cited))

    def _named_actor(self, s: Session, state: Decisions, name_or_key: str) -> ActorView | None:
        return self._named_actors(s, state, [name_or_key])[0]

    def _named_actors(self, s: Session, state: Decisions, names: list[str]) -> list[ActorView | None]:
        """``find_actor`` for each name over the views of only the actors it could be (read
        together: one set of queries for all of them)."""
        roots = [self._roots(s, state, name) for name in names]
        views = self._actor_views(s, state, set().union(*roots)) if any(roots) else []
        return [find_actor([v for v in views if v.key in could_be], name) if could_be else None
                for name, could_be in zip(names, roots)]

    @staticmethod
    def _roots(s: Session, state: Decisions, name_or_key: str) -> set[str]:
        """The actors a name could be: the one this key is or belongs to, else those with a
        stored or judged name or alias that folds to it."""
        folded = fold_name(name_or_key)
        found = s.execute(union_all(  # one round trip: is it a key, and whose names fold to it
            select(ActorRow.key, literal(True)).where(ActorRow.key == name_or_key),
            select(ActorRow.key, literal(False)).where(ActorRow.folded == folded),
            select(AliasRow.actor_key, literal(False)).where(AliasRow.folded == folded))).all()
        if any(is_key for _, is_key in found):
            return {state.canonical(name_or_key)}
        keys = {key for key, _ in found}
        keys |= {k for k, names in state.added_aliases.items() if folded in map(fold_name, names)}
        keys |= {k for k, name in state.names.items() if fold_name(name) == folded}
        return {state.canonical(k) for k in keys}

    def _actor_key(self, s: Session, state: Decisions, name_or_key: str) -> str:
        view = self._named_actor(s, state, name_or_key)
        if view is None:
            raise StoreError(f"E401 no actor {name_or_key!r}: give a key, name or alias listed by `dyad actors`")
        return view.key

    def actors(self, type: str | None = None) -> list[ActorView]:
        with self._read() as s:
            views = self._actor_views(s, self._decisions(s))
        return [v for v in views if type is None or v.type == type]

    def actor(self, name_or_key: str) -> ActorView | None:
        """By key, canonical name or alias, compared folded (case, diacritics, "the", "al-")."""
        with self._read() as s:
            return self._named_actor(s, self._decisions(s), name_or_key)

    def structure(self, actor: str | None = None) -> list[StructureView]:
        """Structure edges, one per (type, source, target, document); KB edges have no document."""
        with self._read() as s:
            state = self._decisions(s)
            return self._structure(s, state, self._actor_key(s, state, actor) if actor else None)

    @staticmethod
    def _structure(s: Session, state: Decisions, key: str | None = None) -> list[StructureView]:
        rows = s.scalars(select(StructureRow).order_by(StructureRow.ev_start, StructureRow.id)).all()
        edges: dict[tuple[str, str, str, str], StructureView] = {}
        for row in rows:
            view = structure_view(row, state)
            if view and (key is None or key in (view.source, view.target)):
                edges.setdefault((view.type, view.source, view.target, row.doc_id or ""), view)
        doc_names = _doc_names(s, {k[3] for k in edges if k[3]})
        return [edges[k] for k in sorted(edges, key=lambda k: (*k[:3], doc_names.get(k[3], ""), k[3]))]

    # ------------------------------------------------------------ dyad histories

    def pair_history(self, a: str, b: str, rules: str | Path | None = None) -> DyadHistory | None:
        """The history of the pair of actors ``a`` and ``b`` (view keys), read from their claims alone."""
        with self._read() as s:
            state = self._decisions(s)
            return pair_history(s, state, self._structure(s, state), rules, a, b)

    def named_pair_history(self, a: str, b: str, rules: str | Path | None = None
                           ) -> tuple[ActorView | None, ActorView | None, DyadHistory | None]:
        """The actors known by names (or keys, aliases) ``a`` and ``b`` and their pair's history
        (None when either is unknown, they are one, or they have none), in one read: what
        ``dyad history A B`` needs, in as few round trips as a PostgreSQL server allows."""
        with self._read() as s:
            state = self._decisions(s)
            first, second = self._named_actors(s, state, [a, b])
            if first is None or second is None or first.key == second.key:
                return first, second, None
            return first, second, pair_history(s, state, self._structure(s, state), rules, first.key, second.key)

    def histories(self, rules: str | Path | None = None) -> list[DyadHistory]:
        """Every pair's history, busiest first, from the kept rows."""
        return self._kept(rules, kept_histories)

    def refresh_histories(self, rules: str | Path | None = None) -> None:
        """Bring the kept rows up to date without reading them: what an ingest ends with, in
        memory that does not grow with the number of pairs."""
        self._kept(rules, lambda s: None)

    def states(self, rules: str | Path | None = None, at: str | None = None, actor: str | None = None,
               limit: int | None = None) -> States:
        """The first ``limit`` pairs (all with None; of the actor with view key ``actor``) with
        their state, most important first (``analyse.dyads.listing_order``), and how many there
        are: the state at ``at`` (an ISO prefix; only pairs with a period then) or the latest,
        read by SQL from the kept rows (``states.py``)."""
        return self._kept(rules, lambda s: kept_states(s, at, actor, limit))

    def _kept(self, rules: str | Path | None, read: Callable[[Session], T]) -> T:
        """``read`` of the kept rows, the pairs writes touched since recomputed first (in one
        transaction, so a killed run leaves the rows as they were)."""
        with self._read() as s:
            if kept_are_fresh(s, rules):
                return read(s)
        with self._write() as s:
            if not kept_are_fresh(s, rules):  # another reader may have refreshed them meanwhile
                state = self._decisions(s)
                refresh_kept(s, state, self._structure(s, state), rules)
            return read(s)

    def interactions(self, actor: str | None = None, type: str | None = None, doc: str | None = None,
                     include_rejected: bool = False) -> list[InteractionView]:
        """Interaction claims, filtered by an actor at either end, a type code and a document.
        Read as Core rows, the collector paused: the export reads every claim."""
        with self._read() as s, collector_paused():
            state = self._decisions(s)
            key = self._actor_key(s, state, actor) if actor else None
            query = select(InteractionRow.__table__)
            if doc is not None:
                found = self._find_document(s, doc)
                if found is None:
                    raise StoreError(f"E410 no document {doc!r}: give an id or a name listed by `dyad documents`")
                query = query.where(InteractionRow.doc_id == found.id)
            doc_names = _doc_names(s)
            rows = s.execute(query).all()
            views = [v for v in (interaction_view(r, state, include_rejected) for r in rows) if v
                     and (type is None or v.type == type) and (key is None or key in (v.source, v.target))]
            return sorted(views, key=lambda v: (doc_names[v.evidence.doc], v.evidence.start, v.id))

    def interactions_by_id(self, claim_ids: Iterable[str]) -> list[InteractionView]:
        """The interaction claims with these stored ids, as ``interactions()`` gives them (rejected ones left out)."""
        with self._read() as s:
            state = self._decisions(s)
            rows = [r for chunk in chunks(set(claim_ids))
                    for r in s.scalars(select(InteractionRow).where(InteractionRow.id.in_(chunk)))]
            names = _doc_names(s, {r.doc_id for r in rows})
        views = [v for v in (interaction_view(r, state, False) for r in rows) if v]
        return sorted(views, key=lambda v: (names[v.evidence.doc], v.evidence.start, v.id))

    def search_sentences(self, query: str, limit: int = 50) -> list[SentenceHit]:
        """Evidence sentences holding every word and "phrase" of ``query``, best first (see ``search.py``)."""
        with self._read() as s:
            return search.search_sentences(s, query, limit, self.text_index)

    def search_similar(self, query: str, embedder: semantic.Embedder, limit: int = 50) -> list[SentenceHit]:
        """Evidence sentences nearest ``query`` in meaning (see ``semantic.py``), once every
        sentence has ``embedder``'s vector."""
        self.embed_sentences(embedder)
        with self._read() as s:
            return semantic.nearest(s, embedder, query, limit)

    def embed_sentences(self, embedder: semantic.Embedder) -> int:
        """Compute and store the vectors ``embedder`` has not made yet, a batch per transaction
        (the model runs outside it, holding no lock); how many were stored or found stored."""
        done = 0
        while True:
            with self._read() as s:
                batch = semantic.missing(s, embedder)
            if not batch:
                return done
            ids, texts = zip(*batch)
            vectors = embedder(list(texts))
            if len(vectors) != len(ids):
                raise StoreError(f"E414 embedder {embedder.name!r} gave {len(vectors)} vectors for {len(ids)} "
                                 f"sentences: it must return one row per text")
            with self._write() as s:
                semantic.store_vectors(s, embedder.name, list(ids), vectors)
            done += len(batch)

    def kept_apart(self) -> set[frozenset[str]]:
        """Pairs of actor keys an analyst split: a resolver must never merge them on its own."""
        with self._read() as s:
            return self._decisions(s).kept_apart

    # ------------------------------------------------------------ judgements

    def _record(self, s: Session, kind: str, subject: str, object: str | None, reason: str, author: str | None,
                state: Decisions | None = None) -> int:
        """Write a judgement (``state``: the decisions before it, when the caller holds them)."""
        self._journal_judgement(s, kind, subject, object, state)
        row = JudgementRow(kind=kind, subject=subject, object=object, reason=reason, author=author,
                           created_at=_now())
        s.add(row)
        s.flush()
        return row.id

    def _journal_judgement(self, s: Session, kind: str, subject: str, object: str | None,
                           state: Decisions | None = None) -> None:
        """Record which histories a judgement (or its undo) touches, before it takes effect:
        for a merge, split or retype, the actors named and those they stand for now; for a
        review, the claim's pair under its stored ends and under every end an edit gave it."""
        if kind in ("MERGE", "SPLIT", "RETYPE"):
            state = state or self._decisions(s)
            named = [subject] + ([object] if kind != "RETYPE" and object else [])
            journal(s, ACTOR, ((key, state.canonical(key)) for key in named))
        elif kind in REVIEW_KINDS:
            row = s.get(InteractionRow, subject) or s.get(StructureRow, subject)
            if row is None:
                return
            ends = {"source": {row.source}, "target": {row.target}}
            edited = s.scalars(select(JudgementRow.object).where(JudgementRow.subject == subject,
                                                                   JudgementRow.kind == "EDIT")).all()
            for edits in map(json.loads, [*edited, *([object] if kind == "EDIT" and object else [])]):
                for end, keys in ends.items():
                    keys.update([edits[end]] if end in edits else [])
            journal(s, PAIR if isinstance(row, InteractionRow) else ACTOR, product(ends["source"], ends["target"]))

    @staticmethod
    def _require_actor(s: Session, key: str) -> None:
        if s.get(ActorRow, key) is None:
            raise StoreError(f"E401 no actor with key {key!r}: look the key up with Store.actor(name).key")

    def merge_actors(self, keep: str, drop: str, reason: str = "", author: str | None = None) -> int:
        """Record that ``drop`` is the same actor as ``keep``; views show them as ``keep``."""
        with self._write() as s:
            self._require_actor(s, keep)
            self._require_actor(s, drop)
            state = self._decisions(s)
            if state.canonical(keep) == state.canonical(drop):
                raise StoreError(f"E406 {drop!r} and {keep!r} are already one actor: nothing to merge")
            return self._record(s, "MERGE", drop, keep, reason, author)

    def merge_proposed(self, proposals: Iterable[SameAs], author: str) -> int:
        """Record proposed identities as ``author``'s merges, in one transaction; how many were recorded."""
        with self._write() as s:
            return self._merge_proposed(s, proposals, author)

    def _merge_proposed(self, s: Session, proposals: Iterable[SameAs], author: str) -> int:
        """Skips a pair an analyst kept apart, one that is one actor already, and actors not stored."""
        proposals = list(proposals)
        if not proposals:
            return 0  # reading the judgement log has a cost: skip it when there is nothing to record
        keys = {k for p in proposals for k in (p.keep, p.drop)}
        stored = set(s.scalars(select(ActorRow.key).where(ActorRow.key.in_(keys))))
        state = self._decisions(s).copy()  # each merge is checked against those recorded before it
        done = 0
        for p in proposals:
            if {p.keep, p.drop} <= stored and frozenset((p.keep, p.drop)) not in state.kept_apart \
                    and state.canonical(p.keep) != state.canonical(p.drop):
                self._record(s, "MERGE", p.drop, p.keep, p.reason, author, state)
                state.merge(drop=p.drop, keep=p.keep)
                done += 1
        return done

    def split_actor(self, key: str, other: str | None = None, reason: str = "", author: str | None = None) -> int:
        """Take ``key`` out of the actor it was merged into; with ``other``, also keep the two apart for good."""
        with self._write() as s:
            self._require_actor(s, key)
            if other is not None:
                self._require_actor(s, other)
            elif key not in self._decisions(s).parent:
                raise StoreError(f"E407 {key!r} is not merged into another actor: split a member it holds, "
                                 f"or name the actor to keep it apart from (other=...)")
            return self._record(s, "SPLIT", key, other, reason, author)

    def add_alias(self, key: str, alias: str, reason: str = "", author: str | None = None) -> int:
        return self._record_name("ALIAS_ADD", key, alias, "an alias must have text: give the name the actor goes by",
                                 reason, author)

    def remove_alias(self, key: str, alias: str, reason: str = "", author: str | None = None) -> int:
        with self._write() as s:
            self._require_actor(s, key)
            state = self._decisions(s)
            view = self._named_actor(s, state, state.canonical(key))
            if alias not in {a.alias for a in view.aliases}:
                raise StoreError(f"E404 {alias!r} is not an alias of {key!r}: "
                                 f"choose one of {[a.alias for a in view.aliases]}")
            return self._record(s, "ALIAS_REMOVE", view.key, alias, reason, author)

    def rename_actor(self, key: str, name: str, reason: str = "", author: str | None = None) -> int:
        """Give the actor a new canonical name; the old one stays as an alias."""
        return self._record_name("RENAME", key, name, "a name must have text: give the actor's canonical name",
                                 reason, author)

    def _record_name(self, kind: str, key: str, name: str, empty: str, reason: str, author: str | None) -> int:
        """Record a judgement that gives an actor a name (alias or canonical); ``empty`` says
        what to do when the name has no text."""
        with self._write() as s:
            self._require_actor(s, key)
            if not name.strip():
                raise StoreError(f"E404 {empty}")
            return self._record(s, kind, key, name.strip(), reason, author)

    def retype_actor(self, key: str, type: str, reason: str = "", author: str | None = None) -> int:
        with self._write() as s:
            self._require_actor(s, key)
            _check_code("actor_type", type)
            return self._record(s, "RETYPE", key, type, reason, author)

    def review_claim(self, claim_id: str, decision: str, edits: dict[str, Any] | None = None, reason: str = "",
                     author: str | None = None) -> int:
        """ACCEPT, REJECT or EDIT an interaction or structure claim by its id."""
        decision = decision.upper()
        if decision not in REVIEW_KINDS:
            raise StoreError(f"E403 unknown decision {decision!r}: use one of {', '.join(REVIEW_KINDS)}")
        if (edits is not None) != (decision == "EDIT"):
            raise StoreError("E404 edits go with EDIT and only with EDIT: pass edits={field: value} with 'EDIT'")
        with self._write() as s:
            if s.get(InteractionRow, claim_id) is not None:
                kind, allowed = "interaction", INTERACTION_EDITS
            elif s.get(StructureRow, claim_id) is not None:
                kind, allowed = "structure", STRUCTURE_EDITS
            else:
                raise StoreError(f"E402 no claim {claim_id!r}: use an id listed by Store.interactions() "
                                 f"or Store.structure()")
            if edits is not None:
                self._check_edits(s, kind, allowed, edits)
            return self._record(s, decision, claim_id, json.dumps(edits, sort_keys=True) if edits else None,
                                reason, author)

    def _check_edits(self, s: Session, kind: str, allowed: tuple[str, ...], edits: dict[str, Any]) -> None:
        unknown = sorted(set(edits) - set(allowed))
        if not edits or unknown:
            raise StoreError(f"E404 an EDIT of a {kind} claim changes some of {', '.join(allowed)}; "
                             f"got {unknown or 'no field'}: pass edits with those fields only")
        if "type" in edits:
            _check_code(kind, edits["type"])
        if "certainty" in edits:
            _check_code("certainty", edits["certainty"])
        for end in ("source", "target"):
            if end in edits:
                self._require_actor(s, edits[end])

    def undo(self, judgement_id: int) -> None:
        """Mark a judgement undone; it stays on record and its effect disappears from the views."""
        with self._write() as s:
            row = s.get(JudgementRow, judgement_id)
            if row is None or row.undone_at is not None:
                state = "was undone already" if row else "does not exist"
                raise StoreError(f"E405 judgement {judgement_id} {state}: list live ones with Store.judgements()")
            self._journal_judgement(s, row.kind, row.subject, row.object)
            row.undone_at = _now()

    def judgements(self, include_undone: bool = True) -> list[Judgement]:
        with self._read() as s:
            rows = s.scalars(select(JudgementRow).order_by(JudgementRow.id))
            return [_judgement(r) for r in rows if include_undone or r.undone_at is None]

    def export_judgements(self) -> list[dict[str, Any]]:
        """Every judgement as JSON-ready dicts, oldest first, to carry to a re-ingested database."""
        return [
            {"kind": j.kind, "subject": j.subject, "object": j.object, "reason": j.reason, "author": j.author,
             "created_at": j.created_at.isoformat(), "undone_at": j.undone_at.isoformat() if j.undone_at else None}
            for j in self.judgements()
        ]

    def import_judgements(self, items: list[dict[str, Any]]) -> int:
        """Append exported judgements in their order, skipping any already here; returns how many were added."""
        with self._write() as s:
            journal(s, ALL, [(None, None)])  # judgements in bulk, some perhaps undone: recompute all
            have = {(j.kind, j.subject, j.object, j.created_at) for j in map(_judgement, s.scalars(select(JudgementRow)))}
            added = 0
            for item in items:
                if item.get("kind") not in KINDS:
                    raise StoreError(f"E409 judgement {item!r} has kind {item.get('kind')!r}: use one of {', '.join(KINDS)}")
                created = _utc(datetime.fromisoformat(item["created_at"]))
                if (item["kind"], item["subject"], item.get("object"), created) in have:
                    continue
                undone = item.get("undone_at")
                s.add(JudgementRow(kind=item["kind"], subject=item["subject"], object=item.get("object"),
                                   reason=item.get("reason", ""), author=item.get("author"), created_at=created,
                                   undone_at=_utc(datetime.fromisoformat(undone)) if undone else None))
                added += 1
            return added


def _check_code(kind: str, code: str) -> None:
    try:
        ontology.check(kind, code)
    except ValueError as error:
        raise StoreError(str(error)) from error
