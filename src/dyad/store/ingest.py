"""Write one document's extraction as rows, inside a transaction the caller owns.

Actors are shared by documents, so they are upserted: a knowledge-base identity beats a
guess from text, otherwise the first name and type seen stay. Everything else is new rows.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from dyad import ontology
from dyad.model import (
    Actor,
    Document,
    Extraction,
    Interaction,
    Mention,
    StructureClaim,
    content_id,
)

from .errors import StoreError
from .histories import ACTOR, PAIR, journal
from .search import index_sentences
from .schema import (
    ActorRow,
    AliasRow,
    DocumentRow,
    InteractionRow,
    MentionRow,
    StructureRow,
)

# Mentions that name their actor (others are "the group", "he"): their text is an alias.
NAMING_CUES = frozenset({"kb", "ner", "shape", "alias"})


def names_its_actor(mention: Mention) -> bool:
    """A name, or a demonym phrase that stands for a state or its force ("Indian security
    forces", "the Colombian government"): both are how the text calls the actor, so an analyst
    sees them among its aliases. A lone demonym used as a modifier ("Iranian-backed") is not."""
    return mention.cue in NAMING_CUES or (mention.cue == "demonym" and " " in mention.text)
T = TypeVar("T")


def structure_id(claim: StructureClaim) -> str:
    """Stable id of a structure claim: one per edge for the KB, one per evidence span for text."""
    ev = claim.evidence
    return content_id(claim.origin, ev.doc if ev else "", str(ev.start) if ev else "",
                      claim.source, claim.target, claim.type)


def write_extraction(session: Session, ex: Extraction, minhash: list[int] | None) -> None:
    _check_codes(ex)
    _check_actor_references(session, ex)
    session.merge(_document_row(ex.document, minhash))  # merge: fills in a stand-in an import left
    stored = {row.key: row for row in session.scalars(  # one query, not one per actor
        select(ActorRow).where(ActorRow.key.in_({a.key for a in ex.actors})))}
    for actor in ex.actors:
        _upsert_actor(session, actor, stored.get(actor.key))
    session.flush()  # documents and actors exist before rows that point at them
    session.add_all(_alias_rows(session, ex))
    session.add_all(MentionRow(doc_id=m.doc, start=m.start, end=m.end, text=m.text, actor_key=m.actor, cue=m.cue)
                    for m in ex.mentions)
    structure = _structure_rows(session, ex.structure)
    interactions = [_interaction_row(x) for x in _first_by_id(ex.interactions, lambda x: x.id).values()]
    session.add_all(structure)
    session.add_all(interactions)
    journal_claims(session, interactions, structure)
    session.flush()
    index_sentences(session, [ex.document.id])  # also drops sentences of imported twins deleted before


def journal_claims(session: Session, interactions: list[InteractionRow], structure: list[StructureRow]) -> None:
    """The histories new claims touch: their pairs; a structure edge's actors and their parents."""
    journal(session, PAIR, ((x.source, x.target) for x in interactions))
    journal(session, ACTOR, ((e.source, e.target) for e in structure))


def _first_by_id(claims: list[T], id_of: Callable[[T], str]) -> dict[str, T]:
    """Claims by id; the first of duplicates (one claim read twice) wins."""
    return {id_of(c): c for c in reversed(claims)}


def _check_codes(ex: Extraction) -> None:
    for actor in ex.actors:
        ontology.check("actor_type", actor.type)
    for claim in ex.structure:
        ontology.check("structure", claim.type)
    for x in ex.interactions:
        ontology.check("interaction", x.type)
        ontology.check("certainty", x.certainty)


def _check_actor_references(session: Session, ex: Extraction) -> None:
    referenced = {m.actor for m in ex.mentions} | {k for x in ex.interactions for k in (x.source, x.target)}
    unknown = referenced - {a.key for a in ex.actors}
    if unknown:
        unknown -= set(session.scalars(select(ActorRow.key).where(ActorRow.key.in_(unknown))))
    if unknown:
        raise StoreError(f"E408 document {ex.document.name!r} refers to actors {sorted(unknown)} that are neither "
                         f"in its Extraction.actors nor in the store: add them to Extraction.actors")


def _document_row(doc: Document, minhash: list[int] | None) -> DocumentRow:
    return DocumentRow(**doc.to_dict(), minhash=minhash, ingested_at=datetime.now(timezone.utc))


def _upsert_actor(session: Session, actor: Actor, row: ActorRow | None) -> None:
    if row is None:
        session.add(ActorRow(key=actor.key, name=actor.name, type=actor.type, kb_id=actor.kb_id,
                             description=actor.description))
        return
    if actor.kb_id and not row.kb_id:  # the knowledge base knows better than a guess from text
        if row.type != actor.type:  # a group now, or no longer one: its pairs change
            journal(session, ACTOR, [(actor.key, None)])
        row.name, row.type, row.kb_id = actor.name, actor.type, actor.kb_id
    row.description = row.description or actor.description


def _alias_rows(session: Session, ex: Extraction) -> list[AliasRow]:
    doc_id = ex.document.id
    seen = Counter((m.actor, m.text) for m in ex.mentions if names_its_actor(m))
    rows = [AliasRow(actor_key=key, alias=text, doc_id=doc_id, count=n) for (key, text), n in seen.items()]
    known_from_kb = set(map(tuple, session.execute(
        select(AliasRow.actor_key, AliasRow.alias)
        .where(AliasRow.doc_id.is_(None), AliasRow.actor_key.in_({a.key for a in ex.actors}))
    )))
    for actor in ex.actors:
        for alias in dict.fromkeys(actor.aliases):
            if (actor.key, alias) in seen:
                continue
            if actor.kb_id is None:  # learnt from this document without being named in a mention
                rows.append(AliasRow(actor_key=actor.key, alias=alias, doc_id=doc_id, count=0))
            elif (actor.key, alias) not in known_from_kb:
                known_from_kb.add((actor.key, alias))
                rows.append(AliasRow(actor_key=actor.key, alias=alias, doc_id=None, count=0))
    return rows


def _structure_rows(session: Session, claims: list[StructureClaim]) -> list[StructureRow]:
    by_id = _first_by_id(claims, structure_id)
    stored = set(session.scalars(select(StructureRow.id).where(StructureRow.id.in_(by_id))))
    return [_structure_row(i, c) for i, c in by_id.items() if i not in stored]


def _structure_row(claim_id: str, c: StructureClaim) -> StructureRow:
    ev = c.evidence
    return StructureRow(
        id=claim_id, source=c.source, target=c.target, type=c.type, start=c.start, end=c.end, former=c.former,
        role=c.role, origin=c.origin, cue=c.cue, doc_id=ev.doc if ev else None,
        ev_start=ev.start if ev else None, ev_end=ev.end if ev else None, ev_text=ev.text if ev else None,
        provenance=c.provenance,
    )


def _interaction_row(x: Interaction) -> InteractionRow:
    t, ev = x.time, x.evidence
    return InteractionRow(
        id=x.id, source=x.source, target=x.target, type=x.type, certainty=x.certainty,
        attributed_to=x.attributed_to,
        time_start=t.start if t else None, time_end=t.end if t else None,
        time_text=t.text if t else None, time_cue=t.cue if t else None,
        place=x.place.to_dict() if x.place else None,
        doc_id=ev.doc, ev_start=ev.start, ev_end=ev.end, ev_text=ev.text,
        cue=x.cue, trigger=x.trigger, via=x.via, confidence=x.confidence,
        origin=x.origin, provenance=x.provenance,
    )
