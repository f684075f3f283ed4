"""A STIX 2.1 bundle -> ImportBatch: dyad's own exports exactly, other tools' as far as they say.

A bundle dyad exported carries its reading in ``x_dyad_*`` properties, so every claim
comes back with its id, type, certainty, time and evidence span. A bundle from
elsewhere (OpenCTI, MISP) is read by the STIX vocabulary: threat actors, intrusion sets
and identities become actors (matched to the knowledge base by name), relationships
between them claims of the nearest dyad type, with certainty from ``confidence`` and
the relationship's description as its evidence; a report that lists a relationship is
its document. Whatever has no dyad reading is listed in ``skipped``.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from dyad.kb import load_kb
from dyad.model import (
    IMPORTED,
    Actor,
    Document,
    Evidence,
    ImportBatch,
    Interaction,
    Place,
    StructureClaim,
    TimeSpan,
    content_id,
)
from dyad.nlp.names import fold
from dyad.ontology import CERTAINTY_CONFIDENCE
from dyad.store import structure_id

from .citations import cover_citations
from .dyad_json import IMPORT_CUE

ACTOR_OBJECTS = ("threat-actor", "intrusion-set", "identity")
# The dyad reading of relationship types other tools use between actors.
INTERACTION_OF = {"cooperates-with": "COORDINATION", "targets": "ATTACK", "attacks": "ATTACK"}
STRUCTURE_OF = {"part-of": "PART_OF"}
FOREIGN_CERTAINTY = "REPORTED"  # a claim with no confidence: someone else's word


def read_stix(bundle: dict[str, Any], source: Document) -> ImportBatch:
    objects = sorted(bundle.get("objects") or [], key=lambda o: o["id"])
    batch = ImportBatch(source=source)
    keys: dict[str, str] = {}
    for obj in objects:
        if obj["type"] in ACTOR_OBJECTS:
            actor = _actor(obj)
            keys[obj["id"]] = actor.key
            batch.actors.append(actor)
    cited_in: dict[str, str] = {}  # object id -> document id of the first report listing it
    for obj in objects:
        if obj["type"] == "report":
            doc = _document(obj, source)
            batch.documents.append(doc)
            for ref in obj.get("object_refs") or []:
                cited_in.setdefault(ref, doc.id)
    names = {o["id"]: o.get("name") for o in objects}
    for rel in objects:
        if rel["type"] == "relationship":
            _relationship(rel, keys, cited_in.get(rel["id"], source.id), names, batch)
        elif rel["type"] not in (*ACTOR_OBJECTS, "report", "location"):
            batch.skipped.append(f"{rel['id']}: a {rel['type']} has no dyad reading")
    cover_citations(batch)
    return batch


def _actor(obj: dict[str, Any]) -> Actor:
    aliases = list(obj.get("aliases") or obj.get("x_opencti_aliases") or [])
    if obj.get("x_dyad_key"):
        return Actor(key=obj["x_dyad_key"], name=obj["name"], type=obj["x_dyad_type"], aliases=aliases,
                     kb_id=obj.get("x_dyad_kb_id"), description=obj.get("description"))
    known = load_kb().lookup(obj["name"])
    if len(known) == 1:  # the knowledge base's identity, so text and import name one actor
        entry = known[0]
        return Actor(key=f"kb:{entry.id}", name=entry.name, type=entry.type, aliases=[obj["name"], *aliases],
                     kb_id=entry.id, description=obj.get("description"))
    if obj["type"] == "identity":
        kind = "PERSON" if obj.get("identity_class") == "individual" else "OTHER_ORG"
    else:
        kind = "ARMED_GROUP"
    return Actor(key=f"x:{fold(obj['name'])}", name=obj["name"], type=kind, aliases=aliases,
                 description=obj.get("description"))


def _document(report: dict[str, Any], source: Document) -> Document:
    given = report.get("x_dyad_document")
    if given:
        return Document(**given, text="", path=source.path, format=IMPORTED)
    url = next((r["url"] for r in report.get("external_references") or [] if r.get("url")), None)
    return Document(id=content_id("stix", report["id"]), name=report["name"], text="", path=source.path,
                    format=IMPORTED, title=report["name"], url=url, published=report["published"][:10])


def _relationship(rel: dict[str, Any], keys: dict[str, str], doc_id: str, names: dict[str, Any],
                  batch: ImportBatch) -> None:
    source, target = keys.get(rel["source_ref"]), keys.get(rel["target_ref"])
    kind = rel["relationship_type"]
    if source is None or target is None:
        batch.skipped.append(f"{rel['id']}: {kind} links something that is not an actor")
        return
    evidence = _evidence(rel, doc_id)
    if rel.get("x_dyad_structure") or kind in STRUCTURE_OF:
        times = rel.get("x_dyad_edge_time") or _times(rel)
        edge = StructureClaim(source=source, target=target, type=rel.get("x_dyad_structure") or STRUCTURE_OF[kind],
                              start=times.get("start"), end=times.get("end"), former=bool(rel.get("x_dyad_former")),
                              role=rel.get("x_dyad_role"), origin=IMPORTED, cue=rel.get("x_dyad_cue") or "",
                              evidence=evidence if evidence.text else None, provenance=batch.provenance)
        batch.structure.append((rel.get("x_dyad_claim_id") or structure_id(edge), edge))
        return
    code = rel.get("x_dyad_type") or INTERACTION_OF.get(kind)
    if code is None:
        batch.skipped.append(f"{rel['id']}: a {kind} relationship has no dyad interaction type")
        return
    time = rel.get("x_dyad_time") or _times(rel)
    claim = Interaction(
        source=source, target=target, type=code, certainty=rel.get("x_dyad_certainty") or _certainty(rel),
        evidence=evidence,
        time=TimeSpan(time.get("start"), time.get("end"), time.get("text") or "", IMPORT_CUE) if time else None,
        place=Place(**rel["x_dyad_place"]) if rel.get("x_dyad_place") else None,
        attributed_to=rel.get("x_dyad_attributed_to") or names.get(rel.get("created_by_ref")),
        cue=rel.get("x_dyad_cue") or f"stix:{kind}", trigger=rel.get("x_dyad_trigger") or "",
        via=rel.get("x_dyad_via"), confidence=rel.get("x_dyad_model_confidence"),
        origin=IMPORTED, provenance=batch.provenance,
    )
    batch.interactions.append((rel.get("x_dyad_claim_id") or content_id("stix", rel["id"]), claim))


def _evidence(rel: dict[str, Any], doc_id: str) -> Evidence:
    span = rel.get("x_dyad_evidence") or {"doc": doc_id, "start": 0, "end": 0}
    return Evidence(span["doc"], span["start"], span["end"], rel.get("description") or "")


def _times(rel: dict[str, Any]) -> dict[str, str]:
    """Day-precision dates of start_time and of the last day before stop_time."""
    times = {}
    if rel.get("start_time"):
        times["start"] = rel["start_time"][:10]
    if rel.get("stop_time"):
        stop = datetime.fromisoformat(rel["stop_time"].replace("Z", "+00:00"))
        times["end"] = (stop - timedelta(microseconds=1)).date().isoformat()
    return times


def _certainty(rel: dict[str, Any]) -> str:
    """The certainty whose confidence is nearest the relationship's."""
    if rel.get("confidence") is None:
        return FOREIGN_CERTAINTY
    return min(CERTAINTY_CONFIDENCE, key=lambda c: abs(CERTAINTY_CONFIDENCE[c] - rel["confidence"]))
