"""The annotated corpus: gold files beside their texts, and how system actors meet them.

A gold file (``<id>.gold.json`` beside ``<id>.txt``; format in ``shared/eval/README.md``)
lists a document's actors with their names and aliases, its structure and the
interactions an analyst read in it. Training needs to know, for every candidate pair
of actors the pipeline found, which gold interactions it stands for. The rule is the
evaluation's own: a system actor is a gold actor when a name or alias of one equals a
name or alias of the other after folding, and a gold actor also answers for its
PART_OF parent or child.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from dyad.nlp.names import fold
from dyad.ontology import INTERACTION_TYPES, SYMMETRIC, happened

GoldKey = tuple[str, str, str]  # (type, source id, target id); ends sorted for symmetric types


def gold_key(kind: str, source: str, target: str) -> GoldKey:
    return (kind, *sorted((source, target))) if kind in SYMMETRIC else (kind, source, target)


@dataclass
class GoldDocument:
    stem: str
    text_path: Path
    region: str | None
    published: str | None
    names: dict[str, set[str]]  # gold actor id -> folded names and aliases
    types: dict[str, str]
    related: dict[str, set[str]]  # id -> itself and its PART_OF parents and children
    keys: set[GoldKey] = field(default_factory=set)  # interactions that happened
    spans: dict[GoldKey, list[tuple[int, int]]] = field(default_factory=dict)  # evidence offsets in the text

    def ids_for(self, names: set[str]) -> set[str]:
        """Gold actors (with their PART_OF relatives) that a system actor's names stand for."""
        return {r for gid, gn in self.names.items() if gn & names for r in self.related[gid]}

    def matches(self, kind: str, source_ids: set[str], target_ids: set[str]) -> set[GoldKey]:
        """Gold interactions a claim of ``kind`` between actors standing for these ids hits."""
        keys = {gold_key(kind, s, t) for s in source_ids for t in target_ids if s != t}
        return keys & self.keys


class GoldError(ValueError):
    pass


def read_gold(path: Path) -> GoldDocument:
    """One gold file; a file that breaks the format is an error naming it and what is wrong."""
    stem = path.name.removesuffix(".gold.json")
    text = path.with_name(stem + ".txt")
    try:
        g = json.loads(path.read_text(encoding="utf-8"))
        actors = g["actors"]
        names = {a["id"]: {fold(n) for n in [a["name"], *a.get("aliases", [])] if fold(n)} for a in actors}
        types = {a["id"]: a["type"] for a in actors}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GoldError(f"E620 {path}: not a gold file ({type(exc).__name__}: {exc})") from None
    if not text.exists():
        raise GoldError(f"E621 {path}: its text {text.name} is missing beside it")
    related = {a: {a} for a in names}
    for s in g.get("structure", []):
        if s.get("type") == "PART_OF" and s.get("source") in related and s.get("target") in related:
            related[s["source"]].add(s["target"])
            related[s["target"]].add(s["source"])
    keys, spans = set(), {}
    body = text.read_text(encoding="utf-8")
    for x in g.get("interactions", []):
        if x.get("type") not in INTERACTION_TYPES or x.get("source") not in names or x.get("target") not in names:
            raise GoldError(f"E622 {path}: interaction {x.get('type')} {x.get('source')}->{x.get('target')} "
                            f"names an unknown type or actor")
        if happened(x.get("certainty", "ASSERTED")):
            key = gold_key(x["type"], x["source"], x["target"])
            keys.add(key)
            at = body.find(x.get("evidence") or "\0")
            if at >= 0:
                spans.setdefault(key, []).append((at, at + len(x["evidence"])))
    doc = g.get("doc", {})
    return GoldDocument(stem, text, doc.get("region"), doc.get("published"), names, types, related, keys, spans)


def read_corpus(*folders: str | Path) -> list[GoldDocument]:
    """Every gold file under the folders, sorted by name (training is deterministic)."""
    out = []
    for folder in folders:
        paths = sorted(Path(folder).glob("*.gold.json"))
        if not paths:
            raise GoldError(f"E623 {folder}: no *.gold.json files; point at a folder of annotated documents")
        out += [read_gold(p) for p in paths]
    return out
