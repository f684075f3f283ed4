"""Evidence search: the stored claim sentences that match a query, best first.

Each sentence claims were read from is one row of ``evidence_sentences``, kept in step with
the claims by ``index_sentences`` in the transaction that writes them, and indexed by the
backend's own full-text search (migration 0004): FTS5 ranked by bm25 on SQLite, a
``tsvector`` ranked by ``ts_rank`` on PostgreSQL. Ties go to the newest documents. A query
that matches more than ``CANDIDATES`` sentences ranks the most recently stored of them: FTS5
reads its matches newest first and stops there, and bm25 ranks them among themselves
(``fts5_candidates``: each phrase weighs alike, as with ``ts_rank``); PostgreSQL walks down the newest ``RECENT``
sentences and stops there too, and a query too narrow to fill them asks the GIN index, first
for the newest sentences only, as many as its rate of matches in the walk says will hold the
candidates (``REACH`` times over), then, if they do not, for every match
(``_newest_matches``). The same sentences are ranked either way.

A query is words and "quoted phrases", every one of which must be in the sentence, matched
by stem ("trained" finds "training"). Only letters and digits make words: what a user types
is never query syntax on either backend (``AND``, ``NEAR(``, ``*``, ``-``, a lone quote are
plain words or separators), so no query raises. A SQLite built without FTS5 falls back to a
parameterized ``LIKE`` per word or phrase (substrings, newest first, no ranking).

A sentence whose claims were all rejected by an analyst is not a hit, and a hit lists only
its claims that are not rejected.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import reduce

from sqlalchemy import (ColumnElement, Connection, Integer, Row, Select, any_, bindparam, delete, exists, func, insert,
                        literal_column, select, table, text)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from .judgements import REVIEW_KINDS
from .schema import DocumentRow, InteractionRow, JudgementRow, SentenceRow

log = logging.getLogger("dyad.store")

FTS5, TSVECTOR = "fts5", "tsvector"
NO_FTS5 = ("this SQLite has no FTS5: evidence search scans the sentences with LIKE (same matches, "
           "unranked, slower on a large store); open the store from a Python whose sqlite3 has FTS5 "
           "(python -c \"import sqlite3; sqlite3.connect(':memory:').execute('create virtual table t using fts5(x)')\")")
_WORD = re.compile(r"[^\W_]+")  # letters and digits: the tokens both backends index
_ESCAPE = "\\"
_FTS = table("evidence_fts", literal_column("rowid"))
CANDIDATE_TABLE = "dyad_search_candidates"  # temporary, one per connection (fts5_candidates)
_CANDIDATES = table(CANDIDATE_TABLE, literal_column("rowid"), literal_column("text"))
FTS5_TOKENIZER = "porter unicode61 remove_diacritics 2"  # as migration 0004 made evidence_fts
# Sentences ranked per query: the most recently stored that match, when more do. Scoring is per
# match (bm25, ts_rank), so this bounds a broad query's cost (one word in a third of a million
# sentences) while a narrower one is ranked in full.
CANDIDATES = 1_000
# On PostgreSQL the GIN index hands over every match, unordered, so the newest of a quarter of a
# million costs them all; a walk down the newest sentences stops at CANDIDATES matches instead.
# It reads at most this many: a broad query fills CANDIDATES in them, a narrower one (fewer than
# one in ten) goes to the index.
RECENT = 10_000
# The index's cost is the rows of the matches it visits, each on a page of its own (12,000 for one
# sentence in a hundred at 1M: 30-130 ms). A query that finds k (0 < k < CANDIDATES) in the walk
# asks it first for its matches among the newest RECENT * CANDIDATES / k * REACH sentences only
# (ANDed with the primary key's range): at the walk's rate they hold REACH times CANDIDATES, and
# only their rows are visited. Should they hold fewer (older sentences match less often), every
# match is read, as for a query the walk finds none of.
REACH = 2
_TSV = literal_column(f"{SentenceRow.__tablename__}.tsv")
_ENGLISH = literal_column("'english'::regconfig")  # as the generated tsv column is made

Phrase = tuple[str, ...]
Page = Callable[[int, int], Sequence[Row]]  # (offset, count) -> ranked sentence rows, as SENTENCE_COLUMNS selects


@dataclass(frozen=True)
class SentenceHit:
    doc: str  # document id
    doc_name: str
    title: str | None
    start: int
    end: int
    text: str
    claims: tuple[str, ...]  # stored claim ids read from this sentence (rejected ones left out)


SENTENCE_COLUMNS = (SentenceRow.id, SentenceRow.doc_id, SentenceRow.start, SentenceRow.end, SentenceRow.text,
             DocumentRow.name, DocumentRow.title)


# ---------------------------------------------------------------- the index

def sqlite_has_fts5(connection: Connection) -> bool:
    """Whether this SQLite build can make FTS5 tables (Python's usually can; some builds cannot)."""
    try:
        connection.exec_driver_sql("CREATE VIRTUAL TABLE temp.dyad_fts5_probe USING fts5(x)")
    except OperationalError:
        return False
    connection.exec_driver_sql("DROP TABLE temp.dyad_fts5_probe")
    return True


def text_index(connection: Connection) -> str | None:
    """Which full-text index the store has: FTS5, TSVECTOR, or None (a SQLite without FTS5)."""
    if connection.dialect.name == "postgresql":
        return TSVECTOR
    found = connection.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'evidence_fts'"))
    return FTS5 if found.first() else None


def index_sentences(s: Session, doc_ids: Iterable[str] | None = None) -> None:
    """Bring ``evidence_sentences`` in step with the claims of these documents (all with None):
    a row for each (document, evidence start) a claim has, none where no claim is left.
    Run inside the transaction that changed the claims, so both commit or neither does."""
    i, sent = InteractionRow, SentenceRow
    in_docs_i, in_docs_s = (), ()
    if doc_ids is not None:
        doc_ids = sorted(set(doc_ids))
        if not doc_ids:
            return
        in_docs_i, in_docs_s = (i.doc_id.in_(doc_ids),), (sent.doc_id.in_(doc_ids),)
    s.execute(delete(sent).where(*in_docs_s, ~exists().where(i.doc_id == sent.doc_id, i.ev_start == sent.start))
              .execution_options(synchronize_session=False))
    missing = (select(i.doc_id, i.ev_start, func.max(i.ev_end), func.min(i.ev_text))
               .where(*in_docs_i, ~exists().where(sent.doc_id == i.doc_id, sent.start == i.ev_start))
               .group_by(i.doc_id, i.ev_start))
    s.execute(insert(sent).from_select(["doc_id", "start", "end", "text"], missing))


# ---------------------------------------------------------------- queries

def parse_query(query: str) -> list[Phrase]:
    """The phrases every hit must hold: a closed "quoted" run is one, any other word one of its own."""
    parts = query.split('"')
    phrases: list[Phrase] = []
    for n, part in enumerate(parts):
        words = tuple(_WORD.findall(part))
        if n % 2 and n < len(parts) - 1:  # inside a pair of quotes (an unclosed one quotes nothing)
            phrases += [words] if words else []
        else:
            phrases += [(w,) for w in words]
    return phrases


def fts5_match(phrases: list[Phrase]) -> str:
    """An FTS5 MATCH string: every phrase as a string (its words hold no quote), implicitly ANDed."""
    return " ".join('"' + " ".join(p) + '"' for p in phrases)


def _like(phrase: Phrase) -> str:
    words = " ".join(phrase)
    for char in (_ESCAPE, "%", "_"):
        words = words.replace(char, _ESCAPE + char)
    return f"%{words}%"


def _tsquery(phrases: list[Phrase]) -> ColumnElement:
    return reduce(lambda a, b: a.op("&&")(b), (func.phraseto_tsquery(_ENGLISH, " ".join(p)) for p in phrases))


def _newest_matches(s: Session, query: ColumnElement) -> list[int]:
    """The ids of the CANDIDATES most recently stored sentences that match, on PostgreSQL: those
    a walk down the newest RECENT sentences finds when it finds that many; else those the GIN
    index gives among the newest sentences the walk's rate of matches says hold them REACH
    times over, when they do; else those it gives among all (see RECENT and REACH)."""
    recent = select(SentenceRow.id, _TSV.label("tsv")).order_by(SentenceRow.id.desc()).limit(RECENT).subquery()
    walked = s.scalars(select(recent.c.id).where(recent.c.tsv.op("@@")(query)).order_by(recent.c.id.desc())
                       .limit(CANDIDATES)).all()
    if len(walked) == CANDIDATES:
        return walked
    # ``id + 0``: no index has that order, so the planner reads the GIN index (ANDed with the
    # primary key's range below) rather than walk the sentences newest first hoping to meet
    # matches (0.4 s at 1M for a query matching none)
    indexed = select(SentenceRow.id).where(_TSV.op("@@")(query)).order_by((SentenceRow.id + 0).desc()).limit(CANDIDATES)
    if walked:
        top, reach = s.scalar(select(func.max(SentenceRow.id))), RECENT * CANDIDATES * REACH // len(walked)
        if reach < top:
            found = s.scalars(indexed.where(SentenceRow.id > top - reach)).all()
            if len(found) == CANDIDATES:
                return found
    return s.scalars(indexed).all()


def fts5_candidates(s: Session, phrases: list[Phrase]) -> None:
    """Copy the CANDIDATES newest matches into a temporary FTS5 table of this connection, to be
    ranked there. FTS5 finds them newest first and stops (milliseconds), but its bm25 weighs
    each phrase by how many sentences of the whole index hold it, and counts them all to know:
    80 ms at 1M for three common words. Among candidates that all hold every phrase that weight
    is the same for each, so bm25 over them ranks by how often and how densely a sentence holds
    the phrases, as ``ts_rank`` does on PostgreSQL."""
    s.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{CANDIDATE_TABLE} USING fts5(text, "
                   f"tokenize='{FTS5_TOKENIZER}')"))
    s.execute(text(f"DELETE FROM temp.{CANDIDATE_TABLE}"))
    newest = (select(_FTS.c.rowid).where(literal_column("evidence_fts").op("MATCH")(fts5_match(phrases)))
              .order_by(_FTS.c.rowid.desc()).limit(CANDIDATES))
    s.execute(insert(_CANDIDATES).from_select(["rowid", "text"], select(SentenceRow.id, SentenceRow.text)
                                              .where(SentenceRow.id.in_(newest))))


