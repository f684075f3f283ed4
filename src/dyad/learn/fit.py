"""Fitting the relation model: learners, calibration and the decision threshold.

Two learners are compared under cross-validation grouped by region (``docs/quality.md``
reports both): ``linear``, one L2-regularised logistic regression per interaction type
(scikit-learn), and ``boosted``, gradient-boosted trees per type (LightGBM). Only the
linear model is shipped: it is a weight table that numpy applies at run time.

Calibration and threshold are learned without the data they are judged on: the
training documents are split again by region, the model is fitted on each part's
complement, and its scores on the part it did not see fit a Platt scaling and the
thresholds that maximise F1 counted as the evaluation counts it (one claim per
document, pair and type; a symmetric type once per pair). Candidates the role rules
read from the parse get a threshold of their own: how far to trust a rule is learned.

Training needs the ``train`` extra (``pip install 'dyad[train]'``); nothing here runs at
ingest time.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

import numpy as np

from dyad.learn.dataset import TYPES, DocExamples
from dyad.learn.model import MIN_POSITIVES, Cut, RelationModel
from dyad.learn.pairs import rule_proposals
from dyad.ontology import INTERACTION_TYPES, SYMMETRIC

LEARNERS = ("linear", "boosted")
DEFAULT_C = 0.05
_THRESHOLDS = np.round(np.concatenate([np.arange(0.01, 0.1, 0.01), np.arange(0.1, 0.951, 0.025)]), 3)


def _require(module: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise RuntimeError(f"E630 training needs {module.split('.')[0]}; install the extra: "
                           f"pip install 'dyad[train]'") from None


# Features that name an interaction type ("trgpath:ATTACK", "rule:CLASH:parse"): under a
# candidate type T they say "the same type" or "type X, asked about T", so what one type
# teaches (a trigger on the path usually means it) is shared with every other.
TYPED_KINDS = frozenset({"trg", "trgpath", "trgbw", "rule", "rulerev", "anytrg", "anyrule", "anyrulerev",
                         "anytrgpath"})
_POLARITY = {t: INTERACTION_TYPES[t].polarity for t in TYPES}
_TYPE_NAMED = re.compile(r"([A-Z_]*)([:|]?)(.*)")


def _naming(feature: str) -> tuple[str, str, str, str] | None:
    """(kind of feature, type it names, separator, rest) for a feature that names a type."""
    head, _, rest = feature.partition(":")
    if head not in TYPED_KINDS:
        return None
    named, sep, tail = _TYPE_NAMED.match(rest).groups()
    return head, named, sep, tail


def typed(feature: str, kind: str) -> tuple[str, ...]:
    """The learner's features for a raw pair feature when asking about type ``kind``:
    shared by all types, by the type's polarity, and the type's own; for a feature that
    names a type, whether it names this one."""
    parts = _naming(feature)
    if parts is None:
        return (feature, f"{_POLARITY[kind]}|{feature}", f"{kind}|{feature}")
    head, named, sep, tail = parts
    if named == kind:
        return (f"same|{head}{sep}{tail}",)
    return (f"{named}>{kind}|{head}", f"other|{head}{sep}{tail}")


def _every_type(features: set[str]) -> set[str]:
    """The raw features, with each one that names a type also naming every other type: what
    a rule or trigger of type T teaches holds for a T the training data never showed."""
    out = set(features)
    for head, _, sep, tail in filter(None, map(_naming, features)):
        out |= {f"{head}:{kind}{sep}{tail}" for kind in TYPES}
    return out


def _bias(kind: str) -> str:
    return f"type|{kind}"


@dataclass
class Matrix:
    vocab: dict[str, int]
    X: object  # scipy.sparse.csr_matrix (pair x type rows, typed features)
    y: np.ndarray  # one 0/1 label a row


def vocabulary(docs: list[DocExamples], min_docs: int = 2) -> dict[str, int]:
    """Typed features seen in at least ``min_docs`` documents, in sorted order (deterministic)."""
    seen: Counter = Counter()
    for d in docs:
        raw = set().union(*d.features)
        seen.update({g for f in raw for kind in TYPES for g in typed(f, kind)})
    kept = sorted(f for f, n in seen.items() if n >= min_docs)
    return {f: i for i, f in enumerate([*map(_bias, TYPES), *kept])}


def vectorize(docs: list[DocExamples], vocab: dict[str, int]) -> Matrix:
    """One row per candidate pair and type, in (document, pair, type) order."""
    sparse = _require("scipy.sparse")
    rows, cols, labels = [], [], []
    r = 0
    for d in docs:
        for i, feats in enumerate(d.features):
            for kind in TYPES:
                idx = {vocab[g] for f in feats for g in typed(f, kind) if g in vocab}
                idx.add(vocab[_bias(kind)])
                rows += [r] * len(idx)
                cols += sorted(idx)
                labels.append(d.label(i, kind))
                r += 1
    X = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(r, len(vocab)))
    return Matrix(vocab, X, np.array(labels, dtype=np.int8))


def _by_type(scores: np.ndarray) -> np.ndarray:
    return scores.reshape(-1, len(TYPES))


class _Linear:
    """One logistic regression over every (pair, type) row of typed features."""

    def __init__(self, C: float, seed: int):
        self.C, self.seed = C, seed

    def fit(self, X, y):
        lm = _require("sklearn.linear_model")
        clf = lm.LogisticRegression(C=self.C, solver="liblinear", random_state=self.seed, max_iter=2000)
        clf.fit(X, y)
        self.w, self.b = clf.coef_[0], float(clf.intercept_[0])
        return self

    def margins(self, X):
        return _by_type(np.asarray(X @ self.w) + self.b)

    def compile(self, vocab: dict[str, int], features: set[str]) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
        """The same model as one weight per raw feature and type, for :class:`RelationModel`."""
        raw = sorted(_every_type(features))
        W = np.zeros((len(TYPES), len(raw)))
        for j, f in enumerate(raw):
            for t, kind in enumerate(TYPES):
                W[t, j] = sum(self.w[vocab[g]] for g in typed(f, kind) if g in vocab)
        bias = np.array([self.w[vocab[_bias(kind)]] + self.b for kind in TYPES])
        keep = np.flatnonzero(np.abs(W).max(axis=0) > 1e-6)
        return {raw[j]: k for k, j in enumerate(keep)}, W[:, keep], bias


class _Boosted:
    """Gradient-boosted trees over the same (pair, type) rows."""

    def __init__(self, C: float, seed: int):
        self.seed = seed

    def fit(self, X, y):
        lgb = _require("lightgbm")
        self.model = lgb.LGBMClassifier(n_estimators=400, learning_rate=0.05, num_leaves=15, min_child_samples=5,
                                        colsample_bytree=0.5, subsample=0.8, subsample_freq=1, reg_lambda=1.0,
                                        random_state=self.seed, n_jobs=2, verbose=-1, deterministic=True)
        self.model.fit(X.astype(np.float32), y)
        return self

    def margins(self, X):
        return _by_type(self.model.predict(X.astype(np.float32), raw_score=True))


def learner(name: str, C: float = DEFAULT_C, seed: int = 0):
    if name not in LEARNERS:
        raise ValueError(f"E631 unknown learner {name!r}; choose one of {', '.join(LEARNERS)}")
    return (_Linear if name == "linear" else _Boosted)(C, seed)


def _split(docs: list[DocExamples], by_region: bool) -> list[list[int]]:
    """Index groups for held-out folds: one per region, else three by document."""
    if by_region:
        regions = sorted({d.region for d in docs})
        return [[i for i, d in enumerate(docs) if d.region == r] for r in regions]
    k = min(3, len(docs))
    return [list(range(j, len(docs), k)) for j in range(k)]


def out_of_fold(docs: list[DocExamples], name: str, C: float, seed: int) -> list[np.ndarray]:
    """Each document's pair margins from a model fitted without its region (or its fold)."""
    folds = _split(docs, len({d.region for d in docs}) > 1)
    out: list[np.ndarray | None] = [None] * len(docs)
    for held in folds:
        train = [d for i, d in enumerate(docs) if i not in set(held)]
        vocab = vocabulary(train)
        model = learner(name, C, seed).fit(*_xy(train, vocab))
        for i in held:
            out[i] = model.margins(vectorize([docs[i]], vocab).X) if docs[i].features else np.zeros((0, len(TYPES)))
    return out


