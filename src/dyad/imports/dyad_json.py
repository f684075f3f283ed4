"""dyad's own JSON export -> ImportBatch: every field the export carries comes back.

Claims keep their ids, documents theirs (as stand-ins without text), so exporting the
importing store gives the claims of the exporting one. The ``dyads`` section is not
read: periods are recomputed from the claims.
"""
from __future__ import annotations

from typing import Any

from dyad.model import IMPORTED, Actor, Document, Evidence, ImportBatch, Interaction, Place, StructureClaim, TimeSpan
from dyad.store import structure_id

from .citations import cover_citations

IMPORT_CUE = "import"  # the time cue of an imported claim: its time was given, not read


def read_dyad_json(data: dict[str, Any], source: Document) -> ImportBatch:
    batch = ImportBatch(source=source)
    batch.documents = [_document(d, source) for d in data.get("documents") or []]
    batch.actors = [Actor(key=a["id"], name=a["name"], type=a["type"], aliases=list(a.get("aliases") or []),
                          kb_id=a.get("kb_id")) for a in data["actors"]]
    for x in data["interactions"]:
        batch.interactions.append((x["id"], _interaction(x, batch)))
    for edge in data.get("structure") or []:
        for claim in _structure(edge, batch.provenance):
            batch.structure.append((structure_id(claim), claim))
    cover_citations(batch)
    return batch


def _document(d: dict[str, Any], source: Document) -> Document:
    return Document(id=d["id"], name=d.get("name") or d["id"], text="", path=source.path, format=IMPORTED,
                    title=d.get("title"), source=d.get("source"), url=d.get("url"), published=d.get("published"),
                    published_inferred=bool(d.get("published_inferred")), near_duplicate_of=d.get("near_duplicate_of"))


def _interaction(x: dict[str, Any], batch: ImportBatch) -> Interaction:
    time = x.get("time")
    spans = x.get("evidence") or [{"doc": batch.source.id, "start": 0, "end": 0, "text": ""}]
    return Interaction(
        source=x["source"], target=x["target"], type=x["type"], certainty=x["certainty"],
        evidence=Evidence(**spans[0]),
        time=TimeSpan(time.get("start"), time.get("end"), time.get("text") or "", IMPORT_CUE) if time else None,
        place=Place(**x["place"]) if x.get("place") else None, attributed_to=x.get("attributed_to"),
        cue=x.get("cue") or "", trigger=x.get("trigger") or "", via=x.get("via"), confidence=x.get("confidence"),
        origin=IMPORTED, provenance=batch.provenance,
    )


def _structure(edge: dict[str, Any], provenance: str) -> list[StructureClaim]:
    """One claim per evidence span the edge lists (one without evidence when it lists none)."""
    fields = dict(source=edge["source"], target=edge["target"], type=edge["type"], start=edge.get("start"),
                  end=edge.get("end"), former=bool(edge.get("former")), origin=IMPORTED, cue=edge.get("cue") or "",
                  provenance=provenance)
    return [StructureClaim(**fields, evidence=Evidence(**ev)) for ev in edge.get("evidence") or []] or \
        [StructureClaim(**fields)]
