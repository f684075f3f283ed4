"""Evidence full-text search (store/search.py): ranking, hostile queries, the index kept in step, migration 0004."""
from __future__ import annotations

import logging

import pytest
from alembic import command
from sqlalchemy import delete, inspect, text
from sqlalchemy.orm import Session

from dyad.model import Extraction, Interaction
from dyad.store import Store, search
from dyad.store.engine import alembic_config, writing
from dyad.store.schema import InteractionRow
from test_store_samples import BLUE_FRONT, RED_HAND, document, north, south, span

HOSTILE = ['"', '""', 'AND', 'OR', 'NOT', '*', 'x*', 'NEAR(', 'NEAR(a b, 2)', "'; DROP TABLE interactions; --",
           '-', '^', 'text:clashed', '((', ')', '\\', '%', '_', "':*", '!', '<->', '"unclosed phrase', '&|']


@pytest.fixture
def store(store_url):
    opened = Store(store_url)
    yield opened
    opened.close()


def report(name: str, sentences: list[str], published: str = "2020-01", claims_per_sentence: int = 1) -> Extraction:
    """A document of these sentences, each the evidence of ``claims_per_sentence`` claims."""
    doc = document(name, " ".join(sentences), published=published)
    types = ("ATTACK", "THREAT")[:claims_per_sentence]
    return Extraction(document=doc, actors=[RED_HAND, BLUE_FRONT], interactions=[
        Interaction(RED_HAND.key, BLUE_FRONT.key, type, "ASSERTED", span(doc, sentence))
        for sentence in sentences for type in types])


def _texts(store: Store, query: str, limit: int = 50) -> list[str]:
    return [hit.text for hit in store.search_sentences(query, limit)]


@pytest.mark.parametrize("best, other", [(
    "Gunmen ambushed a convoy, and a second ambush followed.",
    "Gunmen ambushed a convoy on the coast road near the old port at dawn, witnesses told reporters later."),
])
def test_store_search_ranks_the_better_match_first(store, best, other):
    store.add_extraction(report("newer", [other], published="2022-01"))
    store.add_extraction(report("older", [best], published="2019-01"))
    assert _texts(store, "ambush") == [best, other]


@pytest.mark.parametrize("sentence", ["The Red Hand Brigade shelled the Blue Crescent Front."])
def test_store_search_ties_go_to_the_newest_document(store, sentence):
    for name, published in [("a_2019", "2019-05"), ("c_2021", "2021-05"), ("b_2020", "2020-05")]:
        store.add_extraction(report(name, [sentence + f" ({name})"], published=published))
    assert [hit.doc_name for hit in store.search_sentences("shelled")] == ["c_2021", "b_2020", "a_2019"]


@pytest.mark.parametrize("claims", [2])
def test_store_search_gives_one_hit_per_sentence(store, claims):
    store.add_extraction(report("one", ["The Red Hand Brigade shelled the Blue Crescent Front."],
                                claims_per_sentence=claims))
    hits = store.search_sentences("shelled")
    assert len(hits) == 1 and len(hits[0].claims) == claims


@pytest.mark.parametrize("limit", [1, 3])
def test_store_search_honours_the_limit(store, limit):
    store.add_extraction(report("many", [f"Shelling hit village number {n}." for n in range(5)]))
    assert len(store.search_sentences("shelling", limit)) == limit


@pytest.mark.parametrize("query", HOSTILE)
def test_store_search_hostile_query_is_plain_text(store, query):
    store.add_extraction(north())
    assert isinstance(store.search_sentences(query), list)
    assert len(store.interactions()) == 2  # and nothing was executed


@pytest.mark.parametrize("query, found", [('"Blue Crescent clashed"', True), ('"clashed Blue Crescent"', False),
                                          ("clashed Blue", True), ('"Blue Crescent clashed', True)])
def test_store_search_quoted_phrase_keeps_its_word_order(store, query, found):
    store.add_extraction(south())
    assert bool(_texts(store, query)) == found


