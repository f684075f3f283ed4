"""Training examples: every sentence where a candidate pair of actors meets, with what it says.

A row is one ordered pair of actors in one sentence. It is a positive for a type when
the pair stands for the two actors of a gold interaction of that type that happened and
the analyst's evidence for it is that sentence; every other row of the same document is
a negative for it. The document-level view the evaluation counts (one claim per pair
and type) is kept beside the rows, as are the gold interactions no candidate pair
reaches, so that figures and thresholds are measured against everything the analyst
read, not only what the pipeline could see.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from dyad.learn.claims import reading_pairs
from dyad.learn.gold import GoldDocument, GoldKey
from dyad.nlp.names import fold
from dyad.nlp.reading import Reading
from dyad.ontology import INTERACTION_TYPES, SYMMETRIC

TYPES: tuple[str, ...] = tuple(INTERACTION_TYPES)
Pair = tuple[str, str]


@dataclass
class DocExamples:
    """The candidate rows of one annotated document."""

    stem: str
    region: str | None
    pairs: list[Pair] = field(default_factory=list)  # per row
    features: list[frozenset[str]] = field(default_factory=list)  # per row
    hits: list[dict[str, set[GoldKey]]] = field(default_factory=list)  # per row: type -> keys told there
    pair_hits: dict[Pair, dict[str, set[GoldKey]]] = field(default_factory=dict)  # type -> keys it stands for
    gold: set[GoldKey] = field(default_factory=set)
    proposals: object = None  # cached (rows, types) mask of the rules' proposals (dyad.learn.fit)

    def label(self, row: int, kind: str) -> bool:
        return bool(self.hits[row].get(kind))

    def told_elsewhere(self, row: int, kind: str) -> bool:
        """Whether the row's pair stands for a gold interaction of this type whose evidence is
        another sentence. Such a row is no clean negative: the sentence may say it again."""
        return not self.hits[row].get(kind) and bool(self.pair_hits[self.pairs[row]].get(kind))


def stands_for(gold: GoldDocument, source_ids: set[str], target_ids: set[str]) -> dict[str, set[GoldKey]]:
    """Gold interactions, by type, that a claim between actors standing for these ids hits."""
    out = {}
    for kind in TYPES:
        keys = gold.matches(kind, source_ids, target_ids)
        if kind in SYMMETRIC:
            keys |= gold.matches(kind, target_ids, source_ids)
        if keys:
            out[kind] = keys
    return out


def doc_examples(reading: Reading, gold: GoldDocument) -> DocExamples:
    names = {k: {fold(n) for n in [a.name, *a.aliases] if fold(n)} for k, a in reading.actors.items()}
    ids = {k: gold.ids_for(n) for k, n in names.items()}
    out = DocExamples(gold.stem, gold.region, gold=set(gold.keys))
    for pair in reading_pairs(reading):
        key = (pair.source, pair.target)
        hits = stands_for(gold, ids.get(pair.source, set()), ids.get(pair.target, set()))
        out.pair_hits[key] = hits
        for view in pair.sentences:
            sent = reading.sentences[view.index]
            told = {k for k, spans in gold.spans.items()
                    if any(a < sent.end_char and b > sent.start_char for a, b in spans)}
            out.pairs.append(key)
            out.features.append(pair.features(view))
            out.hits.append({kind: keys & told for kind, keys in hits.items() if keys & told})
    return out


def reachable(docs: list[DocExamples]) -> tuple[int, int]:
    """(gold interactions some candidate pair stands for, all gold interactions)."""
    hit = sum(len({k for h in d.pair_hits.values() for ks in h.values() for k in ks}) for d in docs)
    return hit, sum(len(d.gold) for d in docs)
