"""``dyad train``: rebuild the relation model from annotated documents, deterministically.

First learns where the corpus's generic references ("the army", "the government") point
(:mod:`dyad.learn.references`), since that changes which pairs the texts offer. Then reads
every gold file of the corpus folders with the same pipeline ingest uses, turns
each into candidate rows (:mod:`dyad.learn.dataset`), measures the model by
leave-one-region-out cross-validation (train on the other regions, count the held-out
one as the evaluation does), fits the shipped linear model on everything and writes it
with a model card: the data it saw, when, with what settings, and the cross-validated
figures per region and per type.

Analysts' reviews can join the data (``reviews``): their accepted and corrected claims
are positives of the pair in that sentence, rejected ones negatives.
"""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from dyad.learn import fit
from dyad.learn.dataset import TYPES, DocExamples, doc_examples, reachable
from dyad.learn.gold import read_corpus
from dyad.learn.model import MIN_POSITIVES, RelationModel
from dyad.learn.references import cross_validate_linker, learnable, read_phrases, train_linker
from dyad.nlp.state_reference import StateLinker


@dataclass
class CrossValidation:
    """Held-out counts (true positives, claims, gold) per region and per type."""

    regions: dict[str, tuple[int, int, int]]
    types: dict[str, tuple[int, int, int]]
    learner: str

    def figures(self) -> dict:
        def prf(c):
            tp, n_sys, n_gold = c
            return {"tp": tp, "claims": n_sys, "gold": n_gold, "precision": round(tp / n_sys, 3) if n_sys else 0.0,
                    "recall": round(tp / n_gold, 3) if n_gold else 0.0, "f1": round(fit.f1(*c), 3)}
        total = tuple(int(x) for x in np.sum(list(self.regions.values()), axis=0)) if self.regions else (0, 0, 0)
        return {"learner": self.learner, "micro": prf(total),
                "macro_f1": round(float(np.mean([fit.f1(*c) for c in self.regions.values()])), 3) if self.regions else 0.0,
                "regions": {r: prf(c) for r, c in sorted(self.regions.items())},
                "types": {t: prf(c) for t, c in self.types.items()}}


def read_examples(folders: Iterable[str | Path], extractor, progress: Callable[[str], None] | None = None
                  ) -> list[DocExamples]:
    """Candidate rows of every annotated document under the folders (sorted, so deterministic)."""
    from dyad.read.document import read_document

    golds = read_corpus(*folders)
    docs = [read_document(g.text_path, published=g.published) for g in golds]
    out = []
    for reading, gold in zip(extractor.readings(docs), golds):
        out.append(doc_examples(reading, gold))
        if progress:
            progress(gold.stem)
    return out


def cross_validate(docs: list[DocExamples], learner: str = "linear", C: float = fit.DEFAULT_C, seed: int = 0,
                   progress: Callable[[str], None] | None = None) -> CrossValidation:
    """Leave one region out: fit (calibration and threshold included) on the others, count the one left."""
    regions = sorted({d.region for d in docs if d.region})
    per_region, per_type = {}, {t: [0, 0, 0] for t in TYPES}
    for region in regions:
        train = [d for d in docs if d.region != region]
        held = [d for d in docs if d.region == region]
        probs, cut = fit.held_out_probabilities(train, held, learner, C, seed)
        by_type = fit.counts_by_type(held, probs, cut)
        per_region[region] = tuple(int(x) for x in np.sum(list(by_type.values()), axis=0))
        for t, c in by_type.items():
            per_type[t] = [a + b for a, b in zip(per_type[t], c)]
        if progress:
            progress(region)
    return CrossValidation(per_region, {t: tuple(c) for t, c in per_type.items()}, learner)


def _fingerprint(docs: list[DocExamples]) -> str:
    h = hashlib.sha256()
    for d in docs:
        h.update(d.stem.encode())
        h.update(str(sorted(d.gold)).encode())
    return h.hexdigest()[:16]


def train(folders: Iterable[str | Path], extractor, extra: list[DocExamples] = (), C: float = fit.DEFAULT_C,
          seed: int = 0, cv: bool = True, compare: Iterable[str] = (),
          progress: Callable[[str], None] | None = None) -> RelationModel:
    """A relation model fitted on the corpus (and ``extra`` rows, e.g. reviews), with its card."""
    folders = [Path(f) for f in folders]
    linker, linker_card = _state_linker(folders, extractor, cv, seed)
    extractor = copy.copy(extractor)
    extractor.linker = linker  # the rows are read as ingest will read them with this model
    docs = read_examples(folders, extractor, progress)
    everything = docs + list(extra)
    if not any(any(h for h in d.hits) for d in everything):
        raise ValueError("E632 no candidate pair of the corpus stands for a gold interaction: nothing to learn from; "
                         "check that the gold files' actor names occur in their texts")
    reach, gold = reachable(docs)
    card = {
        "trained": dt.date.today().isoformat(),
        "data": {"folders": [f.name for f in folders], "documents": len(docs),
                 "regions": dict(sorted(Counter(d.region or "?" for d in docs).items())),
                 "gold_interactions": gold, "reachable": reach, "rows": sum(len(d.pairs) for d in everything),
                 "reviewed_documents": len(list(extra)), "fingerprint": _fingerprint(docs)},
        "settings": {"learner": "linear", "C": C, "seed": seed},
        "state_linker": linker_card,
    }
    if cv and len({d.region for d in docs if d.region}) > 1:
        card["cross_validation"] = [cross_validate(docs, name, C, seed, progress).figures()
                                    for name in dict.fromkeys(["linear", *compare])]
    model = fit.train_model(everything, C, seed, card)
    model.linker = linker
    card["cut"], card["features"] = asdict(model.cut), len(model.vocab)
    return model


