"""One store on either backend: imported claims, and several ingests into one PostgreSQL store at once."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from store_backends import NO_POSTGRES, POSTGRES_URL, postgres_schema
from dyad.api import Dyad, example_corpus
from dyad.store import Store
from test_store_samples import north, south

DYAD = str(Path(sys.executable).with_name("dyad"))


@pytest.mark.parametrize("makes", [(north, south)])
def test_store_backend_keeps_imported_claims_apart(store_url, tmp_path, makes):
    from dyad.export.json_export import export_json
    from dyad.imports import read_import
    from interop_helpers import write_json

    source = Store("sqlite://")
    for make in makes:
        source.add_extraction(make())
    with Store(store_url) as store:
        counts = store.add_import(read_import(write_json(export_json(source), tmp_path / "export.json")))
        assert counts.interactions == len(source.interactions()) > 0
        assert {x.id for x in store.interactions()} == {x.id for x in source.interactions()}
        assert {x.origin for x in store.interactions()} == {"import"}


def _corpora(folder: Path, picks: list[list[int]]) -> list[Path]:
    """One folder per process, each with the example articles it picks (they overlap)."""
    articles = sorted(p for p in example_corpus().iterdir() if not p.name.endswith(".meta.json"))
    folders = []
    for n, pick in enumerate(picks):
        target = folder / f"corpus{n}"
        target.mkdir(parents=True)
        for article in (articles[i] for i in pick):
            shutil.copy(article, target)
            shutil.copy(article.with_name(article.stem + ".meta.json"), target)
        folders.append(target)
    return folders


def _export(url: str) -> str:
    return json.dumps(Dyad(url).export(), sort_keys=True)


@pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES)
@pytest.mark.parametrize("picks", [[[0, 1, 2, 3], [1, 2, 3, 4], [0, 2, 4, 3]]])
def test_store_postgres_concurrent_ingests_store_each_document_once(tmp_path, extractor, picks):
    folders = _corpora(tmp_path, picks)
    with postgres_schema() as together, postgres_schema() as serial:
        processes = [subprocess.Popen([DYAD, "ingest", str(f), "--db", together], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True) for f in folders]
        outcomes = [(p.wait(timeout=600), *p.communicate()) for p in processes]
        assert [status for status, _, _ in outcomes] == [0] * len(folders), outcomes
        assert sum(int(out.split()[1].rstrip(",")) for _, out, _ in outcomes) == 5  # each stored once
        assert Dyad(serial, extractor=extractor).ingest([example_corpus()]).added == 5
        assert Dyad(together).check().ok
        assert _export(together) == _export(serial)
