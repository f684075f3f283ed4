"""What each part of the extractor adds: score the dev set with one part switched off.

    .venv/bin/python benchmarks/ablation.py [GOLD_DIR]

GOLD_DIR defaults to ../shared/eval/dev. Each run ingests the whole folder into a fresh
temporary store (as `dyad ingest` does, publication dates inferred from the text) and
scores the export with the shared scorer. Prints a Markdown table for docs/quality.md.
"""
from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

from dyad.api import Dyad
from dyad.kb import load_kb
from dyad.nlp.extract import COMPONENTS, Extractor

ROOT = Path(__file__).resolve().parents[1]


def _scorer(gold: Path):
    spec = importlib.util.spec_from_file_location("dyad_eval_score", gold.parent / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(gold: Path, disabled: tuple[str, ...], kb) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        dyad = Dyad(Path(tmp) / "ablation.db", extractor=Extractor(kb, disabled=disabled))
        dyad.ingest([gold])
        return _scorer(gold).score(dyad.export(), gold)


def main() -> int:
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "eval" / "dev"
    if not (gold / "../score.py").exists():
        print(f"no scorer beside {gold}: pass the gold folder of ../shared/eval", file=sys.stderr)
        return 2
    kb = load_kb()
    print("| without | actors F1 | interactions P / R / F1 | structure F1 | time | certainty | dyads coop / host / latest |")
    print("|---|---|---|---|---|---|---|")
    for off in [(), *((c,) for c in COMPONENTS)]:
        r = run(gold, off, kb)
        i, d = r["interactions"], r["dyads"]
        print(f"| {', '.join(off) or '(full system)'} | {r['actors']['f1']:.3f} | "
              f"{i['precision']:.3f} / {i['recall']:.3f} / {i['f1']:.3f} | {r['structure']['f1']:.3f} | "
              f"{r['time_accuracy']} | {r['certainty_accuracy']} | "
              f"{d['cooperation_max']} / {d['hostility_max']} / {d['latest']} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
