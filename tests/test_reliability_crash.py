"""``dyad ingest`` killed with SIGKILL at random points leaves a store ``dyad check`` passes,
and running the same ingest again ends exactly where an uninterrupted run does."""
from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dyad import resolve
from dyad.api import Dyad
from dyad.store import Store

KILLS = 3  # runs, each killed at its own random point (a few: every run starts a pipeline)
SEED = 14
ARTICLES = 8
GROUPS = ["Copper Coast Front", "Northern Star Army", "Velm Defence Council"]


def _article(n: int) -> str:
    """Invented reports; the fourth group's name is spelled two ways, so a merge spans documents."""
    groups = [*GROUPS, "Jaish al-Nasr" if n < ARTICLES // 2 else "Jaysh al-Nasr"]
    a, b, c = groups[n % 4], groups[(n + 1) % 4], groups[(n + 2) % 4]
    alias = " The Red Reed Movement (RRM) condemned the fighting; RRM leaders met in Velm." if n == 2 else ""
    return (f"Fighters of the {a} clashed with the {b} near Velm in June 20{10 + n}, officials said. "
            f"Report {n}: the {b} later trained recruits of the {c} for {n + 2} weeks.{alias}\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    folder.mkdir()
    for n in range(ARTICLES):
        (folder / f"{n:02d}_report.txt").write_text(_article(n), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def uninterrupted(corpus: Path, extractor) -> dict:
    dyad = Dyad(corpus.parent / "reference.db", extractor=extractor)
    assert dyad.ingest([corpus]).ok
    assert any("spelled differently" in j.reason for j in dyad.judgements()), "the corpus lost its cross-document merge"
    return dyad.export()


def _stored(db: Path) -> int:
    """Documents committed so far (0 while the schema is not there yet)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return -1


def _kill_when(process: subprocess.Popen, db: Path, stored: int, delay: float) -> bool:
    """SIGKILL once ``stored`` documents are committed (-1: as soon as the process runs), plus
    ``delay`` seconds; True when the process was still running at the kill."""
    deadline = time.monotonic() + 120
    while _stored(db) < stored and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(delay)
    alive = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()
    return alive


def _kill_points(runs: int) -> list[tuple[int, float]]:
    """(documents stored, then seconds) per run: while the pipeline loads, then at once after
    a random number of documents has been committed."""
    rng = random.Random(SEED)
    return [(-1, rng.uniform(0.5, 2.0))] + [(rng.randrange(ARTICLES), 0.0) for _ in range(runs - 1)]


@pytest.mark.parametrize(("stored", "delay"), _kill_points(KILLS))
def test_reliability_crash_sigkill_leaves_consistent_store_and_rerun_completes_it(
        tmp_path, corpus, uninterrupted, extractor, stored, delay):
    db = tmp_path / "dyad.db"
    ingest = subprocess.Popen([sys.executable, "-c", "from dyad.cli import main; main()", "ingest", str(corpus),
                               "--db", str(db)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert _kill_when(ingest, db, stored, delay), f"the ingest ended before its kill: {ingest.stderr.read()!r}"
    if db.exists():
        with Store(db) as store:
            report = store.check()
        assert report.ok, report.problems
    rerun = Dyad(db, extractor=extractor)
    assert rerun.ingest([corpus]).ok
    assert json.dumps(rerun.export(), sort_keys=True) == json.dumps(uninterrupted, sort_keys=True)


class _Crash(Exception):
    pass


def _crash(*_args, **_kwargs):
    raise _Crash


@pytest.mark.parametrize("step", ["resolve.apply"])
def test_reliability_crash_before_cross_document_merges_is_made_good_by_rerun(
        tmp_path, corpus, uninterrupted, extractor, monkeypatch, step):
    """Regression: a run stopped after its last document but before resolving actors across
    documents left them unresolved for good, as the re-run stored nothing new."""
    dyad = Dyad(tmp_path / "dyad.db", extractor=extractor)
    with monkeypatch.context() as patched:
        patched.setattr(resolve, step.split(".")[1], _crash)
        with pytest.raises(_Crash):
            dyad.ingest([corpus])
    assert dyad.ingest([corpus]).added == 0
    assert dyad.export() == uninterrupted


@pytest.mark.parametrize("step", ["_merge_proposed"])
def test_reliability_crash_in_a_documents_merges_keeps_none_of_it(tmp_path, corpus, extractor, monkeypatch, step):
    """A document and the identities it proposes are one transaction: neither stays alone."""
    monkeypatch.setattr(Store, step, _crash)
    monkeypatch.setattr(resolve, "apply", lambda *_: 0)  # the crash is meant for the document's own merges
    dyad = Dyad(tmp_path / "dyad.db", extractor=extractor)
    report = dyad.ingest([corpus / "00_report.txt"])
    assert [reason.split(" (")[0].rsplit(": ", 1)[1] for _, reason in report.failed] == ["E507 storing failed"]
    assert dyad.documents() == []
