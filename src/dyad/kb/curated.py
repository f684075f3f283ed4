"""The store's actors as a knowledge-base YAML file, and such a file into a store.

``dyad kb export`` writes the actors as the analyst curated them (merges folded in,
renames and aliases applied) with their structure, in the format of the built-in files,
so the file can be reviewed, shared, given to ``dyad ingest --kb`` or imported into
another store with ``dyad kb import``. A name two entries share is listed under both
entries' ``ambiguous_aliases``, as the loader requires; an alias the built-in KB gives
another entry is left out, so the file always loads beside the built-in one.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from dyad.model import IMPORTED, Actor, Document, ImportBatch, StructureClaim, content_id
from dyad.store import Store, structure_id

from . import _read_file, load_kb, normalise_name


def kb_entries(store: Store) -> list[dict[str, Any]]:
    """One YAML-ready entry per actor in the store, sorted by id."""
    actors = store.actors()
    ids = _entry_ids(actors)
    builtin = load_kb()
    names: dict[str, list[str]] = {}
    for actor in actors:
        forms = [actor.name, *(a.alias for a in actor.aliases)]
        if not actor.kb_id:
            forms = [f for f in forms if all(e.id == ids[actor.key] for e in builtin.lookup(f))]
        names[actor.key] = list(dict.fromkeys(forms))
    owners = Counter(normalise_name(f) for forms in names.values() for f in {normalise_name(x) for x in forms})
    edges: dict[str, dict[tuple, dict[str, Any]]] = {}
    for edge in store.structure():
        if edge.source in ids and edge.target in ids:
            found = edges.setdefault(edge.source, {}).setdefault((edge.type, ids[edge.target]), {})
            found.setdefault("start", edge.start)
            found.setdefault("end", edge.end)
            found["start"], found["end"] = found["start"] or edge.start, found["end"] or edge.end
    entries = []
    for actor in actors:
        name, *aliases = names[actor.key] or [actor.name]
        shared = [a for a in aliases if owners[normalise_name(a)] > 1]
        entry: dict[str, Any] = {"id": ids[actor.key], "name": name, "type": actor.type}
        entry.update({k: v for k, v in (("aliases", [a for a in aliases if a not in shared]),
                                        ("ambiguous_aliases", shared)) if v})
        structure = [{"type": t, "target": target, **{k: v for k, v in dates.items() if v}}
                     for (t, target), dates in sorted(edges.get(actor.key, {}).items())]
        if structure:
            entry["structure"] = structure
        entries.append(entry)
    return sorted(entries, key=lambda e: e["id"])


def dump_kb(entries: list[dict[str, Any]]) -> str:
    return yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=120)


def kb_batch(path: str | Path) -> ImportBatch:
    """A knowledge-base file as an import: ``kb:<id>`` actors, their names, their structure.

    The file is validated as ``--kb`` would (beside the built-in KB) before anything is read.
    """
    path = Path(path)
    load_kb([path])
    text = path.read_text(encoding="utf-8")
    source = Document(id=content_id("import", text), name=path.name, text="", path=str(path), format=IMPORTED,
                      title=f"imported from {path.name}")
    batch = ImportBatch(source=source)
    for entry in _read_file(text, str(path)):
        batch.actors.append(Actor(key=f"kb:{entry.id}", name=entry.name, type=entry.type, kb_id=entry.id,
                                  aliases=[*entry.aliases, *entry.ambiguous_aliases]))
        for edge in entry.structure:
            claim = StructureClaim(source=f"kb:{entry.id}", target=f"kb:{edge.target}", type=edge.type,
                                   start=edge.start, end=edge.end, origin="kb", provenance=batch.provenance)
            batch.structure.append((structure_id(claim), claim))
    return batch


def _entry_ids(actors: list) -> dict[str, str]:
    """An entry id per actor key: its KB id, else a slug of its name, made unique."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for actor in sorted(actors, key=lambda a: (a.kb_id is None, a.key)):
        base = actor.kb_id or re.sub(r"[^a-z0-9]+", "_", normalise_name(actor.name)).strip("_") or "actor"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}_{n}"
        taken.add(candidate)
        ids[actor.key] = candidate
    return ids
