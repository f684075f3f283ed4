"""Leave-one-region-out cross-validation through the real store and the shared scorer.

    .venv/bin/python benchmarks/crossval.py [TRAIN_DIR] [--dev DEV_DIR] [--without PART ...] [--rules]

For each region named by the gold files' ``doc.region``: fit a relation model on the
other regions' documents (as ``dyad train`` does, calibration and the state linker included), ingest the
held-out region's texts into a fresh SQLite store with it (as ``dyad ingest`` does),
export, and score with ``../shared/eval/score.py``. Prints each region's figures, the
mean over regions (the figure to report) and the micro total; with ``--dev``, also the
model trained on every region scored on the dev folder, to compare. ``--rules`` scores
the role rules alone (no model) the same way; ``--without`` switches parts off (an
ablation under cross-validation).
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from pathlib import Path

from dyad.api import Dyad
from dyad.kb import load_kb
from dyad.learn import fit
from dyad.learn.gold import read_corpus
from dyad.learn.references import read_phrases, train_linker
from dyad.learn.train import read_examples
from dyad.nlp.extract import COMPONENTS, Extractor

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def scorer(eval_dir: Path):
    spec = importlib.util.spec_from_file_location("dyad_eval_score", eval_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_folder(texts: list[Path], extractor: Extractor, score) -> dict:
    """Ingest ``texts`` (with their gold files beside them) into a fresh store and score it."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "held"
        folder.mkdir()
        for text in texts:
            for path in (text, text.with_name(text.name.removesuffix(".txt") + ".gold.json")):
                (folder / path.name).symlink_to(path.resolve())
        dyad = Dyad(Path(tmp) / "cv.db", extractor=extractor)
        dyad.ingest([folder])
        return score.score(dyad.export(), folder)


def row(name: str, r: dict) -> str:
    i, a = r["interactions"], r["actors"]
    return (f"| {name} | {a['precision']:.3f} / {a['recall']:.3f} / {a['f1']:.3f} | {i['precision']:.3f} / {i['recall']:.3f} / {i['f1']:.3f} | "
            f"{r['structure']['f1']:.3f} | {r['time_accuracy']} | {r['certainty_accuracy']} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", nargs="?", type=Path, default=EVAL / "train")
    ap.add_argument("--dev", type=Path, help="also score the model trained on all regions on this folder")
    ap.add_argument("--without", nargs="*", default=[], choices=COMPONENTS)
    ap.add_argument("--rules", action="store_true", help="the role rules alone, no model")
    ap.add_argument("--C", type=float, default=fit.DEFAULT_C)
    a = ap.parse_args()
    if not (a.train.parent / "score.py").exists():
        print(f"no scorer beside {a.train}: pass a gold folder of ../shared/eval", file=sys.stderr)
        return 2
    score = scorer(a.train.parent)
    kb = load_kb()
    disabled = set(a.without) | ({"model"} if a.rules else set())
    reader = Extractor(kb, disabled=disabled | {"model"})
    docs = read_examples([a.train], reader)
    texts = {d.stem: a.train / f"{d.stem}.txt" for d in docs}
    regions = sorted({d.region for d in docs if d.region})

    phrases = read_phrases(read_corpus(a.train), reader.nlp, reader.index)

    def extractor(train_docs):
        if a.rules:
            return reader
        model = fit.train_model(train_docs, a.C)
        stems = {d.stem for d in train_docs}
        model.linker = train_linker([p for p in phrases if p.stem in stems])  # the held-out region unseen
        return Extractor(kb, disabled=disabled - {"model"}, model=model)

    print("| held-out region | actors P / R / F1 | interactions P / R / F1 | structure F1 | time | certainty |")
    print("|---|---|---|---|---|---|")
    results, totals = [], [0, 0, 0]
    for region in regions:
        held = [d for d in docs if d.region == region]
        r = score_folder([texts[d.stem] for d in held], extractor([d for d in docs if d.region != region]), score)
        results.append(r)
        i = r["interactions"]
        totals = [totals[0] + i["tp"], totals[1] + i["system"], totals[2] + i["gold"]]
        print(row(f"{region} ({len(held)})", r), flush=True)
    mean = lambda get: sum(get(r) for r in results) / len(results)  # noqa: E731
    print(f"| **mean over regions** | {mean(lambda r: r['actors']['precision']):.3f} / "
          f"{mean(lambda r: r['actors']['recall']):.3f} / {mean(lambda r: r['actors']['f1']):.3f} | "
          f"{mean(lambda r: r['interactions']['precision']):.3f} / {mean(lambda r: r['interactions']['recall']):.3f} / "
          f"{mean(lambda r: r['interactions']['f1']):.3f} | {mean(lambda r: r['structure']['f1']):.3f} | | |")
    tp, n_sys, n_gold = totals
    print(f"| micro | | {tp / n_sys if n_sys else 0:.3f} / {tp / n_gold:.3f} / {fit.f1(tp, n_sys, n_gold):.3f} | | | |")
    if a.dev:
        r = score_folder(sorted(a.dev.glob("*.txt")), extractor(docs), score)
        print(row(f"dev, trained on all of {a.train.name}", r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
