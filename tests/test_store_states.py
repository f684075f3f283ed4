"""Every pair's state read by SQL from the kept periods (``store/states.py``) equals the state
read off every history decoded, as ``Dyad.dyads`` gave it before: on the bundled example and
after writes of every kind in random orders, on each backend."""
from __future__ import annotations

import random

import pytest
from sqlalchemy import inspect

from dyad.analyse.claims import first_month, last_month
from dyad.analyse.dyads import latest_state, listing_order, period_months, severity, state_at, summary
from dyad.api import Dyad, example_corpus
from dyad.ontology import rank
from dyad.store import Store

from test_store_histories import actors, full_rebuild, random_writes, report, store  # noqa: F401 - store is a fixture

# month and year dates before, across and after the claims' years (2010-2022), and none: the latest
DATES = [None, "2009", "2010-01", "2012-07", "2014", "2015-03", "2016-11", "2018", "2019-06", "2021-12", "2030"]
EXAMPLE_DATES = [None, *map(str, range(2016, 2023)), *(f"{y}-{m:02d}" for y in range(2016, 2023) for m in range(1, 13))]


def has_state_at(history, at: str) -> bool:
    """Whether a period of the history overlaps ``at`` (an undated one always does)."""
    lo, hi = first_month(at), last_month(at)
    return any(span is None or (span[0] <= hi and lo <= span[1]) for span in map(period_months, history.periods))


def decoded(histories, at: str | None, actor: str | None = None) -> list:
    """The list read off every history decoded: each pair's state (at ``at``: only the pairs with
    a period then), in ``listing_order``."""
    listed = [(summary(h), state_at(h, at) if at else latest_state(h)) for h in histories
              if actor in (None, h.a, h.b) and (at is None or has_state_at(h, at))]
    return sorted(listed, key=lambda pair: listing_order(*pair))


def states(store, at=None, actor=None, limit=None) -> list:
    """The pairs ``Store.states`` lists, after checking that its total counts them all."""
    found = store.states(at=at, actor=actor, limit=limit)
    assert limit is not None or found.total == len(found.pairs)
    return found.pairs


@pytest.fixture
def example_url(store_url, extractor) -> str:
    """The bundled example ingested on each backend."""
    assert Dyad(store_url, extractor=extractor).ingest([example_corpus()]).ok
    return store_url


def test_store_states_equal_the_decoded_histories_on_the_example(example_url):
    store = Store(example_url)
    histories = store.histories()
    for at in EXAMPLE_DATES:
        assert states(store, at) == decoded(histories, at), at
    store.close()


@pytest.mark.parametrize("at", ["2016-02", None])
def test_store_states_of_one_actor_are_those_of_its_pairs(example_url, at):
    store = Store(example_url)
    histories = store.histories()
    for key in {k for h in histories for k in (h.a, h.b)}:
        assert states(store, at, key) == decoded(histories, at, key)
    store.close()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_store_states_equal_the_full_rebuild_after_random_writes(store, seed):
    """Writes of every kind in a random order (the store fixture: both backends), the states
    read after each at every date."""
    for write in random_writes(store, seed):
        full = full_rebuild(store)
        for at in DATES:
            assert states(store, at) == decoded(full, at), (write, at)


@pytest.mark.parametrize("limit", [1, 3, 10_000])
@pytest.mark.parametrize("at", [None, "2017", "2019-06", "2030"])
def test_store_states_first_n_are_the_head_of_the_list_with_its_total(example_url, at, limit):
    store = Store(example_url)
    listed = decoded(store.histories(), at)
    found = store.states(at=at, limit=limit)
    assert (found.pairs, found.total) == (listed[:limit], len(listed))
    store.close()


@pytest.mark.parametrize("at", [None, "2019"])  # dates at which the example has many pairs to order
def test_store_states_list_the_most_hostile_then_the_closest_then_the_busiest_first(example_url, at):
    pairs = Store(example_url).states(at=at).pairs
    keys = [(-severity(state), -found.activity, found.a, found.b) for found, state in pairs]
    assert len(pairs) > 3 and keys == sorted(keys)
    assert [rank(state[1]) for _, state in pairs] == sorted((rank(state[1]) for _, state in pairs), reverse=True)


@pytest.mark.parametrize("revision, column", [("0005", None), ("0006", "severity")])
def test_store_migrations_of_the_kept_states_go_down_and_up(store_url, revision, column):
    """Down to 0005: the periods and summaries go, 0005's kept histories stay; to 0006: they lose
    the order columns. Up again: what they reflected is forgotten, so the next read rebuilds
    every pair with its periods."""
    from alembic import command

    from dyad.store.engine import alembic_config, writing

    store = Store(store_url)
    for number in range(8):
        store.add_extraction(report(random.Random(number), number, actors(8)))
    assert states(store)
    with writing(store.engine) as connection:
        command.downgrade(alembic_config(connection), revision)
    with store.engine.connect() as connection:
        schema = inspect(connection)
        assert "dyad_cache" in schema.get_table_names()
        if column is None:
            assert {"dyad_summaries", "dyad_periods"}.isdisjoint(schema.get_table_names())
        else:
            assert column not in {c["name"] for c in schema.get_columns("dyad_summaries")}
    store.close()
    upgraded = Store(store_url)
    full = full_rebuild(upgraded)
    for at in DATES:
        assert states(upgraded, at) == decoded(full, at)
    assert upgraded.histories() == full
    upgraded.close()