def _xy(docs: list[DocExamples], vocab: dict[str, int]):
    """Training rows and labels, without the (row, type) examples whose label is unknown: a
    sentence where the pair meets again, when the analyst read the interaction in another
    (under cross-validation, leaving them out raised micro F1 0.208 -> 0.216)."""
    m = vectorize(docs, vocab)
    known = np.array([not d.told_elsewhere(i, kind) for d in docs for i in range(len(d.pairs)) for kind in TYPES],
                     dtype=bool)
    return m.X[known], m.y[known]


def pair_probabilities(doc: DocExamples, probs: np.ndarray) -> dict[tuple[str, str], np.ndarray]:
    """Each pair's probability of each type: the most any of its sentences gives."""
    out: dict[tuple[str, str], np.ndarray] = {}
    for pair, row in zip(doc.pairs, probs):
        out[pair] = np.maximum(out[pair], row) if pair in out else row
    return out


def decisions(by_pair: dict[tuple[str, str], np.ndarray], threshold: float):
    """(pair, type) claims made at ``threshold``: a symmetric type once per pair."""
    for (a, b), p in by_pair.items():
        back = by_pair.get((b, a))
        for t, kind in enumerate(TYPES):
            if kind in SYMMETRIC and back is not None and (back[t] > p[t] or back[t] == p[t] and b < a):
                continue
            if p[t] >= threshold:
                yield (a, b), kind


