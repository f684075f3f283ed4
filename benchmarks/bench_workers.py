"""Ingest words per second with Ray workers against one serial process, measured in one run.

Ingests the same texts (``../shared/eval/dev`` repeated, each copy made unique, as in
bench_ingest.py; or synthetic articles with ``--synthetic N``) into new SQLite stores:
serially, then with each ``--workers`` count on a local Ray. Pools start and load their
pipelines before the clock starts (cold start, reported apart), so the figure is the
steady rate a long ingest runs at. Rounds alternate serial and parallel so that load on
the machine hits both; the ratio is the median of the per-round ratios.

    .venv/bin/python benchmarks/bench_workers.py --repeat 8 --workers 2 --trials 3
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import default_corpus, load_documents, repeated, write_corpus  # noqa: E402
from synthetic import write_articles  # noqa: E402


def ingest_seconds(folder: Path, extractor) -> float:
    from dyad.api import Dyad

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        report = Dyad(Path(tmp) / "dyad.db", extractor=extractor).ingest([folder])
        seconds = time.perf_counter() - start
    if report.failed:
        raise SystemExit(f"ingest failed: {report.failed[:3]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=8, help="copies of the dev set (default 8)")
    parser.add_argument("--synthetic", type=int, help="ingest this many synthetic articles instead")
    parser.add_argument("--workers", type=int, nargs="+", default=[2])
    parser.add_argument("--trials", type=int, default=3)
    args = parser.parse_args()
    from dyad.api import Dyad
    from dyad.scale import RayExtractor, load_pipeline

    serial = Dyad().extractor
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        if args.synthetic:
            write_articles(folder, args.synthetic)
            what = f"{args.synthetic} synthetic articles"
        else:
            paths, what = default_corpus()
            write_corpus(repeated(load_documents(paths), args.repeat), folder)
            what = f"{args.repeat} copies of {what}"
        texts = list(folder.glob("*.txt"))
        total = sum(len(p.read_text(encoding="utf-8").split()) for p in texts)
        ingest_seconds(folder, serial)  # warm-up: lazy tables, file cache
        print(f"corpus: {len(texts)} documents, {total:,} words ({what}); nproc {os.cpu_count()}\n")
        print("| workers | words/s serial | words/s parallel | parallel / serial | pool start (s) |")
        print("|---:|---:|---:|---:|---:|")
        for count in args.workers:
            start = time.perf_counter()
            with RayExtractor(partial(load_pipeline), workers=count) as pool:
                started = time.perf_counter() - start
                ingest_seconds(folder, pool)  # warm-up: each worker's lazy tables
                rounds = [(ingest_seconds(folder, serial), ingest_seconds(folder, pool)) for _ in range(args.trials)]
            ratios = [s / p for s, p in rounds]
            print(f"| {count} | {total / statistics.median(s for s, _ in rounds):,.0f} "
                  f"| {total / statistics.median(p for _, p in rounds):,.0f} | **{statistics.median(ratios):.2f}** "
                  f"({min(ratios):.2f}–{max(ratios):.2f}) | {started:.1f} |", flush=True)


if __name__ == "__main__":
    main()
