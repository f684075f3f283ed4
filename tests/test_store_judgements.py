"""Analyst judgements: their effect on the views, undo, persistence and carrying them over."""
from __future__ import annotations

import json

import pytest

from dyad.store import Store, StoreError
from test_store_samples import BLUE, BLUE_FRONT, RED_HAND, RED_MOVEMENT, north, south


@pytest.fixture
def store(store_url):
    opened = Store(store_url)
    opened.add_extraction(north())
    opened.add_extraction(south())
    yield opened
    opened.close()


def _claim(store: Store, type: str) -> str:
    return next(x.id for x in store.interactions(include_rejected=True) if x.type == type)


@pytest.mark.parametrize("keep, drop", [(BLUE_FRONT.key, BLUE.key)])
def test_store_merge_folds_actor_into_kept_one(store, keep, drop):
    store.merge_actors(keep, drop, reason="same group")
    view = store.actor(drop)
    assert (view.key, view.members) == (keep, [drop])
    assert "Blue Crescent" in {a.alias for a in view.aliases}
    assert view.mentions_per_doc == {"north_report": 2, "south_report": 2}
    assert drop not in {a.key for a in store.actors()}


@pytest.mark.parametrize("keep, drop", [(BLUE_FRONT.key, BLUE.key)])
def test_store_merge_maps_claim_endpoints(store, keep, drop):
    store.merge_actors(keep, drop)
    assert {x.source for x in store.interactions(doc="south_report", include_rejected=True)} == {keep}


@pytest.mark.parametrize("keep, drop", [(RED_MOVEMENT.key, RED_HAND.key)])
def test_store_merge_drops_claims_that_become_self_loops(store, keep, drop):
    store.merge_actors(keep, drop)
    assert store.structure() == []


@pytest.mark.parametrize("keep, drop", [(BLUE_FRONT.key, BLUE.key), (BLUE.key, BLUE_FRONT.key)])
def test_store_merge_twice_is_refused(store, keep, drop):
    store.merge_actors(BLUE_FRONT.key, BLUE.key)
    with pytest.raises(StoreError, match="E406"):
        store.merge_actors(keep, drop)


@pytest.mark.parametrize("keep, drop", [(BLUE_FRONT.key, BLUE.key)])
def test_store_split_undoes_merge(store, keep, drop):
    store.merge_actors(keep, drop)
    store.split_actor(drop, reason="different groups")
    assert store.actor(drop).key == drop
    assert store.actor(keep).members == []


@pytest.mark.parametrize("key, other", [(BLUE.key, BLUE_FRONT.key), (BLUE_FRONT.key, BLUE.key)])
def test_store_split_with_other_separates_and_keeps_apart(store, key, other):
    store.merge_actors(BLUE_FRONT.key, BLUE.key)
    store.split_actor(key, other)
    assert store.actor(key).key == key and store.actor(other).key == other
    assert store.kept_apart() == {frozenset((key, other))}


@pytest.mark.parametrize("key", [BLUE.key])
def test_store_split_of_unmerged_actor_is_refused(store, key):
    with pytest.raises(StoreError, match="E407"):
        store.split_actor(key)


@pytest.mark.parametrize("alias", ["Blue Crescent Brigades", "the BCF"])
def test_store_added_alias_finds_actor(store, alias):
    store.add_alias(BLUE.key, alias)
    assert store.actor(alias).key == BLUE.key


@pytest.mark.parametrize("alias", ["RHB"])
def test_store_removed_alias_no_longer_finds_actor(store, alias):
    store.remove_alias(RED_HAND.key, alias)
    assert store.actor(alias) is None
    assert alias not in {a.alias for a in store.actor(RED_HAND.key).aliases}


@pytest.mark.parametrize("alias", ["Green Hand"])
def test_store_removing_unknown_alias_is_refused(store, alias):
    with pytest.raises(StoreError, match="E404"):
        store.remove_alias(RED_HAND.key, alias)


@pytest.mark.parametrize("new_name", ["Hand of Red"])
def test_store_rename_keeps_old_name_as_alias(store, new_name):
    store.rename_actor(RED_HAND.key, new_name)
    view = store.actor(RED_HAND.name)
    assert view.name == new_name and RED_HAND.name in {a.alias for a in view.aliases}


@pytest.mark.parametrize("type, ok", [("TRIBE", True), ("GANG", False)])
def test_store_retype_accepts_only_ontology_codes(store, type, ok):
    if not ok:
        with pytest.raises(StoreError, match="E100"):
            store.retype_actor(BLUE.key, type)
        return
    store.retype_actor(BLUE.key, type)
    assert [a.key for a in store.actors(type=type)] == [BLUE.key]


@pytest.mark.parametrize("type", ["CLASH"])
def test_store_rejected_claim_is_hidden_unless_asked_for(store, type):
    claim = _claim(store, type)
    store.review_claim(claim, "REJECT", reason="misread")
    assert claim not in {x.id for x in store.interactions()}
    assert {x.id: x.review for x in store.interactions(include_rejected=True)}[claim] == "REJECT"


@pytest.mark.parametrize("type", ["CLASH"])
def test_store_accept_after_reject_restores_claim(store, type):
    claim = _claim(store, type)
    store.review_claim(claim, "REJECT")
    store.review_claim(claim, "ACCEPT")
    assert claim in {x.id for x in store.interactions()}