def relative(cut: Cut, doc: DocExamples, probs: np.ndarray) -> np.ndarray:
    """Each row's probabilities over what the cut needs: claimed where >= 1."""
    return probs / cut.needed(_proposals(doc), TYPES) if probs.size else probs


def _proposals(doc: DocExamples) -> np.ndarray:
    if doc.proposals is None:
        doc.proposals = np.array([rule_proposals(f, TYPES) for f in doc.features]).reshape(-1, len(TYPES))
    return doc.proposals


def counts_by_type(docs: list[DocExamples], probs: list[np.ndarray], cut: Cut) -> dict[str, list[int]]:
    """Per type, [true positives, claims, gold] as the evaluation counts them: per document,
    pair and type; a claim that hits several gold keys counts one. Reviewed rows, whose
    keys name a review rather than a type, count under "review"."""
    out = {t: [0, 0, 0] for t in TYPES}
    for d, P in zip(docs, probs):
        hit: dict = {}
        for pair, kind in decisions(pair_probabilities(d, relative(cut, d, P)), 1.0):
            keys = d.pair_hits[pair].get(kind)
            if keys:
                hit.setdefault(min(keys), kind)
            else:
                out[kind][1] += 1
        for kind in hit.values():
            out[kind][0] += 1
            out[kind][1] += 1
        for key in d.gold:
            out.setdefault(key[0] if key[0] in out else "review", [0, 0, 0])[2] += 1
    return out


def counts(docs: list[DocExamples], probs: list[np.ndarray], cut: Cut) -> tuple[int, int, int]:
    """(true positives, claims, gold), summed over types."""
    tp, n_sys, n_gold = np.sum(list(counts_by_type(docs, probs, cut).values()), axis=0)
    return int(tp), int(n_sys), int(n_gold)


