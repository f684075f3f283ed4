"""Claims the relation model makes of a read document.

The model scores each candidate pair in each sentence where the two meet. A type whose
calibrated probability reaches the model's threshold in a sentence becomes a claim with
that sentence as its evidence; the sentence's trigger (or the word that joins the two
mentions) gives the claim's certainty, source and time. A symmetric type is one claim
per sentence, whichever way round the pair was read.
"""
from __future__ import annotations

from dyad.learn.model import RelationModel
from dyad.learn.pairs import PairCandidate, PairSentence, document_pairs
from dyad.model import Interaction
from dyad.nlp.mentions import Found
from dyad.nlp.reading import Reading, claim
from dyad.ontology import SYMMETRIC


def named(mention: Found) -> bool:
    """Whether a mention names its actor, rather than refers back to one ("it", "the group"):
    only names end candidate pairs. Under leave-one-region-out cross-validation, pairs
    through resolved references cost more precision than they add recall (interaction F1
    0.181 without them, 0.167 with; docs/quality.md); the role rules still read them."""
    return not mention.cue.startswith("coref") or mention.cue == "coref:short-name"


def reading_pairs(reading: Reading) -> list[PairCandidate]:
    """The candidate pairs of a read document, with its actors' types and structure."""
    types = {k: a.type for k, a in reading.actors.items()}
    structure = {(s.source, s.target, s.type) for s in reading.structure}
    same = {frozenset((p.keep, p.drop)) for p in reading.same_as}
    return document_pairs(reading.sdoc, [f for f in reading.found if named(f)], types, reading.rules, structure, same,
                          reading.countries)


ON_PATH = "+on-path"  # in a model claim's cue: a trigger word of its type joins the two mentions


def _anchor(s: PairSentence, kind: str) -> int:
    return next((i for i, t in s.triggers if t == kind), s.triggers[0][0] if s.triggers else s.anchor)


def model_claims(reading: Reading, model: RelationModel) -> list[Interaction]:
    scored = {}
    for pair in reading_pairs(reading):
        for view in pair.sentences:
            feats = pair.features(view)
            scored[(pair.source, pair.target, view.index)] = (view, feats, model.probabilities(feats),
                                                              model.thresholds(feats))
    out, memo = [], {}
    for (a, b, i), (view, feats, probs, needed) in scored.items():
        back = scored.get((b, a, i))
        for row, kind in enumerate(model.types):
            p = probs[row]
            if p < needed[row]:
                continue
            if kind in SYMMETRIC and back is not None and back[2][row] >= back[3][row] and (
                    back[2][row] > p or back[2][row] == p and b < a):
                continue  # the other reading of the pair carries it
            why = ", ".join(model.reasons(feats, kind))
            linked = ON_PATH if any(t == kind for _, t in view.triggers) else ""
            out.append(claim(a, b, kind, reading.sentences[i], reading.sdoc[_anchor(view, kind)], reading.clocks[i],
                             f"model:{kind}@{p:.2f}{linked} ({why})", reading.document.id, reading.judge(),
                             confidence=round(float(p), 3), memo=memo))
    return out
