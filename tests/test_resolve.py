"""Cross-document identity: proposals recorded as reversible judgements."""
from dataclasses import dataclass

import pytest

from dyad import resolve
from dyad.model import Actor, Document, Extraction, SameAs
from dyad.store import Store


@dataclass
class _A:
    key: str
    name: str
    type: str
    kb_id: str | None = None


@pytest.mark.parametrize("names,expected", [
    ((("x:shadi menei", "Shadi al-Menei"), ("x:shadi manii", "Shadi al-Mani'i")), ("x:shadi manii", "x:shadi menei")),
])
def test_resolve_cross_document_merges_spelling_variants(names, expected):
    actors = [_A(k, n, "PERSON") for k, n in names]
    assert [(p.keep, p.drop) for p in resolve.cross_document(actors)] == [expected]


def test_resolve_cross_document_prefers_kb_actor_and_keeps_distinct_names_apart():
    actors = [_A("x:islamic state sinai", "Islamic State Sinai", "ARMED_GROUP"),
              _A("kb:is", "Islamic State", "ARMED_GROUP", "is"),
              _A("x:wilayat sina", "Wilayat Sina", "ARMED_GROUP"),
              _A("kb:ws", "Wilayat Sinai", "ARMED_GROUP", "ws")]
    assert [(p.keep, p.drop) for p in resolve.cross_document(actors)] == [("kb:ws", "x:wilayat sina")]


def _store_with(tmp_path, keys):
    store = Store(tmp_path / "r.db")
    doc = Document(id="d1", name="d1", text="x")
    store.add_extraction(Extraction(doc, [Actor(k, k, "PERSON") for k in keys]))
    return store


def test_resolve_apply_records_undoable_merges(tmp_path):
    store = _store_with(tmp_path, ["x:a", "x:b"])
    assert resolve.apply(store, [SameAs("x:a", "x:b", "test")]) == 1
    (j,) = store.judgements()
    assert (j.kind, j.author) == ("MERGE", resolve.AUTHOR)
    store.undo(j.id)
    assert {a.key for a in store.actors()} == {"x:a", "x:b"}


def test_resolve_apply_respects_kept_apart(tmp_path):
    store = _store_with(tmp_path, ["x:a", "x:b"])
    store.split_actor("x:b", other="x:a", reason="different people")
    assert resolve.apply(store, [SameAs("x:a", "x:b", "test")]) == 0


@dataclass
class _Seen:
    alias: str


@dataclass
class _V(_A):
    aliases: list = None


def test_resolve_declared_alias_merges_a_bare_acronym_into_its_group():
    actors = [_V("x:red hills brigades", "Red Hills Brigades", "ARMED_GROUP", None, [_Seen("RHB")]),
              _V("x:rhb", "RHB", "OTHER_ORG", None, [])]
    assert [(p.keep, p.drop) for p in resolve.declared_aliases(actors)] == [("x:red hills brigades", "x:rhb")]


def _proposals_comparing_whole_blocks(actors):
    """The resolver before its finer blocking: every earlier name of a (type, word count, initial) block."""
    from dyad.nlp.names import fold, same_name

    blocks = {}
    for a in sorted(actors, key=lambda a: (not a.kb_id, a.key)):
        words = fold(a.name).split()
        if words:
            blocks.setdefault((a.type, len(words), words[0][:1]), []).append(a)
    return [(keep.key, a.key) for group in blocks.values() for k, a in enumerate(group) if not a.kb_id
            for keep in [next((b for b in group[:k] if same_name(b.name, a.name)), None)] if keep]


@pytest.mark.parametrize("seed", [0, 1])
def test_resolve_cross_document_blocks_keep_every_match(seed):
    """Regression guard for the finer blocks: the same proposals, in the same order, as comparing
    each name with every earlier one of its type, word count and initial."""
    import random

    rng = random.Random(seed)
    words = ["Hezbollah", "Hizballah", "Hizbullah", "al", "Qaeda", "Qaida", "Red", "Hills", "Hils", "Front",
             "Frente", "Army", "Armee", "7", "ab", "abc", "cd", "d", "Brigade", "Brigades"]
    actors = [_A(f"x:{i}", " ".join(rng.choice(words) for _ in range(rng.randint(1, 3))),
                 rng.choice(["ARMED_GROUP", "STATE"]), "kb" if rng.random() < 0.1 else None) for i in range(600)]
    assert [(p.keep, p.drop) for p in resolve.cross_document(actors)] == _proposals_comparing_whole_blocks(actors)
