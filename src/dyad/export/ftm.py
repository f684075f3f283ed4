"""The store as FollowTheMoney entities, for OCCRP Aleph and the ``ftm`` tools.

People are ``Person``, states and their forces ``PublicBody``, every other actor an
``Organization``, each with its aliases; documents are ``Article`` entities. A person's
MEMBER_OF or LEADER_OF edge is a ``Membership`` (the leader's with role "leader"), other
structure and every claim an ``UnknownLink`` whose role names the dyad type (and
PLOVER code), with the claim's dates, its sentence as description and its document as
``proof``. Ids are FtM's hashes of dyad's stable ids, so a re-export is the same.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from followthemoney import model

from dyad.ontology import INTERACTION_TYPES
from dyad.store import Store

SCHEMA_OF = {"PERSON": "Person", "STATE": "PublicBody", "STATE_FORCE": "PublicBody"}
MEMBERSHIP = {"MEMBER_OF": "member", "LEADER_OF": "leader"}


def export_ftm(store: Store) -> Iterator[dict[str, Any]]:
    """One FtM entity dict after another (write one JSON object a line)."""
    actors = {a.key: a for a in store.actors()}
    ids: dict[str, str] = {}
    for actor in actors.values():
        entity = _entity(SCHEMA_OF.get(actor.type, "Organization"), "actor", actor.key)
        entity.add("name", actor.name)
        entity.add("alias", [a.alias for a in actor.aliases])
        entity.add("description", actor.description)
        ids[actor.key] = entity.id
        yield entity.to_dict()
    docs = {}
    for doc in store.documents():
        entity = _entity("Article", "document", doc.id)
        entity.add("title", doc.title or doc.name)
        entity.add("fileName", doc.name)
        entity.add("publishedAt", doc.published)
        entity.add("sourceUrl", doc.url)
        entity.add("publisher", doc.source)
        docs[doc.id] = entity.id
        yield entity.to_dict()
    for edge in store.structure():
        if edge.source not in ids or edge.target not in ids:
            continue
        person = actors[edge.source].type == "PERSON"
        if edge.type in MEMBERSHIP and person:
            link = _entity("Membership", "structure", edge.id)
            link.add("member", ids[edge.source])
            link.add("organization", ids[edge.target])
            link.add("role", edge.role or MEMBERSHIP[edge.type])
        else:
            link = _entity("UnknownLink", "structure", edge.id)
            link.add("subject", ids[edge.source])
            link.add("object", ids[edge.target])
            link.add("role", edge.type)
        link.add("startDate", edge.start)
        link.add("endDate", edge.end)
        if edge.evidence:
            link.add("description", edge.evidence.text)
            link.add("proof", docs.get(edge.evidence.doc))
        yield link.to_dict()
    for claim in store.interactions():
        link = _entity("UnknownLink", "claim", claim.id)
        link.add("subject", ids[claim.source])
        link.add("object", ids[claim.target])
        plover = INTERACTION_TYPES[claim.type].plover
        link.add("role", f"{claim.type} ({plover})" if plover else claim.type)
        if claim.time:
            link.add("startDate", claim.time.start)
            link.add("endDate", claim.time.end)
        link.add("description", claim.evidence.text)
        link.add("summary", f"{claim.certainty}" + (f", according to {claim.attributed_to}"
                                                    if claim.attributed_to else ""))
        link.add("proof", docs.get(claim.evidence.doc))
        link.add("status", claim.provenance or "read from text")
        link.add("recordId", claim.id)
        yield link.to_dict()


def _entity(schema: str, kind: str, dyad_id: str):
    entity = model.make_entity(schema)
    entity.make_id("dyad", kind, dyad_id)
    return entity
