"""Is a store whole? The invariants an ingest must leave, even one killed midway.

Each document is written in one transaction, so a crash can lose a document but never
leave part of one; these checks are how that is verified (``dyad check``) rather than
assumed. They run in one read transaction, so a check during an ingest sees one
consistent moment of the store. The search index's sentences (``evidence_sentences``) are
derived from the claims in the same transaction, so they must match them exactly.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session

from .schema import ActorRow, AliasRow, DocumentRow, InteractionRow, MentionRow, SentenceRow, StructureRow

_EXAMPLES = 3  # ids shown per problem


@dataclass
class CheckReport:
    """What was checked (rows per table) and one line per broken invariant."""

    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        rows = ", ".join(f"{n} {table}" for table, n in self.counts.items())
        return f"consistent: {rows}" if self.ok else f"{len(self.problems)} problem(s) in {rows}"


def _dangling(column, parent) -> Select:
    """Ids of rows whose ``column`` names a ``parent`` that does not exist (null is no reference)."""
    return select(column.class_.id).where(column.is_not(None), column.not_in(select(parent)))


def _references() -> list[tuple[str, Select]]:
    document, actor = DocumentRow.id, ActorRow.key
    return [
        ("aliases name no stored actor", _dangling(AliasRow.actor_key, actor)),
        ("aliases name no stored document", _dangling(AliasRow.doc_id, document)),
        ("mentions lie in no stored document", _dangling(MentionRow.doc_id, document)),
        ("mentions name no stored actor", _dangling(MentionRow.actor_key, actor)),
        ("structure claims cite no stored document", _dangling(StructureRow.doc_id, document)),
        ("interactions cite no stored document", _dangling(InteractionRow.doc_id, document)),
        ("interactions have a source that is no stored actor", _dangling(InteractionRow.source, actor)),
        ("interactions have a target that is no stored actor", _dangling(InteractionRow.target, actor)),
        ("documents are near-duplicates of no stored document", _dangling(DocumentRow.near_duplicate_of, document)),
    ]


def _off_text(row, start, end, text) -> Select:
    """Rows whose [start, end) falls outside their document or does not hold their text."""
    return select(row.id).join(DocumentRow, DocumentRow.id == row.doc_id).where(or_(
        start < 0, end < start, end > func.length(DocumentRow.text),
        func.substr(DocumentRow.text, start + 1, end - start) != text,
    ))


def _offsets() -> list[tuple[str, Select]]:
    return [
        ("mentions do not match their document's text at their offsets",
         _off_text(MentionRow, MentionRow.start, MentionRow.end, MentionRow.text)),
        ("interactions' evidence does not match its document's text at its offsets",
         _off_text(InteractionRow, InteractionRow.ev_start, InteractionRow.ev_end, InteractionRow.ev_text)),
        ("structure claims' evidence does not match its document's text at its offsets",
         _off_text(StructureRow, StructureRow.ev_start, StructureRow.ev_end, StructureRow.ev_text)),
    ]


def _search_index() -> list[tuple[str, Select]]:
    claim, sentence = InteractionRow, SentenceRow
    same_span = (sentence.doc_id == claim.doc_id, sentence.start == claim.ev_start)
    return [
        ("interactions' sentences are missing from the search index",
         select(claim.id).where(~exists().where(*same_span))),
        ("sentences in the search index have no claim", select(sentence.id).where(~exists().where(*same_span))),
    ]


def _sqlite_problems(s: Session) -> list[str]:
    """SQLite's own verdicts: page-level integrity, and foreign keys written while not enforced."""
    problems = [f"SQLite integrity: {line}" for (line,) in s.connection().exec_driver_sql("PRAGMA quick_check")
                if line != "ok"]
    broken = s.connection().exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        tables = sorted({row[0] for row in broken})
        problems.append(f"{len(broken)} rows break foreign keys (in {', '.join(tables)})")
    return problems


def check_store(s: Session) -> CheckReport:
    """Every invariant, read in the session's one transaction."""
    report = CheckReport({row.__tablename__: s.scalar(select(func.count()).select_from(row))
                          for row in (DocumentRow, ActorRow, AliasRow, MentionRow, StructureRow, InteractionRow)})
    if s.get_bind().dialect.name == "sqlite":
        report.problems += _sqlite_problems(s)
    for what, query in _references() + _offsets() + _search_index():
        ids = s.scalars(query).all()
        if ids:
            shown = ", ".join(str(i) for i in ids[:_EXAMPLES])
            report.problems.append(f"{len(ids)} {what} (e.g. {shown})")
    return report
