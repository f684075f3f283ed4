"""The store as one JSON document in the schema the evaluation scorer reads.

Everything comes from the store's judgement-applied views, so an export shows the
analyst's merges and reviews; ordering is fixed so that two exports of one store are equal.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

import orjson

from dyad.store import ActorView, Store, StructureView

# as the CLI's as_json: two-space indent, UTF-8 as is, str() of what JSON has no type for
TEXT_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def export_json(store: Store, dyads: Iterable[dict[str, Any]] | None = None) -> dict[str, Any]:
    """documents, actors, structure, interactions and the given dyads (computed elsewhere)."""
    return {section: list(items) for section, items in export_sections(store, dyads).items()}


def export_sections(store: Store, dyads: Iterable[dict[str, Any]] | None = None) -> dict[str, Iterable[dict]]:
    """The sections of ``export_json``, each an iterable of its items made one at a time as it
    is read (a section's rows are read from the store when it is reached), so that
    ``write_export`` never holds every item's dict: a million claims' are gigabytes."""
    actors = sorted(store.actors(), key=lambda a: a.key)
    return {
        "documents": _documents(store),
        "actors": map(_actor, actors),
        "structure": _structure(store.structure(), {a.key for a in actors}),
        "interactions": _interactions(store),
        "dyads": iter(dyads or ()),
    }


def _documents(store: Store) -> Iterator[dict[str, Any]]:
    for d in store.documents():
        yield {"id": d.id, "name": d.name, "published": d.published, "title": d.title, "source": d.source,
               "url": d.url, "published_inferred": d.published_inferred, "near_duplicate_of": d.near_duplicate_of}


def _actor(a: ActorView) -> dict[str, Any]:
    return {"id": a.key, "name": a.name, "type": a.type, "aliases": [s.alias for s in a.aliases], "kb_id": a.kb_id}


def _interactions(store: Store) -> Iterator[dict[str, Any]]:
    for x in store.interactions():
        yield {"id": x.id, "source": x.source, "target": x.target, "type": x.type, "certainty": x.certainty,
               "attributed_to": x.attributed_to,
               "time": {"start": x.time.start, "end": x.time.end, "text": x.time.text} if x.time else None,
               "place": x.place.to_dict() if x.place else None,
               "cue": x.cue, "trigger": x.trigger, "via": x.via, "confidence": x.confidence,
               "origin": x.origin, "provenance": x.provenance, "evidence": [x.evidence.to_dict()]}


def export_text(export: dict[str, Any]) -> str:
    """The export as ``dyad export`` writes it, the text ``as_json`` gives, by orjson: json's
    indenting encoder is pure Python (4 s of a 100,000-claim store's export; orjson 0.2 s).
    The same after ``json.loads`` always; to the byte too, except a float under 1e-4, which
    orjson spells ``0.00001`` where json writes ``1e-05``."""
    return orjson.dumps(export, default=str, option=TEXT_OPTIONS).decode()


def write_export(sections: dict[str, Iterable[dict]], out: BinaryIO) -> None:
    """``export_text`` of the sections, to ``out`` in UTF-8, an item at a time: the same bytes
    without the whole text, nor every item, in memory at once. Each item is dumped alone and
    indented to its depth, two levels in (orjson escapes every newline inside a string, so
    each line of its output is one line of the whole)."""
    out.write(b"{")
    for n, (section, items) in enumerate(sections.items()):
        out.write(b"," if n else b"")
        out.write(b"\n  " + orjson.dumps(section) + b": [")
        empty = True
        for item in items:
            out.write(b"\n    " if empty else b",\n    ")
            out.write(orjson.dumps(item, default=str, option=TEXT_OPTIONS).replace(b"\n", b"\n    "))
            empty = False
        out.write(b"]" if empty else b"\n  ]")
    out.write(b"\n}" if sections else b"}")


def _structure(claims: list[StructureView], actor_ids: set[str]) -> list[dict[str, Any]]:
    """One edge per (type, source, target) between stored actors, with the evidence of every document.

    Edges the knowledge base holds say origin "kb" and prefer its curated dates to those read
    from text; edges with an end missing from the store are left out.
    """
    edges: dict[tuple[str, str, str], list[StructureView]] = {}
    for claim in claims:
        if claim.source in actor_ids and claim.target in actor_ids:
            edges.setdefault((claim.type, claim.source, claim.target), []).append(claim)
    exported = []
    for (type, source, target), group in sorted(edges.items()):
        group.sort(key=lambda c: c.origin != "kb")
        first = group[0]
        exported.append({
            "source": source, "target": target, "type": type,
            "start": next((c.start for c in group if c.start), None),
            "end": next((c.end for c in group if c.end), None),
            "former": first.former, "origin": first.origin, "cue": first.cue, "provenance": first.provenance,
            "evidence": [c.evidence.to_dict() for c in group if c.evidence],
        })
    return exported