def f1(tp: int, n_sys: int, n_gold: int) -> float:
    return 2 * tp / (n_sys + n_gold) if n_sys + n_gold else 0.0


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def rare_types(docs: list[DocExamples]) -> tuple[str, ...]:
    """Types with fewer than MIN_POSITIVES positive rows: too few for the model to judge."""
    seen = Counter(t for d in docs for h in d.hits for t in h)
    return tuple(t for t in TYPES if seen[t] < MIN_POSITIVES)


def best_cut(docs: list[DocExamples], probs: list[np.ndarray], rare: tuple[str, ...] = ()) -> Cut:
    """The thresholds that maximise F1 on these (held-out) probabilities: one for every
    candidate, then one for the rules' proposals given it, then the first again given that;
    the rules decide the ``rare`` types, from the parse alone for each of those whose
    nearest-mention guesses lower F1."""
    def score(cut: Cut):
        return f1(*counts(docs, probs, cut)), -cut.threshold, -(cut.rule_threshold or 0)

    cut = max((Cut(t, None, rare) for t in _THRESHOLDS), key=score)
    for _ in range(2):
        cut = max((Cut(cut.threshold, t, rare) for t in _THRESHOLDS), key=score)
        cut = max((Cut(t, cut.rule_threshold, rare) for t in _THRESHOLDS), key=score)
    for kind in rare:  # a rare type whose guessed rule claims cost more than they hit
        quiet = replace(cut, parsed_only=(*cut.parsed_only, kind))
        if score(quiet)[0] > score(cut)[0]:
            cut = quiet
    return cut


def calibrate(docs: list[DocExamples], margins: list[np.ndarray]) -> tuple[float, float, Cut]:
    """(scale, shift, cut) from held-out margins: Platt scaling over all types, then the
    thresholds that maximise F1 of the calibrated probabilities."""
    lm = _require("sklearn.linear_model")
    z = np.concatenate([m.ravel() for m in margins if m.size])
    y = np.concatenate([np.array([[d.label(i, t) for t in TYPES] for i in range(len(d.pairs))]).ravel()
                        for d, m in zip(docs, margins) if m.size])
    if y.min() == y.max():
        return 1.0, 0.0, Cut(0.5, None, rare_types(docs))
    platt = lm.LogisticRegression(C=1e4, solver="lbfgs").fit(z.reshape(-1, 1), y)
    scale, shift = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    return scale, shift, best_cut(docs, [_sigmoid(scale * m + shift) for m in margins], rare_types(docs))


def held_out_probabilities(train: list[DocExamples], held: list[DocExamples], name: str = "linear",
                           C: float = DEFAULT_C, seed: int = 0) -> tuple[list[np.ndarray], Cut]:
    """Calibrated probabilities of the held-out documents' rows from a model that never saw
    them, and the thresholds chosen on the training documents alone."""
    scale, shift, cut = calibrate(train, out_of_fold(train, name, C, seed))
    vocab = vocabulary(train)
    model = learner(name, C, seed).fit(*_xy(train, vocab))
    probs = [_sigmoid(scale * model.margins(vectorize([d], vocab).X) + shift) if d.features
             else np.zeros((0, len(TYPES))) for d in held]
    return probs, cut


def train_model(docs: list[DocExamples], C: float = DEFAULT_C, seed: int = 0, card: dict | None = None) -> RelationModel:
    """The shipped kind of model: linear weights on every document, calibrated on held-out folds."""
    scale, shift, cut = calibrate(docs, out_of_fold(docs, "linear", C, seed))
    vocab = vocabulary(docs)
    fitted = learner("linear", C, seed).fit(*_xy(docs, vocab))
    raw = {f for d in docs for feats in d.features for f in feats}
    names, weights, bias = fitted.compile(vocab, raw)
    return RelationModel(TYPES, names, weights, bias, scale, shift, cut, card or {})
