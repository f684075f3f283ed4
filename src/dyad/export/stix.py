"""The store as a STIX 2.1 bundle, for threat-intelligence platforms (OpenCTI, MISP).

Object choices follow OpenCTI's mapping: armed groups are ``threat-actor`` (its Threat
Actor Group), people ``identity`` of class individual, states, forces and other bodies
``identity`` of class organization (aliases in OpenCTI's ``x_opencti_aliases``, since a
STIX identity has none), places ``location``, documents ``report``, and every claim a
``relationship`` whose type is one OpenCTI allows between those objects, else
``related-to``. dyad's own reading of each object travels in ``x_dyad_*`` properties, so
that ``dyad import`` gets back exactly what was exported.

Ids are UUIDv5 of dyad's stable ids (the validator's uuid-check prefers v4: a re-export
must give the same ids), and every object carries the store's last change as its
created/modified stamp, so re-exporting an unchanged store gives the same bundle.
"""
from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta, timezone
from typing import Any

import stix2

from dyad.model import Document, Place
from dyad.ontology import CERTAINTY_CONFIDENCE, INTERACTION_TYPES
from dyad.store import ActorView, InteractionView, Store, StructureView

NAMESPACE = uuid.UUID("3d1f7a52-5b8e-4c36-9d0e-6f2b1c7a9e41")  # dyad's, for uuid5 ids
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)  # the stamp of an empty store

# Relationship types OpenCTI accepts between two kinds of object, by dyad polarity or
# structure code; pairs and codes not listed are exported as "related-to".
RELATIONSHIP_TYPES: dict[tuple[str, str], dict[str, str]] = {
    ("threat-actor", "threat-actor"): {"coop": "cooperates-with", "PART_OF": "part-of"},
    ("threat-actor", "identity"): {"hostile": "targets"},
    ("identity", "identity"): {"PART_OF": "part-of"},
}