@pytest.mark.parametrize("edits", [
    {"type": "ATTACK", "certainty": "ALLEGED"},
    {"source": RED_HAND.key, "target": BLUE.key},
    {"time_start": "2020-02", "time_end": None},
])
def test_store_edit_changes_fields_and_keeps_claim_id(store, edits):
    claim = _claim(store, "CLASH")
    store.review_claim(claim, "EDIT", edits)
    edited = next(x for x in store.interactions() if x.id == claim)
    now = {"type": edited.type, "certainty": edited.certainty, "source": edited.source, "target": edited.target,
           "time_start": edited.time.start, "time_end": edited.time.end}
    assert {k: now[k] for k in edits} == edits


@pytest.mark.parametrize("edits", [{"colour": "red"}, {"type": "HUG"}, {"certainty": "SURE"},
                                   {"source": "x:nobody"}, {}])
def test_store_invalid_edit_is_refused(store, edits):
    with pytest.raises(StoreError, match="E100|E401|E404"):
        store.review_claim(_claim(store, "CLASH"), "EDIT", edits)


@pytest.mark.parametrize("call, code", [
    (lambda s: s.merge_actors(BLUE.key, "x:nobody"), "E401"),
    (lambda s: s.add_alias("x:nobody", "Nobody"), "E401"),
    (lambda s: s.review_claim("0" * 16, "REJECT"), "E402"),
    (lambda s: s.review_claim(_claim(s, "CLASH"), "MAYBE"), "E403"),
    (lambda s: s.undo(999), "E405"),
])
def test_store_judgement_on_missing_subject_is_refused(store, call, code):
    with pytest.raises(StoreError, match=code):
        call(store)
    assert store.judgements() == []


@pytest.mark.parametrize("keep, drop", [(BLUE_FRONT.key, BLUE.key)])
def test_store_undo_removes_effect_and_keeps_record(store, keep, drop):
    merge = store.merge_actors(keep, drop)
    store.undo(merge)
    assert store.actor(drop).key == drop
    assert [(j.id, j.undone_at is not None) for j in store.judgements()] == [(merge, True)]
    assert store.judgements(include_undone=False) == []


@pytest.mark.parametrize("keep, drop", [(BLUE_FRONT.key, BLUE.key)])
def test_store_undo_twice_is_refused(store, keep, drop):
    merge = store.merge_actors(keep, drop)
    store.undo(merge)
    with pytest.raises(StoreError, match="E405"):
        store.undo(merge)


@pytest.mark.parametrize("keep, drop", [(BLUE_FRONT.key, BLUE.key)])
def test_store_judgements_persist_across_reopen(store_url, store, keep, drop):
    store.merge_actors(keep, drop, reason="same group", author="ana")
    store.close()
    with Store(store_url) as reopened:
        assert reopened.actor(drop).key == keep
        assert [(j.kind, j.subject, j.object, j.author) for j in reopened.judgements()] == [
            ("MERGE", drop, keep, "ana")]


def _decide(store: Store) -> None:
    store.merge_actors(BLUE_FRONT.key, BLUE.key)
    store.review_claim(_claim(store, "CLASH"), "REJECT")
    store.undo(store.add_alias(RED_HAND.key, "Crimson Hand"))


def _views(store: Store) -> tuple:
    return store.actors(), store.interactions(include_rejected=True), store.structure()


@pytest.mark.parametrize("ingest_order", [(north, south), (south, north)])
def test_store_judgements_carry_over_to_reingested_database(tmp_path, store, ingest_order):
    _decide(store)
    carried = json.loads(json.dumps(store.export_judgements()))
    with Store(tmp_path / "fresh.db") as fresh:
        for make in ingest_order:
            fresh.add_extraction(make())
        assert fresh.import_judgements(carried) == 3
        assert _views(fresh) == _views(store)
        assert fresh.export_judgements() == store.export_judgements()


@pytest.mark.parametrize("times", [2])
def test_store_import_judgements_skips_those_already_there(store, times):
    _decide(store)
    carried = store.export_judgements()
    assert [store.import_judgements(carried) for _ in range(times)] == [0] * times
    assert len(store.judgements()) == 3


@pytest.mark.parametrize("item", [{"kind": "LIKE", "subject": "x", "created_at": "2026-01-01T00:00:00+00:00"}])
def test_store_import_judgements_refuses_unknown_kinds(store, item):
    with pytest.raises(StoreError, match="E409"):
        store.import_judgements([item])


def _replayed_afresh(store: Store):
    """What a store opened now replays from the whole log (no decisions kept from before)."""
    other = Store(store.engine.url.render_as_string(hide_password=False))
    try:
        with other._read() as s:
            return other._decisions(s)
    finally:
        other.close()


@pytest.mark.parametrize("steps", [("merge", "review", "undo", "split", "merge_late")])
def test_store_decisions_kept_between_calls_equal_a_full_replay(store, steps):
    """Regression guard for the replay kept on the store: after each kind of judgement (and
    an actor stored after a judgement named it) it equals a replay of the whole log."""
    from test_store_samples import extraction_with_actor

    ids = {}
    for step in steps:
        if step == "merge":
            ids["merge"] = store.merge_actors(BLUE_FRONT.key, BLUE.key)
        elif step == "review":
            store.review_claim(_claim(store, "ATTACK"), "REJECT")
        elif step == "undo":
            store.undo(ids["merge"])
        elif step == "split":
            store.merge_actors(RED_MOVEMENT.key, RED_HAND.key)
            store.split_actor(RED_HAND.key)
        elif step == "merge_late":
            store.import_judgements([{"kind": "MERGE", "subject": "x:late group", "object": BLUE.key,
                                      "created_at": "2026-01-01T00:00:00+00:00"}])
            store.actors()  # the merge is skipped while its actor is not stored
            store.add_extraction(extraction_with_actor("x:late group", "Late Group"))
        with store._read() as s:
            assert store._decisions(s) == _replayed_afresh(store), step
