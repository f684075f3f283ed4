"""Near-duplicate texts: the same article re-posted with small edits.

Exact duplicates share a content id already; near duplicates (a changed headline, a
trimmed footer) are found with MinHash over word 5-shingles and LSH, at an estimated
Jaccard similarity of 0.8 or more. Signatures are plain ints so a store can persist
them and rebuild the index without re-reading texts.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
THRESHOLD = 0.8
SHINGLE_WORDS = 5
# Named, not defaulted: stored signatures are only comparable under the scheme that made them.
SCHEME = "affine32"


def _shingles(text: str) -> set[bytes]:
    words = re.findall(r"\w+", text.lower())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


def _minhash(text: str) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch(list(_shingles(text)))
    return minhash


def signature(text: str) -> list[int]:
    """The text's MinHash values, as plain ints (stable across runs and machines)."""
    return [int(v) for v in _minhash(text).hashvalues]


class NearDuplicateIndex:
    """Ids of earlier texts that nearly match a new one."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._minhashes: dict[str, MinHash] = {}

    @classmethod
    def from_texts(cls, pairs: Iterable[tuple[str, str]]) -> NearDuplicateIndex:
        """An index of stored (id, text) pairs."""
        index = cls()
        for doc_id, text in pairs:
            index.add(doc_id, text)
        return index

    @classmethod
    def from_signatures(cls, pairs: Iterable[tuple[str, Sequence[int]]]) -> NearDuplicateIndex:
        """An index of stored (id, signature) pairs, without re-reading the texts."""
        index = cls()
        for doc_id, values in pairs:
            index.add_signature(doc_id, values)
        return index

    def __len__(self) -> int:
        return len(self._minhashes)

    def add(self, doc_id: str, text: str) -> None:
        """Index a text; adding an id again is a no-op (ids are content hashes)."""
        self._insert(doc_id, _minhash(text))

    def add_signature(self, doc_id: str, values: Sequence[int]) -> None:
        """Index a stored signature (from ``signature()``)."""
        if len(values) != NUM_PERM:
            raise ValueError(
                f"E212 signature of {doc_id!r} has {len(values)} values, not {NUM_PERM} — recompute it with signature()"
            )
        self._insert(doc_id, MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashvalues=np.array(values, dtype=np.uint64)))

    def _insert(self, doc_id: str, minhash: MinHash) -> None:
        if doc_id not in self._minhashes:
            self._minhashes[doc_id] = minhash
            self._lsh.insert(doc_id, minhash)

    def query(self, text: str) -> list[str]:
        """Indexed ids whose estimated similarity to ``text`` reaches the threshold, most similar first."""
        minhash = _minhash(text)
        scored = [(self._minhashes[i].jaccard(minhash), i) for i in self._lsh.query(minhash)]
        return [doc_id for score, doc_id in sorted(scored, key=lambda s: (-s[0], s[1])) if score >= THRESHOLD]
