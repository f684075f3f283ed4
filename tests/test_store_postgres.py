"""The same store on PostgreSQL, when a server is given (DYAD_TEST_POSTGRES_URL=postgresql+psycopg://...)."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from dyad.store import Store
from test_store_samples import BLUE, BLUE_FRONT, north, south

URL = os.environ.get("DYAD_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not URL, reason="set DYAD_TEST_POSTGRES_URL to an empty PostgreSQL database "
                                                "(needs the 'postgres' extra: psycopg) to run these")


@pytest.fixture
def store():
    opened = Store(URL)
    yield opened
    with opened.engine.begin() as connection:
        for table in ("judgements", "interactions", "structure", "mentions", "aliases", "actors", "documents",
                      "alembic_version"):
            connection.execute(text(f"DROP TABLE IF EXISTS {table}"))
    opened.close()


@pytest.mark.parametrize("keep, drop", [(BLUE_FRONT.key, BLUE.key)])
def test_store_postgres_ingests_and_applies_judgements(store, keep, drop):
    assert store.add_extraction(north()) and store.add_extraction(south())
    assert not store.add_extraction(north())
    store.merge_actors(keep, drop)
    assert store.actor(drop).key == keep
    assert {x.source for x in store.interactions(doc="south_report")} == {keep}


@pytest.mark.parametrize("makes", [(north, south)])
def test_store_postgres_keeps_imported_claims_apart(store, tmp_path, makes):
    from dyad.export.json_export import export_json
    from dyad.imports import read_import
    from interop_helpers import write_json

    source = Store("sqlite://")
    for make in makes:
        source.add_extraction(make())
    counts = store.add_import(read_import(write_json(export_json(source), tmp_path / "export.json")))
    assert counts.interactions == len(source.interactions()) > 0
    assert {x.id for x in store.interactions()} == {x.id for x in source.interactions()}
    assert {x.origin for x in store.interactions()} == {"import"}
