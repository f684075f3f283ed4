"""Reading the annotated corpus: gold files, their errors, and how actors meet them."""
from __future__ import annotations

import json

import pytest

from dyad.learn.gold import GoldError, gold_key, read_corpus, read_gold


def test_learn_gold_reads_keys_spans_and_regions(annotated):
    docs = read_corpus(annotated)
    assert [d.stem for d in docs] == [f"doc{i}" for i in range(6)]
    d = docs[0]
    assert d.region == "north" and len(d.keys) == 5
    text = d.text_path.read_text(encoding="utf-8")
    for key, spans in d.spans.items():
        assert all(text[a:b].startswith("The ") or text[a:b].startswith("Fighters")
                   or text[a:b].startswith("Leaders") for a, b in spans)


def test_learn_gold_symmetric_keys_ignore_direction():
    assert gold_key("CLASH", "b", "a") == gold_key("CLASH", "a", "b")
    assert gold_key("ATTACK", "b", "a") != gold_key("ATTACK", "a", "b")


def test_learn_gold_names_stand_for_ids_and_part_of_relatives(tmp_path):
    (tmp_path / "x.txt").write_text("The Front's wing attacked the Army.", encoding="utf-8")
    (tmp_path / "x.gold.json").write_text(json.dumps({
        "doc": {"id": "x"}, "actors": [{"id": "f", "name": "The Front", "type": "ARMED_GROUP"},
                                       {"id": "w", "name": "Front wing", "type": "ARMED_GROUP", "aliases": ["wing"]},
                                       {"id": "a", "name": "Army", "type": "STATE_FORCE"}],
        "structure": [{"source": "w", "target": "f", "type": "PART_OF"}],
        "interactions": [{"source": "w", "target": "a", "type": "ATTACK", "certainty": "NEGATED", "evidence": ""}]}))
    g = read_gold(tmp_path / "x.gold.json")
    assert g.ids_for({"wing"}) == {"w", "f"} and not g.keys  # a negated act did not happen


@pytest.mark.parametrize("content,code", [
    ("{not json", "E620"),
    (json.dumps({"actors": [{"id": "a", "name": "A", "type": "STATE"}],
                 "interactions": [{"source": "a", "target": "zz", "type": "ATTACK"}]}), "E622"),
])
def test_learn_gold_bad_files_are_named(tmp_path, content, code):
    (tmp_path / "bad.txt").write_text("text", encoding="utf-8")
    (tmp_path / "bad.gold.json").write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=f"{code} .*bad.gold.json"):
        read_gold(tmp_path / "bad.gold.json")


def test_learn_gold_missing_text_and_empty_folder(tmp_path):
    (tmp_path / "lone.gold.json").write_text(json.dumps({"actors": []}), encoding="utf-8")
    with pytest.raises(GoldError, match="E621"):
        read_gold(tmp_path / "lone.gold.json")
    (tmp_path / "empty").mkdir()
    with pytest.raises(GoldError, match="E623"):
        read_corpus(tmp_path / "empty")
