"""The JSON export: the scorer's schema, built from judgement-applied views, deterministic."""
from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path

import pytest

from dyad.export.json_export import export_json
from dyad.store import Store
from test_store_samples import BLUE, BLUE_FRONT, NORTH_TEXT, RED_HAND, SOUTH_TEXT, north, south

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"

FIELDS = {
    "documents": {"id", "name", "published", "title", "source", "url", "published_inferred", "near_duplicate_of"},
    "actors": {"id", "name", "type", "aliases", "kb_id"},
    "structure": {"source", "target", "type", "start", "end", "former", "origin", "cue", "provenance", "evidence"},
    "interactions": {"id", "source", "target", "type", "certainty", "attributed_to", "time", "place", "cue",
                     "trigger", "via", "confidence", "origin", "provenance", "evidence"},
}


def _store(*makes) -> Store:
    store = Store("sqlite://")
    for make in makes:
        store.add_extraction(make())
    return store


@pytest.mark.parametrize("section", sorted(FIELDS))
def test_export_json_has_scorer_schema(section):
    export = export_json(_store(north, south))
    assert set(export) == set(FIELDS) | {"dyads"}
    assert export[section] and all(set(item) == FIELDS[section] for item in export[section])


@pytest.mark.parametrize("section", ["interactions", "structure"])
def test_export_json_evidence_quotes_its_document(section):
    export = export_json(_store(north, south))
    texts = {north().document.id: NORTH_TEXT, south().document.id: SOUTH_TEXT}
    spans = [e for item in export[section] for e in item["evidence"]]
    assert spans and all(texts[e["doc"]][e["start"]:e["end"]] == e["text"] for e in spans)


@pytest.mark.parametrize("orders", [((north, south), (south, north))])
def test_export_json_is_deterministic(orders):
    first, second = (json.dumps(export_json(_store(*order)), sort_keys=False) for order in orders)
    assert first == second


@pytest.mark.parametrize("makes, edges", [
    ((south,), []),  # the KB edge names an actor no stored document mentions
    ((north, south), [("kb", 1)]),  # KB edge, supported by one text span
])
def test_export_json_structure_needs_both_actors_stored(makes, edges):
    structure = export_json(_store(*makes))["structure"]
    assert [(s["origin"], len(s["evidence"])) for s in structure] == edges


@pytest.mark.parametrize("keep, drop", [(BLUE_FRONT.key, BLUE.key)])
def test_export_json_applies_judgements(keep, drop):
    store = _store(north, south)
    store.merge_actors(keep, drop)
    clash = next(x.id for x in store.interactions(type="CLASH"))
    store.review_claim(clash, "REJECT")
    export = export_json(store)
    assert drop not in {a["id"] for a in export["actors"]}
    assert clash not in {x["id"] for x in export["interactions"]}
    assert {x["source"] for x in export["interactions"] if x["type"] == "ATTACK"} == {keep}


@pytest.mark.parametrize("dyads", [None, [{"a": RED_HAND.key, "b": BLUE.key, "periods": []}]])
def test_export_json_passes_dyads_through(dyads):
    assert export_json(_store(north), dyads)["dyads"] == (dyads or [])