@pytest.mark.parametrize("query, sentence", [("training", "The Red Hand Brigade trained fighters of the Blue "
                                                          "Crescent Front in 2019"),
                                             ("threatens", "The group later threatened the Blue Crescent Front")])
def test_store_search_matches_other_forms_of_a_word(store, query, sentence):
    store.add_extraction(north())
    assert _texts(store, query) == [sentence]


@pytest.mark.parametrize("query", ["attacked"])
def test_store_search_leaves_out_rejected_claims_until_undone(store, query):
    store.add_extraction(south())
    [hit] = store.search_sentences(query)
    judgement = store.review_claim(hit.claims[0], "REJECT", reason="not an attack")
    assert store.search_sentences(query) == []
    store.undo(judgement)
    assert store.search_sentences(query) == [hit]


@pytest.mark.parametrize("claims", [2])
def test_store_search_hit_lists_only_claims_not_rejected(store, claims):
    store.add_extraction(report("one", ["The Red Hand Brigade shelled the Blue Crescent Front."],
                                claims_per_sentence=claims))
    [hit] = store.search_sentences("shelled")
    store.review_claim(hit.claims[0], "REJECT", reason="wrong type")
    assert [h.claims for h in store.search_sentences("shelled")] == [hit.claims[1:]]


@pytest.mark.parametrize("limit", [2])
def test_store_search_fills_the_limit_past_rejected_sentences(store, limit):
    store.add_extraction(report("many", [f"Shelling hit village number {n}." for n in range(4)]))
    for hit in store.search_sentences("shelling", limit):
        store.review_claim(hit.claims[0], "REJECT", reason="not shelling")
    assert len(store.search_sentences("shelling", limit)) == limit


def _delete_claims_of(store: Store, doc_id: str) -> None:
    """What dropping an import's twin claims does: claims go, then the document's sentences are re-indexed."""
    with writing(store.engine) as connection, Session(bind=connection) as s:
        s.execute(delete(InteractionRow).where(InteractionRow.doc_id == doc_id))
        search.index_sentences(s, [doc_id])
        s.flush()


def _fts5_intact(store: Store) -> None:
    if store.text_index == search.FTS5:  # raises when the index and its content table disagree
        with store.engine.begin() as connection:
            connection.exec_driver_sql("INSERT INTO evidence_fts (evidence_fts, rank) VALUES ('integrity-check', 1)")


@pytest.mark.parametrize("query", ["clashed"])
def test_store_search_index_follows_claims_that_go(store, query):
    store.add_extraction(north())
    store.add_extraction(south())
    _delete_claims_of(store, south().document.id)
    assert _texts(store, query) == []
    assert store.check().ok
    _fts5_intact(store)


@pytest.mark.parametrize("makes", [[north, south]])
def test_store_search_index_is_in_step_after_ingest(store, makes):
    for make in makes:
        store.add_extraction(make())
    assert store.check().ok
    _fts5_intact(store)


def test_store_check_reports_sentences_missing_from_the_index(store):
    store.add_extraction(north())
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM evidence_sentences"))
    assert any("missing from the search index" in p for p in store.check().problems)


def _downgrade(url: str, revision: str) -> None:
    store = Store(url)
    with writing(store.engine) as connection:
        command.downgrade(alembic_config(connection), revision)
    store.close()


def _tables(store: Store) -> set[str]:
    with store.engine.connect() as connection:
        return set(inspect(connection).get_table_names())


@pytest.mark.parametrize("revision", ["0003"])
def test_store_migration_0004_backfills_claims_stored_before_it(store_url, revision):
    with Store(store_url) as store:
        store.add_extraction(north())
        store.add_extraction(south())
    _downgrade(store_url, revision)
    with Store(store_url) as reopened:  # upgrades to head
        assert _texts(reopened, "clashed") == ["Fighters of the Blue Crescent clashed with RHB near the river "
                                               "in March 2020"]
        assert reopened.check().ok