def stix_id(kind: str, dyad_id: str) -> str:
    """The STIX id of a dyad thing: the same on every export."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{dyad_id}')}"


def stix_kind(actor_type: str) -> str:
    return "threat-actor" if actor_type == "ARMED_GROUP" else "identity"


def export_stix(store: Store) -> dict[str, Any]:
    """Every actor, place, document and claim of the store as one bundle (JSON-ready)."""
    stamp = store.last_change() or EPOCH
    actors = {a.key: a for a in store.actors()}
    refs = {key: stix_id(stix_kind(a.type), key) for key, a in actors.items()}
    objects: dict[str, Any] = {}
    for actor in actors.values():
        objects[refs[actor.key]] = _actor(actor, refs[actor.key], stamp)
    by_doc: dict[str, set[str]] = {}
    for claim in store.interactions():
        location = _location(claim.place, stamp) if claim.place else None
        if location is not None:
            objects.setdefault(location.id, location)
        rel = _interaction(claim, refs, actors, location.id if location else None, stamp)
        objects[rel.id] = rel
        by_doc.setdefault(claim.evidence.doc, set()).update(
            [rel.id, rel.source_ref, rel.target_ref, *([location.id] if location else [])])
    for edge in store.structure():
        if edge.source in refs and edge.target in refs:
            rel = _structure(edge, refs, actors, stamp)
            objects[rel.id] = rel
            if edge.evidence:
                by_doc.setdefault(edge.evidence.doc, set()).update([rel.id, rel.source_ref, rel.target_ref])
    for doc in store.documents():
        if by_doc.get(doc.id):
            report = _report(doc, sorted(by_doc[doc.id]), stamp)
            objects[report.id] = report
    ordered = [objects[i] for i in sorted(objects)]
    bundle = stix2.v21.Bundle(objects=ordered, id=stix_id("bundle", ",".join(sorted(objects))), allow_custom=True)
    return json.loads(bundle.serialize())


def interval(start: str | None, end: str | None) -> dict[str, str]:
    """STIX start_time / stop_time of an ISO-prefix interval: its first instant and the first
    instant after its end prefix, so the two are strictly ordered as STIX requires."""
    times = {}
    if start:
        times["start_time"] = _instant(start)
    if end:
        times["stop_time"] = _instant(_after(end))
    if "start_time" in times and "stop_time" in times and times["stop_time"] <= times["start_time"]:
        del times["stop_time"]
    return times


def _instant(prefix: str) -> str:
    year, month, day = (prefix.split("-") + ["01", "01"])[:3]
    return f"{year}-{month}-{day}T00:00:00Z"


def _after(prefix: str) -> str:
    """The ISO prefix just after ``prefix``, at its own precision ('2018-12' -> '2019-01')."""
    parts = [int(p) for p in prefix.split("-")]
    if len(parts) == 1:
        return f"{parts[0] + 1:04d}"
    if len(parts) == 2:
        year, month = parts[0] + parts[1] // 12, parts[1] % 12 + 1
        return f"{year:04d}-{month:02d}"
    return (date(*parts) + timedelta(days=1)).isoformat()


def _custom(**values: Any) -> dict[str, Any]:
    """``x_dyad_*`` properties, without the empty ones (STIX has no null)."""
    return {f"x_dyad_{k}": v for k, v in values.items() if v not in (None, "", [], {})}


def _actor(actor: ActorView, id: str, stamp: datetime):
    aliases = [a.alias for a in actor.aliases]
    common = dict(id=id, name=actor.name, created=stamp, modified=stamp, description=actor.description,
                  allow_custom=True, **_custom(key=actor.key, type=actor.type, kb_id=actor.kb_id))
    if stix_kind(actor.type) == "threat-actor":
        return stix2.v21.ThreatActor(aliases=aliases or None, **common)
    identity_class = "individual" if actor.type == "PERSON" else "organization"
    return stix2.v21.Identity(identity_class=identity_class, **common,
                              **({"x_opencti_aliases": aliases} if aliases else {}))


def _location(place: Place, stamp: datetime):
    """A location, when the place is pinned down enough for STIX (a country or coordinates)."""
    coordinates = place.lat is not None and place.lon is not None
    if not (place.country or coordinates):
        return None
    return stix2.v21.Location(
        id=stix_id("location", f"{place.name}|{place.country}"), name=place.name, country=place.country,
        latitude=place.lat if coordinates else None, longitude=place.lon if coordinates else None,
        created=stamp, modified=stamp, allow_custom=True, **_custom(geonameid=place.geonameid))


def _relationship_type(source: ActorView, target: ActorView, code: str) -> str:
    choices = RELATIONSHIP_TYPES.get((stix_kind(source.type), stix_kind(target.type)), {})
    polarity = INTERACTION_TYPES[code].polarity if code in INTERACTION_TYPES else None
    return choices.get(code) or choices.get(polarity) or "related-to"


def _interaction(claim: InteractionView, refs: dict[str, str], actors: dict[str, ActorView],
                 location: str | None, stamp: datetime):
    time = claim.time
    ev = claim.evidence
    return stix2.v21.Relationship(
        id=stix_id("relationship", claim.id), source_ref=refs[claim.source], target_ref=refs[claim.target],
        relationship_type=_relationship_type(actors[claim.source], actors[claim.target], claim.type),
        description=ev.text, confidence=CERTAINTY_CONFIDENCE[claim.certainty],
        created=stamp, modified=stamp, allow_custom=True,
        **(interval(time.start, time.end) if time else {}),
        **_custom(claim_id=claim.id, type=claim.type, plover=INTERACTION_TYPES[claim.type].plover,
                  certainty=claim.certainty, attributed_to=claim.attributed_to,
                  time={"start": time.start, "end": time.end, "text": time.text} if time else None,
                  evidence={"doc": ev.doc, "start": ev.start, "end": ev.end},
                  place=claim.place.to_dict() if claim.place else None, location_ref=location,
                  cue=claim.cue, trigger=claim.trigger, via=claim.via, model_confidence=claim.confidence,
                  origin=claim.origin, provenance=claim.provenance),
    )


def _structure(edge: StructureView, refs: dict[str, str], actors: dict[str, ActorView], stamp: datetime):
    ev = edge.evidence
    return stix2.v21.Relationship(
        id=stix_id("relationship", edge.id), source_ref=refs[edge.source], target_ref=refs[edge.target],
        relationship_type=_relationship_type(actors[edge.source], actors[edge.target], edge.type),
        description=ev.text if ev else None, created=stamp, modified=stamp, allow_custom=True,
        **interval(edge.start, edge.end),
        **_custom(claim_id=edge.id, structure=edge.type, former=edge.former or None, role=edge.role,
                  edge_time={"start": edge.start, "end": edge.end},
                  evidence={"doc": ev.doc, "start": ev.start, "end": ev.end} if ev else None,
                  origin=edge.origin, cue=edge.cue, provenance=edge.provenance),
    )


def _report(doc: Document, refs: list[str], stamp: datetime):
    published = _instant(doc.published) if doc.published else EPOCH
    links = [{"source_name": doc.source or "web", "url": doc.url}] if doc.url else None
    return stix2.v21.Report(
        id=stix_id("report", doc.id), name=doc.title or doc.name, published=published, object_refs=refs,
        created=stamp, modified=stamp, external_references=links, allow_custom=True,
        x_dyad_document={k: v for k, v in (
            ("id", doc.id), ("name", doc.name), ("title", doc.title), ("source", doc.source), ("url", doc.url),
            ("published", doc.published), ("published_inferred", doc.published_inferred),
            ("near_duplicate_of", doc.near_duplicate_of)) if v is not None},
    )
