"""Histories read from the store: one pair's from its claims alone, and every pair's kept rows,
each equal to a full rebuild from every claim (``build_histories``) after every kind of write."""
from __future__ import annotations

import random

import pytest

from dyad.analyse.dyads import build_histories
from dyad.model import Actor, Document, Evidence, Extraction, ImportBatch, Interaction, StructureClaim, TimeSpan
from dyad.ontology import CERTAINTIES, INTERACTION_TYPES
from dyad.store import Store

TYPES = ("ARMED_GROUP", "ARMED_GROUP", "ARMED_GROUP", "STATE", "PERSON")


def full_rebuild(store: Store, rules=None):
    return build_histories(store.interactions(), store.structure(), store.actors(), store.documents(), rules=rules)


def actors(n: int) -> list[Actor]:
    return [Actor(f"x:group {i}", f"Group {i}", TYPES[i % len(TYPES)]) for i in range(n)]


def report(rng: random.Random, number: int, cast: list[Actor], claims: int = 4, published: str | None = None,
           edges: bool = True) -> Extraction:
    """An invented report: claims between actors of ``cast`` (a few of them over and over, as
    news is), some dated, some part-of or affiliation edges read from it."""
    text = " ".join(f"Sentence {k} of report {number}." for k in range(claims + 2))
    doc = Document(id=f"doc{number:04d}", name=f"report_{number:04d}", text=text,
                   published=published or f"{rng.randint(2012, 2022)}-{rng.randint(1, 12):02d}")
    spans = [Evidence(doc.id, k * 24, k * 24 + 10, text[k * 24:k * 24 + 10]) for k in range(claims + 2)]
    picks = [rng.sample(cast[:6] if rng.random() < 0.6 else cast, 2) for _ in range(claims)]
    interactions = []
    for k, (a, b) in enumerate(picks):
        year = rng.randint(2010, 2022)
        time = rng.choice([None, TimeSpan(str(year), str(year), str(year), "year"),
                           TimeSpan(f"{year}-03", None, f"March {year}", "month")])
        interactions.append(Interaction(a.key, b.key, rng.choice(list(INTERACTION_TYPES)),
                                        rng.choice(list(CERTAINTIES)), spans[k], time=time, cue="test"))
    structure = []
    if edges and rng.random() < 0.4:
        a, b = rng.sample(cast, 2)
        structure.append(StructureClaim(a.key, b.key, rng.choice(["PART_OF", "AFFILIATE_OF", "MERGED_INTO"]),
                                        start=rng.choice([None, "2014"]), end=rng.choice([None, None, "2019"]),
                                        cue="wing of", evidence=spans[-1]))
    return Extraction(document=doc, actors=list({a.key: a for pair in picks for a in pair}.values()) +
                      [a for s in structure for a in cast if a.key in (s.source, s.target)],
                      interactions=interactions, structure=structure)


def kb_edges(cast: list[Actor]) -> Extraction:
    """A report naming no claims, carrying knowledge-base edges (no evidence document)."""
    doc = Document(id="kbdoc", name="kb_report", text="A report.", published="2016-01")
    return Extraction(document=doc, actors=cast[:4], structure=[
        StructureClaim(cast[1].key, cast[0].key, "PART_OF", origin="kb", cue="kb"),
        StructureClaim(cast[2].key, cast[3].key, "AFFILIATE_OF", start="2013", origin="kb", cue="kb")])


@pytest.fixture
def store(store_url):
    rng = random.Random(7)
    cast = actors(14)
    opened = Store(store_url)
    opened.add_extraction(kb_edges(cast))
    for number in range(30):
        opened.add_extraction(report(rng, number, cast))
    opened.merge_actors(cast[5].key, cast[7].key)
    opened.merge_actors(cast[8].key, cast[9].key)
    yield opened
    opened.close()


def _pairs(histories):
    return [(h.a, h.b) for h in histories]


@pytest.mark.parametrize("merged", [False, True])
def test_store_pair_history_equals_the_full_rebuild(store, merged):
    if merged:
        store.merge_actors("x:group 0", "x:group 2")  # a roll-up parent takes in an affiliated group
    full = full_rebuild(store)
    assert full
    for history in full:
        assert store.pair_history(history.a, history.b) == history
        assert store.pair_history(history.b, history.a) == history


@pytest.mark.parametrize("pair", [("x:group 0", "x:group 4"), ("x:group 7", "x:group 1")])
def test_store_pair_history_is_none_without_claims(store, pair):
    """A pair with no claim between them (a merged member's key is no pair of its own)."""
    full = {(h.a, h.b) for h in full_rebuild(store)}
    if tuple(sorted(pair)) not in full:
        assert store.pair_history(*pair) is None


def _claim(store: Store, rng: random.Random):
    return rng.choice(sorted(store.interactions(include_rejected=True), key=lambda c: c.id))


