"""Name folding and transliteration-aware matching of actor names.

Two names are the same when they fold to the same key, or when they differ only by
spelling of the same words ("al-Mani'i" / "al-Menei", "Bait" / "Bayt"). The guard:
both names must have the same number of content words and every word must match a
word of the other, so names that share words but add one ("Islamic State" vs
"Islamic State Sinai Province" vs "Palestinian Islamic Jihad") never merge.
"""
from __future__ import annotations

import re
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import JaroWinkler
from unidecode import unidecode

from dyad.kb import normalise_name


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """The knowledge base's folding (case, diacritics, apostrophes, 'the', 'al-'), cached."""
    return normalise_name(name).strip()


def _skeleton(word: str) -> str:
    """A spelling-insensitive key for one transliterated word: its consonant skeleton."""
    w = word.replace("ou", "u").replace("ee", "i").replace("y", "i")
    return w[0] + re.sub(r"[aeiou]", "", w[1:]) if w else w


def words_match(a: str, b: str) -> bool:
    """Whether two folded words are spellings of the same transliterated word."""
    if a == b:
        return True
    if a.isdigit() or b.isdigit() or min(len(a), len(b)) < 4:
        return False
    if abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if _skeleton(a) == _skeleton(b):
        return True
    if min(len(a), len(b)) < 5:
        return False
    return jellyfish.metaphone(a) == jellyfish.metaphone(b) or JaroWinkler.similarity(a, b) >= 0.93


def same_name(a: str, b: str) -> bool:
    """Transliteration-aware name equality, guarded against names that share words."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb or fa.replace(" ", "") == fb.replace(" ", ""):
        return True
    wa, wb = fa.split(), fb.split()
    if len(wa) != len(wb):
        return False
    return all(words_match(x, y) for x, y in zip(wa, wb))


def acronym(name: str) -> str:
    """Initials of the capitalised words: 'Popular Resistance Committees' -> 'PRC'."""
    words = [w for w in re.split(r"[\s\-]+", unidecode(name)) if w and w[0].isupper()]
    return "".join(w[0] for w in words)