def _load_scorer():
    if not SCORER.exists():
        pytest.skip(f"the scorer {SCORER} is absent (../shared is not checked out beside the repo)")
    spec = importlib.util.spec_from_file_location("dyad_eval_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold(tmp_path: Path) -> Path:
    """Gold files an analyst would write for the two invented reports."""
    north_gold = {
        "doc": {"id": "north_report", "published": "2021-05"},
        "actors": [
            {"id": "rh", "name": "Red Hand Brigade", "type": "ARMED_GROUP", "aliases": ["RHB"]},
            {"id": "rm", "name": "Red Movement", "type": "POLITICAL_ORG", "aliases": []},
            {"id": "bcf", "name": "Blue Crescent Front", "type": "ARMED_GROUP", "aliases": []},
        ],
        "structure": [{"source": "rh", "target": "rm", "type": "PART_OF"}],
        "interactions": [
            {"source": "rh", "target": "bcf", "type": "TRAINING", "certainty": "ASSERTED",
             "time": {"start": "2019", "end": "2019"},
             "evidence": "The Red Hand Brigade trained fighters of the Blue Crescent Front in 2019"},
            {"source": "rh", "target": "bcf", "type": "THREAT", "certainty": "ASSERTED", "time": None,
             "evidence": "The group later threatened the Blue Crescent Front"},
        ],
        "dyads": [{"a": "rh", "b": "bcf", "cooperation_max": "TACTICAL", "hostility_max": "COERCIVE",
                   "latest": {"cooperation": "NONE", "hostility": "COERCIVE", "as_of": "2021-05"}}],
    }
    south_gold = {
        "doc": {"id": "south_report", "published": "2020-04"},
        "actors": [
            {"id": "bc", "name": "Blue Crescent", "type": "ARMED_GROUP", "aliases": []},
            {"id": "rh", "name": "Red Hand Brigade", "type": "ARMED_GROUP", "aliases": ["RHB"]},
        ],
        "interactions": [
            {"source": "bc", "target": "rh", "type": "CLASH", "certainty": "ASSERTED",
             "time": {"start": "2020-03", "end": "2020-03"},
             "evidence": "Fighters of the Blue Crescent clashed with RHB near the river in March 2020"},
            {"source": "bc", "target": "rh", "type": "ATTACK", "certainty": "NEGATED", "time": None,
             "evidence": "The Blue Crescent denied it attacked the Red Hand Brigade"},
        ],
    }
    for stem, gold, text in [("north_report", north_gold, NORTH_TEXT), ("south_report", south_gold, SOUTH_TEXT)]:
        (tmp_path / f"{stem}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
        (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
    return tmp_path


DYADS = [{"a": RED_HAND.key, "b": BLUE_FRONT.key, "periods": [
    {"start": "2019", "end": "2019", "cooperation": "TACTICAL", "hostility": "NONE"},
    {"start": "2021-05", "end": "2021-05", "cooperation": "NONE", "hostility": "COERCIVE"},
]}]


@pytest.mark.shared
@pytest.mark.parametrize("figure", ["actors", "interactions", "structure"])
def test_export_json_scores_perfectly_against_matching_gold(tmp_path, figure):
    scorer = _load_scorer()
    result = scorer.score(export_json(_store(north, south), DYADS), _gold(tmp_path))
    assert result[figure]["f1"] == 1.0
    assert (result["time_accuracy"], result["certainty_accuracy"]) == (1.0, 1.0)
    assert set(result["dyads"].values()) == {1.0}


BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _synthetic_store(url: str) -> str:
    """A small store from the benchmarks' generator (rows written directly: claims of every type
    and certainty over actor pairs with a long tail)."""
    spec = importlib.util.spec_from_file_location("dyad_synthetic", BENCHMARKS / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build_store(url, claims=3_000, actors=300, documents=600)
    return url


@pytest.fixture(params=["example", "synthetic"])
def big_enough(request, tmp_path, extractor) -> str:
    """A store of the bundled example, and a synthetic one."""
    from dyad.api import Dyad, example_corpus

    url = str(tmp_path / "dyad.db")
    if request.param == "synthetic":
        return _synthetic_store(url)
    assert Dyad(url, extractor=extractor).ingest([example_corpus()]).ok
    return url


def test_export_json_text_is_what_as_json_writes(big_enough):
    """``dyad export`` writes by orjson the very text json's indenting encoder wrote."""
    from dyad.api import Dyad
    from dyad.cli.common import as_json
    from dyad.export.json_export import export_text

    export = Dyad(big_enough).export()
    assert export["interactions"] and export["dyads"]
    assert export_text(export) == as_json(export)


def test_export_json_written_an_item_at_a_time_is_the_same_text(big_enough):
    """``dyad export`` streams the export; the bytes are those of the whole text, and a newline."""
    from dyad.api import Dyad
    from dyad.export.json_export import export_text

    out = io.BytesIO()
    Dyad(big_enough).write_export(out)
    assert out.getvalue().decode("utf-8") == export_text(Dyad(big_enough).export()) + "\n"


@pytest.mark.parametrize("sections", [{}, {"documents": [], "dyads": []}, {"a": [{}, {"b": [1, {"c": []}]}]},
                                      {"x": [{"t": "line\nbreak \u2028"}], "y": [[], 2]}])
def test_export_json_write_export_gives_export_text_of_any_sections(sections):
    from dyad.export.json_export import export_text, write_export

    out = io.BytesIO()
    write_export({k: iter(v) for k, v in sections.items()}, out)
    assert out.getvalue().decode("utf-8") == export_text(sections)


@pytest.mark.parametrize("confidence", [0.00001, 1e-7, 0.25, 1e16, 3])
def test_export_json_text_loads_as_json_does_for_any_number(confidence):
    """Floats under 1e-4 are spelled otherwise (0.00001 for 1e-05), never valued otherwise."""
    from dyad.cli.common import as_json
    from dyad.export.json_export import export_text

    export = {"interactions": [{"confidence": confidence, "text": "é \u2028 \x1f"}]}
    assert json.loads(export_text(export)) == json.loads(as_json(export))


def test_export_json_views_from_core_rows_equal_those_from_orm_rows(big_enough):
    """Every claim and document the export reads as Core rows, as the one-by-id readers (ORM rows) give them."""
    store = Store(big_enough)
    claims = store.interactions()
    assert claims == store.interactions_by_id(c.id for c in claims)
    assert store.documents() == [store.document(d.id) for d in store.documents()]
    store.close()
