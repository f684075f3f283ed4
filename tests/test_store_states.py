"""Every pair's state read by SQL from the kept periods (``store/states.py``) equals the state
read off every history decoded, as ``Dyad.dyads`` gave it before: on the bundled example and
after writes of every kind in random orders, on each backend."""
from __future__ import annotations

import random

import pytest
from sqlalchemy import inspect

from dyad.analyse.dyads import latest_state, state_at, summary
from dyad.api import Dyad, example_corpus
from dyad.store import Store

from test_store_histories import actors, full_rebuild, random_writes, report, store  # noqa: F401 - store is a fixture

# month and year dates before, across and after the claims' years (2010-2022), and none: the latest
DATES = [None, "2009", "2010-01", "2012-07", "2014", "2015-03", "2016-11", "2018", "2019-06", "2021-12", "2030"]
EXAMPLE_DATES = [None, *map(str, range(2016, 2023)), *(f"{y}-{m:02d}" for y in range(2016, 2023) for m in range(1, 13))]


def decoded(histories, at: str | None, actor: str | None = None) -> list:
    """What ``Dyad.dyads`` gave before the periods were kept: the state read off each history."""
    return [(summary(h), state_at(h, at) if at else latest_state(h)) for h in histories if actor in (None, h.a, h.b)]


@pytest.fixture
def example_url(store_url, extractor) -> str:
    """The bundled example ingested on each backend."""
    assert Dyad(store_url, extractor=extractor).ingest([example_corpus()]).ok
    return store_url


def test_store_states_equal_the_decoded_histories_on_the_example(example_url):
    store = Store(example_url)
    histories = store.histories()
    for at in EXAMPLE_DATES:
        assert store.states(at=at) == decoded(histories, at), at
    store.close()


@pytest.mark.parametrize("at", ["2016-02", None])
def test_store_states_of_one_actor_are_those_of_its_pairs(example_url, at):
    store = Store(example_url)
    histories = store.histories()
    for key in {k for h in histories for k in (h.a, h.b)}:
        assert store.states(at=at, actor=key) == decoded(histories, at, key)
    store.close()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_store_states_equal_the_full_rebuild_after_random_writes(store, seed):
    """Writes of every kind in a random order (the store fixture: both backends), the states
    read after each at every date."""
    for _ in random_writes(store, seed):
        full = full_rebuild(store)
        for at in DATES:
            assert store.states(at=at) == decoded(full, at), (write, at)


@pytest.mark.parametrize("revision", ["0005"])
def test_store_migration_0006_goes_down_and_up(store_url, revision):
    """Down: the periods and summaries go, 0005's kept histories stay. Up again: what they
    reflected is forgotten, so the next read rebuilds every pair with its periods."""
    from alembic import command

    from dyad.store.engine import alembic_config, writing

    store = Store(store_url)
    for number in range(8):
        store.add_extraction(report(random.Random(number), number, actors(8)))
    assert store.states()
    with writing(store.engine) as connection:
        command.downgrade(alembic_config(connection), revision)
    with store.engine.connect() as connection:
        schema = inspect(connection)
        assert {"dyad_summaries", "dyad_periods"}.isdisjoint(schema.get_table_names())
        assert "dyad_cache" in schema.get_table_names()
    store.close()
    upgraded = Store(store_url)
    full = full_rebuild(upgraded)
    for at in DATES:
        assert upgraded.states(at=at) == decoded(full, at)
    assert upgraded.histories() == full
    upgraded.close()
