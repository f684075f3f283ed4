"""Evidence search: the stored claim sentences that contain every word of a query.

A parameterized, case-insensitive LIKE per word (``%`` and ``_`` escaped), so it runs on
SQLite and PostgreSQL alike; an FTS5 / tsvector index is the later, faster step.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .schema import DocumentRow, InteractionRow

_ESCAPE = "\\"


@dataclass(frozen=True)
class SentenceHit:
    doc: str  # document id
    doc_name: str
    title: str | None
    start: int
    end: int
    text: str
    claims: tuple[str, ...]  # stored claim ids read from this sentence


def _pattern(word: str) -> str:
    for char in (_ESCAPE, "%", "_"):
        word = word.replace(char, _ESCAPE + char)
    return f"%{word}%"


def search_sentences(s: Session, query: str, limit: int = 50) -> list[SentenceHit]:
    """Sentences holding every word of ``query``, newest documents first; one hit per sentence."""
    words = query.split()
    if not words:
        return []
    stmt = (select(InteractionRow.id, InteractionRow.doc_id, InteractionRow.ev_start, InteractionRow.ev_end,
                   InteractionRow.ev_text, DocumentRow.name, DocumentRow.title)
            .join(DocumentRow, DocumentRow.id == InteractionRow.doc_id)
            .order_by(DocumentRow.published.desc(), DocumentRow.name, InteractionRow.ev_start))
    for word in words:
        stmt = stmt.where(InteractionRow.ev_text.ilike(_pattern(word), escape=_ESCAPE))
    hits: dict[tuple[str, int], SentenceHit] = {}
    for claim_id, doc_id, start, end, text, name, title in s.execute(stmt):
        key = (doc_id, start)
        if key in hits:
            hit = hits[key]
            hits[key] = SentenceHit(hit.doc, hit.doc_name, hit.title, hit.start, hit.end, hit.text,
                                    (*hit.claims, claim_id))
        elif len(hits) < limit:
            hits[key] = SentenceHit(doc_id, name, title, start, end, text, (claim_id,))
    return list(hits.values())
