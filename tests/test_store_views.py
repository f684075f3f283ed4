"""Reading the store back: actor lookup, structure de-duplication, interaction filters."""
from __future__ import annotations

import pytest

from dyad.store import Store, StoreError, structure_id
from test_store_samples import BLUE, BLUE_FRONT, RED_HAND, RED_MOVEMENT, north, south


@pytest.fixture
def store(store_url):
    opened = Store(store_url)
    opened.add_extraction(north())
    opened.add_extraction(south())
    yield opened
    opened.close()


@pytest.mark.parametrize("query", ["Red Hand Brigade", "the red hand brigade", "RED-HAND BRIGADE", "RHB",
                                   "rhb", RED_HAND.key])
def test_store_actor_lookup_folds_names(store, query):
    assert store.actor(query).key == RED_HAND.key


@pytest.mark.parametrize("query", ["Green Hand", "kb:green_hand"])
def test_store_actor_lookup_misses_unknown_names(store, query):
    assert store.actor(query) is None


@pytest.mark.parametrize("key, counts", [(RED_HAND.key, {"north_report": 4, "south_report": 2}),
                                         (RED_MOVEMENT.key, {"north_report": 1})])
def test_store_actor_counts_mentions_per_document(store, key, counts):
    assert store.actor(key).mentions_per_doc == counts


@pytest.mark.parametrize("type, keys", [("POLITICAL_ORG", [RED_MOVEMENT.key]),
                                        ("ARMED_GROUP", [BLUE.key, BLUE_FRONT.key, RED_HAND.key])])
def test_store_actors_filter_by_type(store, type, keys):
    assert [a.key for a in store.actors(type=type)] == keys


@pytest.mark.parametrize("edge", [("PART_OF", RED_HAND.key, RED_MOVEMENT.key)])
def test_store_structure_keeps_one_edge_per_document_and_one_from_the_kb(store, edge):
    claims = [c for c in store.structure() if (c.type, c.source, c.target) == edge]
    assert sorted((c.origin, c.evidence.doc if c.evidence else None) for c in claims) == [
        ("kb", None), ("text", north().document.id)]


@pytest.mark.parametrize("actor, expected", [("Red Movement", 2), ("Blue Crescent", 0)])
def test_store_structure_filters_by_actor(store, actor, expected):
    assert len(store.structure(actor=actor)) == expected


@pytest.mark.parametrize("claim", [north().structure[0]])
def test_store_structure_carries_stored_claim_id(store, claim):
    assert structure_id(claim) in {c.id for c in store.structure()}


@pytest.mark.parametrize("filters, types", [
    ({}, ["ATTACK", "CLASH", "THREAT", "TRAINING"]),
    ({"type": "CLASH"}, ["CLASH"]),
    ({"doc": "north_report"}, ["TRAINING", "THREAT"]),
    ({"doc": north().document.id, "type": "THREAT"}, ["THREAT"]),
    ({"actor": "Blue Crescent"}, ["CLASH", "ATTACK"]),
    ({"actor": "RHB", "type": "ATTACK"}, ["ATTACK"]),
])
def test_store_interactions_filter(store, filters, types):
    assert sorted(x.type for x in store.interactions(**filters)) == sorted(types)


@pytest.mark.parametrize("filters, code", [({"doc": "west_report"}, "E410"), ({"actor": "Green Hand"}, "E401")])
def test_store_interactions_unknown_filter_is_explained(store, filters, code):
    with pytest.raises(StoreError, match=code):
        store.interactions(**filters)


@pytest.mark.parametrize("make", [north, south])
def test_store_interactions_round_trip_the_claims(store, make):
    stored = {x.id: x for x in store.interactions(doc=make().document.name)}
    for claim in make().interactions:
        got = stored[claim.id]
        assert (got.source, got.target, got.type, got.certainty, got.evidence, got.time, got.place, got.trigger) == (
            claim.source, claim.target, claim.type, claim.certainty, claim.evidence, claim.time, claim.place,
            claim.trigger)


@pytest.mark.parametrize("doc", ["north_report"])
def test_store_interactions_are_ordered_by_position(store, doc):
    starts = [x.evidence.start for x in store.interactions(doc=doc)]
    assert starts == sorted(starts)