def _state_linker(folders: list[Path], extractor, cv: bool, seed: int) -> tuple[StateLinker | None, dict]:
    """The generic-reference linker learned from the corpus, and what its card says of it."""
    phrases = read_phrases(read_corpus(*folders), extractor.nlp, extractor.index)
    if not learnable(phrases):  # a small corpus may teach nothing here: keep the linker in use
        linker = extractor.linker
        return linker, {"phrases": len(phrases), "kept": "the linker in use (the corpus teaches none)",
                        **(linker.to_dict() if linker else {})}
    linker = train_linker(phrases, seed=seed)
    card = {"phrases": len(phrases), "weights": linker.weights, "bias": linker.bias, "threshold": linker.threshold}
    if cv and len({p.region for p in phrases if p.region}) > 1:
        card["cross_validation"] = cross_validate_linker(phrases, seed=seed)
    return linker, card


def card_markdown(model: RelationModel) -> str:
    """The model card as Markdown, for people."""
    c = model.card
    data = c.get("data", {})
    lines = [
        "# Relation model card", "",
        f"Trained {c.get('trained', '?')} on {data.get('documents', '?')} annotated documents "
        f"({', '.join(f'{r} {n}' for r, n in data.get('regions', {}).items())}); "
        f"{data.get('gold_interactions', '?')} gold interactions, of which {data.get('reachable', '?')} some candidate "
        f"pair of actors can stand for; {data.get('rows', '?')} candidate rows"
        + (f", {data['reviewed_documents']} documents of analysts' reviews" if data.get("reviewed_documents") else "")
        + ".", "",
        f"Learner: one logistic regression over (pair, sentence, type) rows, C={c.get('settings', {}).get('C')}, "
        f"seed {c.get('settings', {}).get('seed')}; {len(model.vocab)} features; Platt scale {model.scale:.3f}, "
        f"shift {model.shift:.3f}; claims at calibrated probability >= {model.cut.threshold}"
        + (f" (>= {model.cut.rule_threshold} where the role rules read the type from the parse)"
           if model.cut.rule_threshold is not None else "") + ".", "",
        f"Types with fewer than {MIN_POSITIVES} positive rows, which the role rules' reading decides: "
        f"{', '.join(model.cut.rules_decide) or 'none'}; of those, read from the parse only (the "
        f"nearest-mention guesses lowered F1 on the training documents): "
        f"{', '.join(model.cut.parsed_only) or 'none'}.", "",
    ]
    lines += _linker_lines(c.get("state_linker"))
    for cv in c.get("cross_validation", []):
        m = cv["micro"]
        lines += [f"## Leave-one-region-out cross-validation ({cv['learner']})", "",
                  f"Interactions, counted as the evaluation counts them (one claim per document, pair and type): "
                  f"P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f} (micro); macro F1 over regions "
                  f"{cv['macro_f1']:.3f}.", "",
                  "| held-out region | P | R | F1 | tp | claims | gold |", "|---|---|---|---|---|---|---|"]
        lines += [f"| {r} | {x['precision']:.3f} | {x['recall']:.3f} | {x['f1']:.3f} | {x['tp']} | {x['claims']} | "
                  f"{x['gold']} |" for r, x in cv["regions"].items()]
        lines += ["", "| type | P | R | F1 | tp | claims | gold |", "|---|---|---|---|---|---|---|"]
        lines += [f"| {t} | {x['precision']:.3f} | {x['recall']:.3f} | {x['f1']:.3f} | {x['tp']} | {x['claims']} | "
                  f"{x['gold']} |" for t, x in cv["types"].items() if x["gold"] or x["claims"]]
        lines.append("")
    return "\n".join(lines)


def _linker_lines(card: dict | None) -> list[str]:
    if not card:
        return []
    if "kept" in card:
        return [f"State linker: {card['kept']}; {card['phrases']} generic phrases had a gold state.", ""]
    lines = [f"State linker (which state \"the army\" or \"the government\" means): learned from {card['phrases']} "
             f"generic phrases whose state the gold names; links the best candidate at probability >= "
             f"{card['threshold']}.", ""]
    held = card.get("cross_validation")
    if held:
        right, wrong, n = (sum(x[k] for x in held.values()) for k in ("right", "wrong", "phrases"))
        lines += [f"Held out by region: {right} of {n} linked to the right state, {wrong} to a wrong one.", ""]
    return lines
