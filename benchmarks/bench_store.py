"""Query times on a large synthetic store, as a user meets them: each query a fresh ``Dyad``.

Builds a store of ``--claims`` claims, ``--actors`` actors and ``--documents`` documents
(benchmarks/synthetic.py; default the issue's full scale, 1,000,000 / 100,000 / 200,000,
``--scale`` multiplies all three) on SQLite and, with ``--postgres URL``, on PostgreSQL; then
keeps every pair's history in it, as ``dyad ingest`` ends by doing (timed apart: the rows
are written directly, so nothing is kept yet); then times ``dyad history A B``, evidence
search (``Dyad.search`` over ``QUERIES``), ``dyad dyads --at`` (its first 50 pairs and their
count, as the command lists them; p50 and p95 of ``--queries`` runs each, after one untimed
run) and the JSON export of everything as ``dyad export -o FILE`` writes it (once). A fresh ``Dyad`` per query is what one CLI command costs (nothing held in the
process between commands) but for the Python start-up and imports, which no figure counts.

    .venv/bin/python benchmarks/bench_store.py --scale 0.01 --postgres postgresql+psycopg://dyad:dyad@127.0.0.1/dyad_test

``--existing URL`` times only the three queries on a store built before (same sizes and seed),
so two versions of the code (``PYTHONPATH`` at each's ``src``) can be compared on one store.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import build_store, group_name  # noqa: E402

TARGETS_MS = {"history": 50, "search": 100, "dyads --at": 200}
DYADS_SHOWN = 50  # what `dyad dyads --at` lists unless told (--limit): the first 50 and the total
# What an analyst types into evidence search (``Dyad.search``: the FTS5 / tsvector index), over
# the synthetic sentences: a place, a group's name, a phrase, words with a year; broad and narrow.
QUERIES = ("Velm", "trained fighters", "Red Hills Brigades", '"supplied weapons" 2019', "clashed Tarsk June",
           "denied funded", "Copper Coast Kessa", "condemned attack camp", '"local officials" Orlen 2016',
           "Azure Dawn Movement met commanders")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed_ms(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def measure(url: str, actors: int, queries: int, seed: int, export: bool = True) -> dict[str, list[float]]:
    from dyad.api import Dyad, DyadError

    rng = random.Random(seed)

    def history() -> None:
        try:
            Dyad(url).history(group_name(0), group_name(rng.randrange(1, actors)))
        except DyadError:
            pass  # a pair with no claims: the lookup cost is the same

    def runs(action) -> list[float]:
        action()  # untimed: what it imports the first time is the process's start, not the query's
        return [timed_ms(action) for _ in range(queries)]

    times = {
        "history": runs(history),
        "search": runs(lambda: Dyad(url).search(rng.choice(QUERIES))),
        "dyads --at": runs(lambda: Dyad(url).dyads(at=str(rng.randrange(2010, 2024)), limit=DYADS_SHOWN)),
    }
    if export:
        times["export (s)"] = [timed_ms(lambda: export_to_file(Dyad(url))) / 1000]
    return times


def cells(times: dict[str, list[float]]) -> str:
    return " | ".join(f"{statistics.median(times[k]):,.0f} / {percentile(times[k], 0.95):,.0f}" for k in TARGETS_MS)


def export_to_file(dyad) -> None:
    """The JSON export written to a file as `dyad export -o FILE` writes it (streamed)."""
    with tempfile.TemporaryFile() as out:
        dyad.write_export(out)


def main() -> None:
    from dyad.api import Dyad

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=200_000)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the three sizes (0.01: 10,000 claims)")
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--postgres", help="an empty PostgreSQL database URL to measure there too")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--existing", metavar="URL", help="only time the three queries on this store, built "
                        "before with the same sizes and seed (to compare two versions of the code on one store)")
    args = parser.parse_args()
    claims, actors, documents = (max(2, int(n * args.scale)) for n in (args.claims, args.actors, args.documents))
    if args.existing:
        print(f"| history p50 / p95 (ms) | search p50 / p95 (ms) | dyads --at p50 / p95 (ms) |\n|---:|---:|---:|\n"
              f"| {cells(measure(args.existing, actors, args.queries, args.seed, export=False))} |")
        return
    with tempfile.TemporaryDirectory() as folder:
        backends = {"SQLite": str(Path(folder) / "big.db")}
        if args.postgres:
            backends["PostgreSQL"] = args.postgres
        print(f"store: {claims:,} claims, {actors:,} actors, {documents:,} documents; {args.queries} queries each\n")
        print("| backend | build (s) | keep histories (s) | history p50 / p95 (ms) | search p50 / p95 (ms) "
              "| dyads --at p50 / p95 (ms) | JSON export (s) |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, url in backends.items():
            start = time.perf_counter()
            build_store(url, claims, actors, documents, args.seed)
            build = time.perf_counter() - start
            start = time.perf_counter()
            Dyad(url).histories()  # what `dyad ingest` ends with: every pair's history kept in the store
            kept = time.perf_counter() - start
            times = measure(url, actors, args.queries, args.seed)
            print(f"| {name} | {build:,.1f} | {kept:,.1f} | {cells(times)} | {times['export (s)'][0]:,.1f} |",
                  flush=True)
    print(f"\ntargets (p95, ms): {TARGETS_MS}; JSON export 60 s")


if __name__ == "__main__":
    main()
