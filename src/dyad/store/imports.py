"""Write one imported file's claims as rows, inside a transaction the caller owns.

Imported rows go beside extracted ones and never replace them: a claim or edge id
already stored is left alone, so importing the same file twice adds nothing. The file
itself is stored as a document (format ``import``) that the aliases it gave are seen in;
the articles its claims cite are stored as stand-ins (metadata, no text) until the text
itself is ingested.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from dyad import ontology
from dyad.model import IMPORTED, Document, Extraction, ImportBatch

from .errors import StoreError
from .ingest import _interaction_row, _structure_row, _upsert_actor, journal_claims
from .search import index_sentences
from .schema import ActorRow, AliasRow, DocumentRow, InteractionRow, StructureRow


@dataclass
class ImportCounts:
    """What one import added (claims and edges already stored are not counted)."""

    actors: int = 0
    aliases: int = 0
    interactions: int = 0
    structure: int = 0
    skipped: list[str] = field(default_factory=list)  # what the file held that has no dyad reading

    def summary(self) -> str:
        return (f"imported {self.actors} actor(s), {self.aliases} alias(es), {self.interactions} claim(s), "
                f"{self.structure} structure edge(s); skipped {len(self.skipped)}")


def write_import(session: Session, batch: ImportBatch) -> ImportCounts:
    _check_codes(batch)
    counts = ImportCounts(skipped=list(batch.skipped))
    for doc in [batch.source, *batch.documents]:
        if session.get(DocumentRow, doc.id) is None:
            session.add(_stand_in(doc))
    stored = {row.key: row for row in session.scalars(
        select(ActorRow).where(ActorRow.key.in_({a.key for a in batch.actors})))}
    for actor in batch.actors:
        counts.actors += actor.key not in stored
        _upsert_actor(session, actor, stored.get(actor.key))
        stored.setdefault(actor.key, None)
    session.flush()  # documents and actors exist before rows that point at them
    known = set(map(tuple, session.execute(select(AliasRow.actor_key, AliasRow.alias)
                                           .where(AliasRow.doc_id == batch.source.id))))
    for actor in batch.actors:
        for alias in dict.fromkeys(actor.aliases):
            if (actor.key, alias) not in known:
                known.add((actor.key, alias))
                session.add(AliasRow(actor_key=actor.key, alias=alias, doc_id=batch.source.id, count=0))
                counts.aliases += 1
    structure, interactions = [], []
    for claim_id, claim in batch.structure:
        if session.get(StructureRow, claim_id) is None:
            structure.append(_structure_row(claim_id, claim))
            session.add(structure[-1])
    for claim_id, claim in batch.interactions:
        if session.get(InteractionRow, claim_id) is None:
            row = _interaction_row(claim)
            row.id = claim_id
            interactions.append(row)
            session.add(row)
    journal_claims(session, interactions, structure)
    counts.structure, counts.interactions = len(structure), len(interactions)
    session.flush()
    index_sentences(session, {claim.evidence.doc for _, claim in batch.interactions})
    return counts


def drop_imported_twins(session: Session, ex: Extraction) -> None:
    """Delete imported claims that the extraction of the text they cite makes again (same id:
    same span, pair and type): read from the text itself, the claim has its evidence."""
    twins = {x.id for x in ex.interactions}
    session.execute(delete(InteractionRow).where(InteractionRow.id.in_(twins), InteractionRow.origin == IMPORTED))


def _stand_in(doc: Document) -> DocumentRow:
    return DocumentRow(**doc.to_dict(), minhash=None, ingested_at=datetime.now(timezone.utc))


def _check_codes(batch: ImportBatch) -> None:
    try:
        for actor in batch.actors:
            ontology.check("actor_type", actor.type)
        for _, edge in batch.structure:
            ontology.check("structure", edge.type)
        for _, claim in batch.interactions:
            ontology.check("interaction", claim.type)
            ontology.check("certainty", claim.certainty)
    except ValueError as error:
        raise StoreError(f"{error} (in {batch.source.name}); fix the file or map the code") from error
