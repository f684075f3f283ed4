"""Learn where generic references point: which state "the army" or "the government" means.

Every generic phrase of an annotated document is read with the state candidates its
document gives (:mod:`dyad.nlp.state_reference`). The analyst's answer is taken from the
gold file: a STATE or STATE_FORCE actor listing the phrase among its aliases, else the
one such actor of an interaction whose evidence is the phrase's sentence and whom the
sentence does not name ("government forces" is an alias of "Syrian government forces"
too). Phrases with no answer teach nothing; a candidate is a positive
when it is the answer's state. One logistic regression scores candidates; its threshold
is the one that, on held-out regions, links the most phrases rightly net of those it links
wrongly.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np

from dyad.learn.fit import _require
from dyad.learn.gold import GoldDocument
from dyad.nlp.mentions import KBIndex, find_mentions
from dyad.nlp.names import fold
from dyad.nlp.state_reference import FEATURES, StateLinker, entry_state

STATE_TYPES = ("STATE", "STATE_FORCE")


@dataclass
class Phrase:
    """One generic phrase with its candidates and the state the analyst says it means."""

    stem: str
    region: str | None
    text: str
    candidates: dict[str, dict[str, float]]
    answer: str


class _Recorder:
    """A linker that links nothing and keeps what it was asked."""

    def __init__(self):
        self.asked = []

    def link(self, phrase, candidates):
        self.asked.append((phrase, candidates))
        return None


def gold_states(gold: GoldDocument, index: KBIndex) -> dict[str, str]:
    """Gold actor id -> the KB state it is or belongs to, for state actors the KB places."""
    out = {}
    for gid, kind in gold.types.items():
        if kind not in STATE_TYPES:
            continue
        states = {s for name in gold.names[gid] for e in index.kb.lookup(name) if (s := entry_state(e, index))}
        if len(states) == 1:
            out[gid] = states.pop()
    return out


def _answer(phrase, gold: GoldDocument, states: dict[str, str]) -> str | None:
    text = fold(phrase.text)
    by_alias = {states[g] for g in states if any(n == text or n.endswith(" " + text) for n in gold.names[g])}
    if by_alias:
        return by_alias.pop() if len(by_alias) == 1 else None
    sent = phrase.sent
    said = fold(sent.text)
    told = {side for key, spans in gold.spans.items()
            if any(a < sent.end_char and b > sent.start_char for a, b in spans) for side in key[1:]}
    unnamed = {states[g] for g in told if g in states and not any(n and n in said for n in gold.names[g])}
    return unnamed.pop() if len(unnamed) == 1 else None


def read_phrases(golds: Iterable[GoldDocument], nlp, index: KBIndex) -> list[Phrase]:
    """The answered generic phrases of the annotated documents."""
    from dyad.read.document import read_document

    golds = list(golds)
    docs = [read_document(g.text_path, published=g.published) for g in golds]
    out = []
    for sdoc, gold in zip(nlp.pipe(d.text for d in docs), golds):
        recorder = _Recorder()
        find_mentions(sdoc, index, linker=recorder)
        states = gold_states(gold, index)
        for phrase, candidates in recorder.asked:
            answer = _answer(phrase, gold, states)
            if answer is not None:
                out.append(Phrase(gold.stem, gold.region, phrase.text, candidates, answer))
    return out


def _rows(phrases: list[Phrase]) -> tuple[np.ndarray, np.ndarray]:
    X = [[feats.get(f, 0.0) for f in FEATURES] for p in phrases for feats in p.candidates.values()]
    y = [int(state == p.answer) for p in phrases for state in p.candidates]
    return np.array(X, dtype=float).reshape(-1, len(FEATURES)), np.array(y)


def learnable(phrases: list[Phrase]) -> bool:
    """Whether the phrases hold both a right and a wrong candidate to learn from."""
    return set(_rows(phrases)[1].tolist()) == {0, 1}


def _fit(phrases: list[Phrase], C: float, seed: int) -> StateLinker:
    X, y = _rows(phrases)
    if set(y.tolist()) != {0, 1}:
        raise ValueError("E633 the corpus gives no generic reference with both a right and a wrong state "
                         "candidate: nothing to learn the state linker from")
    lm = _require("sklearn.linear_model")
    clf = lm.LogisticRegression(C=C, solver="liblinear", random_state=seed).fit(X, y)
    return StateLinker({f: round(float(w), 6) for f, w in zip(FEATURES, clf.coef_[0])},
                       round(float(clf.intercept_[0]), 6))


@dataclass(frozen=True)
class Tally:
    right: int
    wrong: int
    unlinked: int

    @property
    def net(self) -> int:
        return self.right - self.wrong


def tally(linker: StateLinker, phrases: list[Phrase]) -> Tally:
    right = wrong = 0
    for p in phrases:
        got = linker.choose(p.candidates)
        right += got == p.answer
        wrong += got is not None and got != p.answer
    return Tally(right, wrong, len(phrases) - right - wrong)


GRID = tuple(round(t, 2) for t in np.arange(0.05, 0.96, 0.05))


def train_linker(phrases: list[Phrase], C: float = 1.0, seed: int = 0) -> StateLinker:
    """Weights from every phrase; the threshold that nets most on held-out regions."""
    regions = sorted({p.region for p in phrases if p.region})
    folds = [([p for p in phrases if p.region != r], [p for p in phrases if p.region == r]) for r in regions]
    folds = [(a, b) for a, b in folds if a and b]
    if folds:
        fitted = [(_fit(a, C, seed), b) for a, b in folds]
        threshold = max(GRID, key=lambda t: (sum(tally(replace(m, threshold=t), b).net for m, b in fitted), -t))
    else:
        threshold = 0.5
    return replace(_fit(phrases, C, seed), threshold=float(threshold))


def cross_validate_linker(phrases: list[Phrase], C: float = 1.0, seed: int = 0) -> dict[str, dict]:
    """Leave one region out: the linker trained on the others, tallied on the one left."""
    out = {}
    for region in sorted({p.region for p in phrases if p.region}):
        train = [p for p in phrases if p.region != region]
        held = [p for p in phrases if p.region == region]
        t = tally(train_linker(train, C, seed), held)
        out[region] = {"phrases": len(held), "right": t.right, "wrong": t.wrong, "unlinked": t.unlinked}
    return out
