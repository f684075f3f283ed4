"""Which state a generic reference means: "government forces", "the army", "the regime".

Reporting names a state's forces without the state far more often than with it, and
which state is meant is read from the document around the phrase: the state the sentence
names, the one named just before, the country the document's groups fight in, the
places it reports from. Each state the document gives evidence of is a candidate, with
those facts as features (:meth:`DocumentStates.candidates`); a small logistic model learned
from the annotated corpus (:mod:`dyad.learn.references`) scores them, and the best is
taken when its probability clears the learned threshold, else the phrase stays unlinked.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from dyad.nlp.places import lookup_place

NON_STATE_GROUPS = ("ARMED_GROUP", "POLITICAL_ORG", "TRIBE")  # whose KB theatres hint at the state
PLACE_LABELS = ("GPE", "LOC")
NEAR = 3  # sentences before the phrase that count as "just named"

FEATURES = ("in_sentence", "other_in_sentence", "named_near", "share", "log_count", "most_named",
            "first_named", "group_share", "place_share", "place_in_sentence", "only_candidate")


def state_of(found, index) -> str | None:
    """The KB state a mention stands for or belongs to: a state, or a force of one."""
    if found.type not in ("STATE", "STATE_FORCE"):
        return None
    if found.part_of and found.part_of.startswith("kb:"):
        return found.part_of.removeprefix("kb:")
    entry = index.kb.get(found.kb_id) if found.kb_id else None
    return entry_state(entry, index) if entry is not None else None


def entry_state(entry, index) -> str | None:
    """The state a KB entry is, or is the force of (its PART_OF parent, else its one country)."""
    if entry.type == "STATE":
        return entry.id
    if entry.type != "STATE_FORCE":
        return None
    parents = [e.target for e in entry.structure if e.type == "PART_OF"
               and getattr(index.kb.get(e.target), "type", None) == "STATE"]
    if len(parents) == 1:
        return parents[0]
    states = [index.state_by_iso(c) for c in entry.country]
    return states[0].id if len(states) == 1 and states[0] is not None else None


@dataclass
class DocumentStates:
    """What a document says of each state: where it is named, whose groups fight there,
    where its places lie. Built once per document from the mentions found so far."""

    named: dict[str, list[int]] = field(default_factory=dict)  # state id -> sentence indices
    groups: Counter = field(default_factory=Counter)  # state id -> group mentions placed there (weighted)
    places: dict[str, list[int]] = field(default_factory=dict)  # state id -> sentence indices of its places
    starts: list[int] = field(default_factory=list)  # first token of each sentence

    def sentence_of(self, token: int) -> int:
        return bisect_right(self.starts, token) - 1

    @classmethod
    def read(cls, doc: Doc, found: list, index) -> DocumentStates:
        """``found`` in text order, so ``named`` lists the states by first naming."""
        out = cls(starts=[s.start for s in doc.sents])
        sentence = out.sentence_of
        taken = set()
        for f in found:
            taken.update(range(f.start, f.end))
            state = state_of(f, index)
            if state is not None:
                out.named.setdefault(state, []).append(sentence(f.start))
            elif f.type in NON_STATE_GROUPS and f.kb_id:
                entry = index.kb.get(f.kb_id)
                states = [s for s in (index.state_by_iso(c) for c in (entry.country if entry else ())) if s]
                for s in states:
                    out.groups[s.id] += 1 / len(states)
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS or any(i in taken for i in range(ent.start, ent.end)):
                continue
            place = lookup_place(ent.text)
            state = index.state_by_iso(place.country) if place is not None and place.country else None
            if state is not None:
                out.places.setdefault(state.id, []).append(sentence(ent.start))
        return out

    def candidates(self, sent: int) -> dict[str, dict[str, float]]:
        """Each state in evidence, with the features of its being meant in sentence ``sent``."""
        ids = set(self.named) | set(self.groups) | set(self.places)
        counts = {s: len(v) for s, v in self.named.items()}
        total = sum(counts.values())
        top = max(counts.values(), default=0)
        group_total = sum(self.groups.values())
        place_total = sum(len(v) for v in self.places.values())
        here = {s for s, v in self.named.items() if sent in v}
        first = next(iter(self.named), None)
        out = {}
        for s in sorted(ids):
            n = counts.get(s, 0)
            out[s] = {
                "in_sentence": float(s in here),
                "other_in_sentence": float(bool(here - {s})),
                "named_near": float(any(sent - NEAR <= i < sent for i in self.named.get(s, ()))),
                "share": n / total if total else 0.0,
                "log_count": math.log1p(n),
                "most_named": float(n > 0 and n == top),
                "first_named": float(first == s),
                "group_share": self.groups[s] / group_total if group_total else 0.0,
                "place_share": len(self.places.get(s, ())) / place_total if place_total else 0.0,
                "place_in_sentence": float(sent in self.places.get(s, ())),
                "only_candidate": float(len(ids) == 1),
            }
        return out


@dataclass(frozen=True)
class StateLinker:
    """A logistic score over :data:`FEATURES`; the best candidate is linked when its
    probability reaches ``threshold``."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-z))

    def choose(self, candidates: dict[str, dict[str, float]]) -> str | None:
        scored = sorted(((self.probability(x), s) for s, x in candidates.items()), reverse=True)
        return scored[0][1] if scored and scored[0][0] >= self.threshold else None

    def link(self, phrase: Span, candidates: dict[str, dict[str, float]]) -> str | None:
        """The state ``phrase`` means (the phrase itself does not weigh: its context does)."""
        return self.choose(candidates)

    def to_dict(self) -> dict:
        return {"weights": dict(self.weights), "bias": self.bias, "threshold": self.threshold}

    @classmethod
    def from_dict(cls, d: dict) -> StateLinker:
        unknown = set(d["weights"]) - set(FEATURES)
        if unknown:
            raise ValueError(f"E614 the state linker names unknown features {sorted(unknown)}; retrain with `dyad train`")
        return cls({k: float(v) for k, v in d["weights"].items()}, float(d["bias"]), float(d["threshold"]))


def default_linker() -> StateLinker | None:
    """The linker shipped inside the relation model (none before one is trained)."""
    from dyad.learn.model import load_model  # the model file carries it; imported late (learn uses nlp)

    return load_model().linker