def _ranked(s: Session, phrases: list[Phrase], index: str | None) -> Select:
    """The matches of ``phrases``, best first: over the candidates found here first, with an index."""
    newest = (DocumentRow.published.desc().nulls_last(), DocumentRow.name, SentenceRow.start)
    stmt = select(*SENTENCE_COLUMNS).join(DocumentRow, DocumentRow.id == SentenceRow.doc_id)
    if index == FTS5:
        fts5_candidates(s, phrases)
        found = (select(_CANDIDATES.c.rowid.label("id"), func.bm25(literal_column(CANDIDATE_TABLE)).label("score"))
                 .where(literal_column(CANDIDATE_TABLE).op("MATCH")(fts5_match(phrases))).subquery())
        return stmt.join(found, found.c.id == SentenceRow.id).order_by(found.c.score, *newest)  # bm25: lower first
    if index == TSVECTOR:
        query = _tsquery(phrases)
        candidates = bindparam("candidates", _newest_matches(s, query), type_=ARRAY(Integer))
        return stmt.where(SentenceRow.id == any_(candidates)).order_by(func.ts_rank(_TSV, query).desc(), *newest)
    for phrase in phrases:
        stmt = stmt.where(SentenceRow.text.ilike(_like(phrase), escape=_ESCAPE))
    return stmt.order_by(*newest)


