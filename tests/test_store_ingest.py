"""Opening a store, its schema migrations, and writing extractions into it."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from dyad.model import Actor, Extraction, Mention
from dyad.store import Store, StoreError
from dyad.store import ingest
from dyad.store.engine import alembic_config, database_url
from dyad.store.schema import Base, include_name
from test_store_samples import BLUE_FRONT, RED_HAND, north, south


@pytest.fixture
def store(store_url):
    opened = Store(store_url)
    yield opened
    opened.close()


def _revision(store: Store) -> str | None:
    with store.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _head(store: Store) -> str:
    with store.engine.connect() as connection:
        return ScriptDirectory.from_config(alembic_config(connection)).get_current_head()


@pytest.mark.parametrize("opens", [1, 2])
def test_store_database_is_at_head_revision_after_each_open(store_url, opens):
    for _ in range(opens):
        store = Store(store_url)
        revision, head = _revision(store), _head(store)
        store.close()
    assert revision == head is not None


def test_store_engine_head_is_the_newest_migration(store_url):
    """``engine.HEAD`` lets a store at it open without Alembic: it must name the last script."""
    from dyad.store.engine import HEAD

    store = Store(store_url)
    assert HEAD == _head(store) == _revision(store)
    store.close()


@pytest.mark.parametrize("module", ["alembic"])
def test_store_at_head_opens_without_loading_alembic(tmp_path, module):
    """Regression: each open ran Alembic's upgrade, a write transaction, even with nothing to do."""
    Store(tmp_path / "dyad.db").close()
    opened = f"from dyad.store import Store; Store({str(tmp_path / 'dyad.db')!r}); import sys; print({module!r} in sys.modules)"
    assert subprocess.run([sys.executable, "-c", opened], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_store_migrations_create_the_declared_schema(store_url):
    store = Store(store_url)
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        assert compare_metadata(context, Base.metadata) == []


@pytest.mark.parametrize("pragma, value", [("journal_mode", "wal"), ("foreign_keys", 1)])
def test_store_sqlite_file_is_tuned(tmp_path, pragma, value):
    store = Store(tmp_path / "dyad.db")
    with store.engine.connect() as connection:
        assert connection.execute(text(f"PRAGMA {pragma}")).scalar() == value


@pytest.mark.parametrize("url, expected", [("postgresql://u:p@host/db", "postgresql+psycopg://u:p@host/db"),
                                           ("postgresql+psycopg2://host/db", "postgresql+psycopg2://host/db")])
def test_store_postgresql_url_gets_the_installed_driver(url, expected):
    assert database_url(url) == expected


@pytest.mark.parametrize("path", ["no/such/folder/dyad.db"])
def test_store_missing_folder_is_explained(tmp_path, path):
    with pytest.raises(StoreError, match="E411"):
        Store(tmp_path / path)


@pytest.mark.parametrize("make", [north, south])
def test_store_add_extraction_is_idempotent(store, make):
    assert store.add_extraction(make()) is True
    assert store.add_extraction(make()) is False
    assert len(store.documents()) == 1
    assert len(store.interactions(include_rejected=True)) == 2


@pytest.mark.parametrize("make", [north])
def test_store_add_extraction_data_survives_reopen(store_url, make):
    with Store(store_url) as store:
        store.add_extraction(make())
    with Store(store_url) as store:
        assert store.has_document(make().document.id)
        assert [x.id for x in store.interactions()] == sorted(x.id for x in make().interactions)


@pytest.mark.parametrize("make", [north])
def test_store_failed_extraction_leaves_nothing(store, monkeypatch, make):
    def fail(_claim):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ingest, "_interaction_row", fail)  # fails after document and actors were flushed
    with pytest.raises(RuntimeError):
        store.add_extraction(make())
    assert (store.documents(), store.actors(), store.structure()) == ([], [], [])
    assert not store.has_document(make().document.id)


@pytest.mark.parametrize("make", [north])
def test_store_refuses_claims_about_unknown_actors(store, make):
    ex = make()
    ex.actors = [a for a in ex.actors if a.key != BLUE_FRONT.key]
    with pytest.raises(StoreError, match="E408.*blue crescent front"):
        store.add_extraction(ex)
    assert store.documents() == []


@pytest.mark.parametrize("field, code", [("type", "FRIENDSHIP"), ("certainty", "MAYBE")])
def test_store_refuses_codes_outside_the_ontology(store, field, code):
    ex = north()
    ex.interactions[0] = replace(ex.interactions[0], **{field: code})
    with pytest.raises(ValueError, match="E100"):
        store.add_extraction(ex)


@pytest.mark.parametrize("guess, known", [
    (Actor("kb:red_hand", "Red Hand", "OTHER_ORG"), RED_HAND),
])
def test_store_actor_upsert_prefers_knowledge_base_identity(store, guess, known):
    first, second = north(), south()
    first.actors = [guess if a.key == guess.key else a for a in first.actors]
    store.add_extraction(first)
    assert (store.actor(guess.key).name, store.actor(guess.key).kb_id) == (guess.name, None)
    store.add_extraction(second)
    view = store.actor(guess.key)
    assert (view.name, view.type, view.kb_id) == (known.name, known.type, known.kb_id)


@pytest.mark.parametrize("key, first", [(RED_HAND.key, RED_HAND)])
def test_store_actor_upsert_keeps_first_name_among_text_guesses(store, key, first):
    store.add_extraction(north())
    later = south()
    later.actors = [Actor(key, "Another Spelling", "ARMED_GROUP", kb_id="red_hand") if a.key == key else a
                    for a in later.actors]
    store.add_extraction(later)
    assert store.actor(key).name == first.name


@pytest.mark.parametrize("alias, docs", [
    ("RHB", ["north_report", "south_report"]),  # seen in both
    ("Red Hand", []),  # from the knowledge base only
])
def test_store_aliases_merge_across_documents(store, alias, docs):
    store.add_extraction(north())
    store.add_extraction(south())
    seen = {a.alias: a.docs for a in store.actor(RED_HAND.key).aliases}
    assert seen[alias] == docs


@pytest.mark.parametrize("phrase", ["The group"])
def test_store_descriptions_and_coreference_are_not_aliases(store, phrase):
    store.add_extraction(north())
    assert phrase not in {a.alias for a in store.actor(RED_HAND.key).aliases}


@pytest.mark.parametrize("text, cue, alias", [
    ("Red Hand", "kb", True),
    ("Northland security forces", "demonym", True),  # a demonym phrase calls the force by a name
    ("Northland", "demonym", False),  # "Northland-backed": the state only as a modifier
    ("the group", "coref", False),
    ("its armed wing", "description", False),
])
def test_store_alias_is_what_names_the_actor(text, cue, alias):
    assert ingest.names_its_actor(Mention("doc", 0, len(text), text, "kb:x", cue)) is alias


@pytest.mark.parametrize("minhash", [[3, 1, 4, 1, 5]])
def test_store_minhashes_round_trip(store, minhash):
    store.add_extraction(north(), minhash=minhash)
    store.add_extraction(south())
    assert store.minhashes() == [(north().document.id, minhash)]


@pytest.mark.parametrize("ref", ["north_report", north().document.id])
def test_store_document_by_id_or_name(store, ref):
    store.add_extraction(north())
    assert store.document(ref) == north().document
    assert store.document("missing") is None


@pytest.mark.parametrize("ex", [Extraction(document=north().document)])
def test_store_empty_extraction_stores_the_document(store, ex):
    assert store.add_extraction(ex)
    assert [d.name for d in store.documents()] == ["north_report"]