@pytest.mark.parametrize("revision", ["0003"])
def test_store_migration_0004_downgrade_removes_the_index(store_url, revision):
    Store(store_url).close()
    _downgrade(store_url, revision)
    from dyad.store.engine import open_engine
    engine = open_engine(store_url)
    with engine.connect() as connection:
        left = {t for t in inspect(connection).get_table_names() if t.startswith("evidence")}
    engine.dispose()
    assert left == set()


@pytest.mark.parametrize("query, found", [("clashed", 1), ("CLASHED river", 1), ("clashed condemned", 0), ("%", 0)])
def test_store_search_without_fts5_scans_with_like(tmp_path, monkeypatch, caplog, query, found):
    monkeypatch.setattr(search, "sqlite_has_fts5", lambda connection: False)  # a SQLite built without FTS5
    with caplog.at_level(logging.WARNING, logger="dyad.store"):
        store = Store(tmp_path / "plain.db")
    assert store.text_index is None and "no FTS5" in caplog.text
    assert "evidence_fts" not in _tables(store)
    store.add_extraction(south())
    assert len(store.search_sentences(query)) == found
    assert all(isinstance(store.search_sentences(q), list) for q in HOSTILE)
    store.close()


@pytest.mark.parametrize("candidates", [2])
@pytest.mark.parametrize("recent", [1, 2, 10_000])
def test_store_search_broad_query_ranks_the_most_recently_stored_matches(store, monkeypatch, candidates, recent):
    """Whether PostgreSQL's walk down the newest ``recent`` sentences finds them (2, 10,000) or
    hands over to the GIN index (1), the candidates are the newest matches."""
    monkeypatch.setattr(search, "CANDIDATES", candidates)
    monkeypatch.setattr(search, "RECENT", recent)
    store.add_extraction(report("first", ["Gunmen ambushed a convoy, and a second ambush followed."]))
    store.add_extraction(report("second", ["Gunmen ambushed a convoy on the coast road near the old port."]))
    store.add_extraction(report("third", ["An ambush on the coast road near the old port at dawn, witnesses say."]))
    assert {hit.doc_name for hit in store.search_sentences("ambush")} == {"second", "third"}


@pytest.mark.parametrize("older, newer", [("Beta beta alpha rose.", "Alpha alpha beta rose.")])
def test_store_search_weighs_every_phrase_alike(store, older, newer):
    """Candidates all hold every phrase, so none weighs more for being rarer in the whole store
    (bm25 among the candidates on SQLite, ts_rank on PostgreSQL): these two tie, and the tie
    goes to the newer document, though ``beta`` is the rarer word of the store."""
    for n in range(6):
        store.add_extraction(report(f"filler_{n}", [f"Alpha units {n} moved."], published="2018-01"))
    store.add_extraction(report("older", [older], published="2019-01"))
    store.add_extraction(report("newer", [newer], published="2020-01"))
    assert _texts(store, "alpha beta") == [newer, older]


@pytest.mark.parametrize("matching, newest", [({1, 4, 7}, {"d4", "d7"}), ({0, 1, 7}, {"d1", "d7"})])
def test_store_search_narrower_query_ranks_the_most_recently_stored_matches(store, monkeypatch, matching, newest):
    """PostgreSQL's walk down the newest 2 of 8 sentences finds one match, so the GIN index is
    asked for the newest 4 (the walk's rate says they hold 2): whether they do ({1, 4, 7}) or
    not ({0, 1, 7}: every match is then asked for), the candidates are the newest matches."""
    monkeypatch.setattr(search, "CANDIDATES", 2)
    monkeypatch.setattr(search, "RECENT", 2)
    monkeypatch.setattr(search, "REACH", 1)
    for n in range(8):  # one sentence a document, stored oldest first
        store.add_extraction(report(f"d{n}", [f"An {'ambush' if n in matching else 'attack'} hit village {n}."]))
    assert {hit.doc_name for hit in store.search_sentences("ambush")} == newest
