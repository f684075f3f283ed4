"""Stand-ins for what an imported file's claims cite but the file does not list, so every
claim points at a stored document and stored actors."""
from __future__ import annotations

from dyad.model import IMPORTED, Actor, Document, ImportBatch


def cover_citations(batch: ImportBatch) -> None:
    docs = {d.id for d in (batch.source, *batch.documents)}
    spans = [c.evidence for _, c in batch.interactions] + [c.evidence for _, c in batch.structure if c.evidence]
    for ev in spans:
        if ev.doc not in docs:
            docs.add(ev.doc)
            batch.documents.append(Document(id=ev.doc, name=ev.doc, text="", path=batch.source.path, format=IMPORTED))
    keys = {a.key for a in batch.actors}
    for _, claim in [*batch.interactions, *batch.structure]:
        for key in (claim.source, claim.target):
            if key not in keys:
                keys.add(key)
                batch.actors.append(Actor(key=key, name=key.split(":", 1)[-1], type="OTHER_ORG"))