WRITES = {
    "ingest": lambda store, rng: store.add_extraction(report(rng, 100 + rng.randrange(10**6), actors(14))),
    "ingest_newer": lambda store, rng: store.add_extraction(report(rng, 200, actors(14), published="2030-01")),
    "kb_identity": lambda store, rng: store.add_extraction(report(
        rng, 300, [Actor("x:group 4", "Group 4", "ARMED_GROUP", kb_id="group4"), *actors(14)[:4]])),
    "accept": lambda store, rng: store.review_claim(_claim(store, rng).id, "ACCEPT"),
    "reject": lambda store, rng: store.review_claim(_claim(store, rng).id, "REJECT"),
    "edit_type": lambda store, rng: store.review_claim(_claim(store, rng).id, "EDIT", {"type": "ATTACK"}),
    "edit_ends": lambda store, rng: store.review_claim(_claim(store, rng).id, "EDIT",
                                                       {"source": "x:group 11", "target": "x:group 12"}),
    "reject_edge": lambda store, rng: store.review_claim(
        rng.choice(sorted(e.id for e in store.structure())), "REJECT"),
    "merge": lambda store, rng: store.merge_actors("x:group 1", "x:group 6"),
    "merge_into_child": lambda store, rng: store.merge_actors("x:group 1", "x:group 10"),
    "split": lambda store, rng: store.split_actor("x:group 7"),
    "keep_apart": lambda store, rng: store.split_actor("x:group 9", other="x:group 8"),
    "retype": lambda store, rng: store.retype_actor("x:group 3", "PERSON"),
    "alias": lambda store, rng: store.add_alias("x:group 3", "The Third"),
    "undo_last": lambda store, rng: store.undo(store.judgements()[-1].id),
    "undo_first_merge": lambda store, rng: store.undo(store.judgements()[0].id),
    "import": lambda store, rng: store.add_import(ImportBatch(
        source=Document(id=f"file{rng.randrange(10**6)}", name="bundle.json", text="", format="import"),
        documents=[Document(id="cited", name="cited", text="", format="import", published="2018-05")],
        actors=[Actor("x:group 13", "Group 13", "ARMED_GROUP"), Actor("x:group 0", "Group 0", "ARMED_GROUP")],
        interactions=[(f"imported{rng.randrange(10**6)}", Interaction(
            "x:group 13", "x:group 0", "FUNDING", "ASSERTED", Evidence("cited", 0, 0, ""),
            time=TimeSpan("2018", "2018", "2018", "year"), origin="import"))])),
    "import_judgements": lambda store, rng: store.import_judgements(
        [{"kind": "MERGE", "subject": "x:group 12", "object": "x:group 11", "created_at": "2025-01-01T00:00:00+00:00"}]),
}


def random_writes(store: Store, seed: int):
    """Apply every kind of write once, in a seeded random order, yielding each one's name
    after it ran; a judgement the state refuses (E405-E407) is a write too."""
    rng = random.Random(seed)
    for write in rng.sample(sorted(WRITES), len(WRITES)):
        try:
            WRITES[write](store, rng)
        except Exception as error:  # noqa: BLE001 - refused judgements are expected
            assert str(error)[:4] in ("E405", "E406", "E407"), error
        yield write


@pytest.mark.parametrize("write", sorted(WRITES))
def test_store_kept_histories_equal_the_full_rebuild_after_a_write(store, write):
    rng = random.Random(write)
    assert store.histories() == full_rebuild(store)  # kept rows made before the write
    WRITES[write](store, rng)
    assert store.histories() == full_rebuild(store)


@pytest.mark.parametrize("write", ["ingest", "merge"])
def test_store_refresh_histories_leaves_the_kept_rows_fresh(store, monkeypatch, write):
    """What an ingest ends with: the kept rows brought up to date, none read into memory."""
    import dyad.store.store as module

    WRITES[write](store, random.Random(write))
    store.refresh_histories()
    monkeypatch.setattr(module, "refresh_kept", lambda *args: pytest.fail("the kept rows were left stale"))
    assert store.histories() == full_rebuild(store)


@pytest.mark.parametrize("seed", [1, 2])
def test_store_kept_histories_equal_the_full_rebuild_after_many_writes(store, seed):
    """Writes of every kind in a random order, the kept rows read after each."""
    for write in random_writes(store, seed):
        assert store.histories() == full_rebuild(store), write


@pytest.mark.parametrize("rules", ["custom"])
def test_store_kept_histories_follow_the_rules_given(store, tmp_path, rules):
    from importlib import resources

    path = tmp_path / "rules.yaml"
    text = resources.files("dyad.analyse").joinpath("rules.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("persists: 12", "persists: 2"), encoding="utf-8")
    assert store.histories() == full_rebuild(store)
    assert store.histories(rules=path) == full_rebuild(store, rules=path)
    assert store.histories() == full_rebuild(store)


@pytest.mark.parametrize("write", ["ingest", "merge"])
def test_store_kept_histories_survive_a_refresh_killed_midway(store, monkeypatch, write):
    """A refresh that dies after deleting the touched rows leaves the rows and journal as they
    were (one transaction), and the next read recomputes them."""
    from dyad.store import histories

    store.histories()
    WRITES[write](store, random.Random(3))

    def killed(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(histories, "_keep", killed)
    with pytest.raises(KeyboardInterrupt):
        store.histories()
    monkeypatch.undo()
    assert store.histories() == full_rebuild(store)


@pytest.mark.parametrize("name", ["Group 3", "group 3", "The Third", "x:group 7"])
def test_store_actor_found_by_name_alias_or_member_key(store, name):
    """The folded-name lookup finds what a scan of every actor view finds."""
    from dyad.store.actors import find_actor

    store.add_alias("x:group 3", "The Third")
    with store._read() as s:
        everyone = store._actor_views(s, store._decisions(s))
    assert store.actor(name) == find_actor(everyone, name)


@pytest.mark.parametrize("revision", ["0003"])
def test_store_migration_folds_names_already_stored(store_url, revision):
    """A store made before folded names: the upgrade fills them, so its actors are found by name."""
    from alembic import command

    from dyad.store.engine import alembic_config, writing

    store = Store(store_url)
    store.add_extraction(report(random.Random(1), 1, actors(6)))
    with writing(store.engine) as connection:
        command.downgrade(alembic_config(connection), revision)
    store.close()
    upgraded = Store(store_url)
    assert upgraded.actor("group 1").key == "x:group 1"
    assert upgraded.histories() == full_rebuild(upgraded)
    upgraded.close()
