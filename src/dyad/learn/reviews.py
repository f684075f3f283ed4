"""Analysts' reviews as training rows: their corrections teach the model their theatre.

Every reviewed claim names a pair of actors in one sentence of a stored document. That
document is read again with the same pipeline; the rows of the reviewed pairs in those
sentences become examples: an accepted claim, or an edited one in its corrected form,
is a positive of its type; a rejected claim is a negative of its type. A row nobody
reviewed is left out, since silence is no judgement.
"""
from __future__ import annotations

from collections import defaultdict

from dyad.learn.claims import reading_pairs
from dyad.learn.dataset import DocExamples
from dyad.ontology import SYMMETRIC

REGION = "reviews"  # the reviewed documents form a group of their own in cross-validation


def review_examples(store, extractor) -> list[DocExamples]:
    """Rows of the reviewed claims of a store, one :class:`DocExamples` per document."""
    reviewed = [x for x in store.interactions(include_rejected=True) if x.review in ("ACCEPT", "REJECT", "EDIT")]
    by_doc = defaultdict(list)
    for x in reviewed:
        by_doc[x.evidence.doc].append(x)
    documents = [d for d in (store.document(doc_id) for doc_id in sorted(by_doc)) if d is not None]
    out = []
    canonical: dict[str, str] = {}

    def canon(key: str) -> str:
        if key not in canonical:
            actor = store.actor(key)
            canonical[key] = actor.key if actor is not None else key
        return canonical[key]

    for reading in extractor.readings(documents):
        claims = by_doc[reading.document.id]
        examples = DocExamples(reading.document.name, REGION)
        for pair in reading_pairs(reading):
            ends = (canon(pair.source), canon(pair.target))
            for view in pair.sentences:
                sent = reading.sentences[view.index]
                here = [x for x in claims if x.evidence.start < sent.end_char and x.evidence.end > sent.start_char
                        and ((x.source, x.target) == ends or x.type in SYMMETRIC and (x.target, x.source) == ends)]
                if not here:
                    continue
                hits = {x.type: {("review", x.id)} for x in here if x.review != "REJECT"}
                examples.pairs.append((pair.source, pair.target))
                examples.features.append(pair.features(view))
                examples.hits.append(hits)
                for kind, keys in hits.items():
                    examples.pair_hits.setdefault((pair.source, pair.target), {}).setdefault(kind, set()).update(keys)
                    examples.gold |= keys
                examples.pair_hits.setdefault((pair.source, pair.target), {})
        if examples.pairs:
            out.append(examples)
    return out
