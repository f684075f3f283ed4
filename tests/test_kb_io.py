"""dyad kb export / import: the store's curated actors as knowledge-base YAML, and back."""
from __future__ import annotations

import pytest
import yaml

from dyad.api import Dyad, example_corpus
from dyad.kb import load_kb


@pytest.fixture(scope="module")
def curated(tmp_path_factory, extractor) -> Dyad:
    """The example corpus, with one analyst alias added."""
    dyad = Dyad(tmp_path_factory.mktemp("kb") / "store.db", extractor=extractor)
    dyad.ingest([example_corpus()])
    dyad.add_alias("Red Hills Brigades", "the Hill Brigades", reason="local usage")
    return dyad


def test_kb_io_export_loads_as_a_kb_file(curated, tmp_path):
    path = tmp_path / "curated.yaml"
    path.write_text(curated.kb_export(), encoding="utf-8")
    kb = load_kb([path])
    assert {e["id"] for e in yaml.safe_load(path.read_text())} <= set(kb.entries)


@pytest.mark.parametrize("name, alias", [("Red Hills Brigades", "the Hill Brigades")])
def test_kb_io_export_carries_analyst_aliases(curated, name, alias):
    entry = next(e for e in yaml.safe_load(curated.kb_export()) if e["name"] == name)
    assert alias in entry.get("aliases", []) + entry.get("ambiguous_aliases", [])


def test_kb_io_round_trip_gives_the_same_file(curated, tmp_path):
    first = curated.kb_export()
    path = tmp_path / "curated.yaml"
    path.write_text(first, encoding="utf-8")
    other = Dyad(tmp_path / "empty.db")
    counts = other.kb_import(path)
    assert counts.actors == len(yaml.safe_load(first)) and other.kb_export() == first


@pytest.mark.parametrize("content, code", [("- {id: x, name: X, type: NOT_A_TYPE}\n", "E302")])
def test_kb_io_import_validates_the_file(tmp_path, content, code):
    from dyad.kb import KBError

    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KBError, match=code):
        Dyad(tmp_path / "empty.db").kb_import(path)
