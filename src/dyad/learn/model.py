"""The relation model: which interaction types a candidate pair's features say, how surely.

A one-vs-rest linear model over the string features of :mod:`dyad.learn.pairs`, one
weight vector per interaction type, with a Platt calibration learned on held-out folds
so that its output reads as a probability. Inference is a sum of weights (numpy only):
no scikit-learn or torch at run time. The file is a compressed ``.npz`` of plain arrays
(no pickle), loaded once per process.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from dyad.learn.pairs import PARSED, rule_proposals
from dyad.nlp.state_reference import StateLinker
from dyad.ontology import INTERACTION_TYPES

FORMAT = 2  # bumped when the file layout changes; an older file is refused with a clear error


def shipped_model_path() -> Path:
    """The model trained on the annotated corpus, installed with dyad."""
    return Path(str(resources.files("dyad.learn").joinpath("models", "relations.npz")))


# A type with fewer positive training rows than this is one the model has too little to
# judge: the role rules' reading of it stands, and the model does not claim it alone
# (measured under cross-validation in docs/quality.md).
MIN_POSITIVES = 10


@dataclass(frozen=True)
class Cut:
    """What a claim needs: a calibrated probability of ``threshold``, or of
    ``rule_threshold`` for a type the role rules read from the parse in that sentence;
    for a type of ``rules_decide`` (too rare in training to judge), that the rules read it,
    and for one of those ``parsed_only`` (whose nearest-mention guesses cost more than they
    hit in training), that they read it from the parse."""

    threshold: float
    rule_threshold: float | None = None
    rules_decide: tuple[str, ...] = ()
    parsed_only: tuple[str, ...] = ()

    def needed(self, proposals: np.ndarray, types: tuple[str, ...]) -> np.ndarray:
        """The probability each type needs, given the rules' proposals (see
        :func:`dyad.learn.pairs.rule_proposals`; one row or rows x types)."""
        need = np.full(proposals.shape, self.threshold)
        if self.rule_threshold is not None:
            need = np.where(proposals == PARSED, self.rule_threshold, need)
        if self.rules_decide:
            need = np.where(np.isin(types, self.rules_decide), np.where(proposals > 0, 1e-12, np.inf), need)
        if self.parsed_only:
            need = np.where(np.isin(types, self.parsed_only) & (proposals != PARSED), np.inf, need)
        return need


@dataclass
class RelationModel:
    types: tuple[str, ...]
    vocab: dict[str, int]
    weights: np.ndarray  # (types, features)
    bias: np.ndarray  # (types,)
    scale: float = 1.0  # Platt calibration: p = sigmoid(scale * z + shift)
    shift: float = 0.0
    cut: Cut = Cut(0.5)  # on the calibrated probability
    card: dict = field(default_factory=dict)  # data, date, cross-validation figures
    linker: StateLinker | None = None  # where generic references ("the army") point; learned beside it

    def __post_init__(self):
        unknown = [t for t in self.types if t not in INTERACTION_TYPES]
        if unknown:
            raise ValueError(f"E610 the relation model names unknown interaction types {unknown}; "
                             f"retrain it with `dyad train`")

    def margins(self, features: set[str] | frozenset[str]) -> np.ndarray:
        """The raw linear score of each type."""
        idx = [self.vocab[f] for f in features if f in self.vocab]
        return self.weights[:, idx].sum(axis=1) + self.bias if idx else self.bias.copy()

    def probabilities(self, features: set[str] | frozenset[str]) -> np.ndarray:
        """Calibrated probability of each type in ``types`` order."""
        return 1.0 / (1.0 + np.exp(-(self.scale * self.margins(features) + self.shift)))

    def thresholds(self, features: set[str] | frozenset[str]) -> np.ndarray:
        """The probability each type needs to be claimed in a sentence with these features."""
        return self.cut.needed(rule_proposals(features, self.types), self.types)

    def reasons(self, features: set[str] | frozenset[str], kind: str, n: int = 3) -> list[str]:
        """The features that weigh most for ``kind``: why the model said it."""
        row = self.types.index(kind)
        weighted = sorted(((self.weights[row, self.vocab[f]], f) for f in features if f in self.vocab), reverse=True)
        return [f for w, f in weighted[:n] if w > 0]

    def save(self, path: str | Path) -> None:
        names = np.array(sorted(self.vocab, key=self.vocab.get), dtype=str)
        meta = {"format": FORMAT, "types": list(self.types), "scale": self.scale, "shift": self.shift,
                "cut": asdict(self.cut), "card": self.card,
                "linker": self.linker.to_dict() if self.linker is not None else None}
        with open(path, "wb") as fh:
            np.savez_compressed(fh, names=names, weights=self.weights.astype(np.float32),
                                bias=self.bias.astype(np.float32), meta=np.array(json.dumps(meta, sort_keys=True)))

    @classmethod
    def load(cls, path: str | Path) -> RelationModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                if meta.get("format") != FORMAT:
                    raise ValueError(f"E611 {path}: model format {meta.get('format')}, this dyad reads {FORMAT}; "
                                     f"retrain it with `dyad train`")
                names = [str(n) for n in data["names"]]
                weights, bias = data["weights"].astype(np.float64), data["bias"].astype(np.float64)
        except (OSError, KeyError, ValueError) as exc:
            if str(exc).startswith(("E611", "E614")):
                raise
            raise ValueError(f"E612 {path} is not a dyad relation model ({exc}); "
                             f"train one with `dyad train CORPUS -o FILE`") from None
        return cls(tuple(meta["types"]), {n: i for i, n in enumerate(names)}, weights, bias,
                   meta["scale"], meta["shift"], Cut(**{k: tuple(v) if isinstance(v, list) else v for k, v in meta["cut"].items()}),
                   meta.get("card", {}), StateLinker.from_dict(meta["linker"]) if meta.get("linker") else None)


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime: float) -> RelationModel:
    return RelationModel.load(path)


def load_model(path: str | Path | None = None) -> RelationModel:
    """A model file (default: the shipped one), loaded once per process and file version."""
    p = Path(path) if path is not None else shipped_model_path()
    if not p.exists():
        raise ValueError(f"E613 no relation model at {p}; train one with `dyad train CORPUS -o {p}`")
    return _load_cached(str(p.resolve()), p.stat().st_mtime)