def search_sentences(s: Session, query: str, limit: int = 50, index: str | None = FTS5) -> list[SentenceHit]:
    """Sentences matching ``query`` (see the module's docstring), best first; one hit per sentence."""
    phrases = parse_query(query)
    if not phrases:
        return []
    ranked = _ranked(s, phrases, index)
    return first_hits(s, lambda offset, count: s.execute(ranked.offset(offset).limit(count)).all(), limit)


# ---------------------------------------------------------------- hits

def first_hits(s: Session, page: Page, limit: int) -> list[SentenceHit]:
    """The first ``limit`` ranked sentences that have a claim not rejected, read page by page
    (rejections are few, so one page nearly always does)."""
    hits: list[SentenceHit] = []
    offset = 0
    while len(hits) < limit:
        rows = page(offset, limit)
        hits += _with_live_claims(s, rows)[:limit - len(hits)]
        if len(rows) < limit:
            break
        offset += limit
    return hits


def _with_live_claims(s: Session, rows: Sequence[Row]) -> list[SentenceHit]:
    spans = {(row.doc_id, row.start) for row in rows}
    claims: dict[tuple[str, int], list[str]] = {}
    for claim_id, doc_id, start in s.execute(select(InteractionRow.id, InteractionRow.doc_id, InteractionRow.ev_start)
                                             .where(InteractionRow.doc_id.in_({d for d, _ in spans}))
                                             .order_by(InteractionRow.id)):
        if (doc_id, start) in spans:
            claims.setdefault((doc_id, start), []).append(claim_id)
    rejected = _rejected(s, [c for ids in claims.values() for c in ids])
    hits = []
    for row in rows:
        live = tuple(c for c in claims.get((row.doc_id, row.start), ()) if c not in rejected)
        if live:
            hits.append(SentenceHit(row.doc_id, row.name, row.title, row.start, row.end, row.text, live))
    return hits


def _rejected(s: Session, claim_ids: list[str]) -> set[str]:
    """Those of ``claim_ids`` whose latest live review is REJECT (as ``judgements.replay`` decides)."""
    latest = dict(s.execute(select(JudgementRow.subject, JudgementRow.kind)
                            .where(JudgementRow.subject.in_(claim_ids), JudgementRow.kind.in_(REVIEW_KINDS),
                                   JudgementRow.undone_at.is_(None))
                            .order_by(JudgementRow.id)).all())
    return {claim for claim, kind in latest.items() if kind == "REJECT"}
