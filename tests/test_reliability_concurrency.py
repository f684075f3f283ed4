"""Readers during a long ingest see consistent data and are never locked out; a second
ingest into the same SQLite file refuses at once with a clear message."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dyad.store import Store

READERS = 4
ARTICLES = 40  # more than one extraction batch, so the writes come in two bursts
DYAD = [sys.executable, "-c", "from dyad.cli import main; main()"]


def _article(n: int) -> str:
    return (f"Report {n}: fighters of the Copper Coast Front clashed with the Northern Star Army near Velm "
            f"in June {1990 + n}, officials said. The Northern Star Army later trained {n + 3} recruits of "
            f"the Velm Defence Council.\n")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(ARTICLES):
        (folder / f"{n:02d}.txt").write_text(_article(n), encoding="utf-8")
    return folder


def _read_until(done: threading.Event, db: Path, seen: list[int], errors: list[str]) -> None:
    """Read as an analyst would, again and again, until the ingest ends; every read must succeed
    and be consistent in itself."""
    with Store(db) as store:
        while not done.is_set():
            try:
                report = store.check()
                claims = store.interactions()
                documents = {d.id for d in store.documents()}
            except Exception as exc:  # noqa: BLE001 - every failure is the finding
                errors.append(f"{type(exc).__name__}: {exc}")
                return
            if not report.ok:
                errors.append("; ".join(report.problems))
            if any(c.evidence.doc not in documents for c in claims):
                errors.append("a claim whose document a later read did not list")
            seen.append(report.counts["documents"])


@pytest.mark.parametrize("readers", [READERS])
def test_reliability_concurrency_readers_during_ingest_see_whole_documents(tmp_path, corpus, readers):
    db = tmp_path / "dyad.db"
    Store(db).close()  # the schema exists before readers start
    ingest = subprocess.Popen([*DYAD, "ingest", str(corpus), "--db", str(db)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done, seen, errors = threading.Event(), [], []
    threads = [threading.Thread(target=_read_until, args=(done, db, seen, errors)) for _ in range(readers)]
    for thread in threads:
        thread.start()
    cli_reads = [subprocess.run([*DYAD, "claims", "--db", str(db), "--format", "json"],
                                capture_output=True, text=True) for _ in range(2)]
    out, err = ingest.communicate(timeout=300)
    done.set()
    for thread in threads:
        thread.join()
    assert ingest.returncode == 0, err
    assert errors == []
    assert [(r.returncode, "locked" in r.stderr) for r in cli_reads] == [(0, False)] * 2
    assert any(0 < n < ARTICLES for n in seen), f"no read fell inside the ingest: {sorted(set(seen))}"


@pytest.mark.parametrize("code", ["E412"])
def test_reliability_concurrency_second_ingest_refuses(tmp_path, corpus, code):
    from dyad.store.lock import ingest_lock

    db = tmp_path / "dyad.db"
    with ingest_lock(db):  # as a running ingest holds it
        second = subprocess.run([*DYAD, "ingest", str(corpus), "--db", str(db)], capture_output=True, text=True)
    assert second.returncode == 1
    assert second.stderr.splitlines() == [
        f"error: {code} another dyad ingest (process {os.getpid()}) is writing to {db}: "
        f"wait for it to finish, then run this one again"]
