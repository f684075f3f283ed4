"""The relation model file and its decisions: what ingest loads and applies."""
from __future__ import annotations

import json

import numpy as np
import pytest

from dyad.learn.model import Cut, RelationModel, load_model, shipped_model_path
from dyad.learn.pairs import FALLBACK, PARSED, rule_proposals

TYPES = ("ATTACK", "CLASH", "TRAINING")


def _model(cut: Cut = Cut(0.5)) -> RelationModel:
    vocab = {"trgpath:ATTACK": 0, "w:fight": 1}
    weights = np.array([[3.0, 0.5], [0.0, 2.0], [0.0, 0.0]])
    return RelationModel(TYPES, vocab, weights, np.array([-2.0, -2.0, -4.0]), 1.0, 0.0, cut, {"trained": "today"})


def test_learn_model_probabilities_follow_the_weights_and_ignore_unknown_features():
    m = _model()
    p = m.probabilities({"trgpath:ATTACK", "never seen"})
    assert p.shape == (3,) and p[0] > 0.7 and p[1] < 0.2
    assert np.allclose(m.probabilities(set()), 1 / (1 + np.exp([2.0, 2.0, 4.0])))  # the biases alone


def test_learn_model_saves_and_loads_the_same_model(tmp_path):
    m = _model(Cut(0.3, 0.2, ("TRAINING",)))
    m.save(tmp_path / "m.npz")
    back = load_model(tmp_path / "m.npz")
    feats = {"trgpath:ATTACK", "w:fight"}
    assert back.types == m.types and back.cut == m.cut and back.card == m.card
    assert np.allclose(back.probabilities(feats), m.probabilities(feats), atol=1e-6)


@pytest.mark.parametrize("content,code", [(b"not a zip", "E612"), (None, "E611")])
def test_learn_model_refuses_a_file_that_is_not_one_it_reads(tmp_path, content, code):
    path = tmp_path / "bad.npz"
    if content is None:  # a model file of another format version
        np.savez(path, names=np.array(["x"]), weights=np.zeros((1, 1)), bias=np.zeros(1),
                 meta=np.array(json.dumps({"format": 0, "types": ["ATTACK"]})))
    else:
        path.write_bytes(content)
    with pytest.raises(ValueError, match=code):
        RelationModel.load(path)


def test_learn_model_missing_file_and_unknown_types_are_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="E613"):
        load_model(tmp_path / "absent.npz")
    with pytest.raises(ValueError, match="E610"):
        RelationModel(("NOT_A_TYPE",), {}, np.zeros((1, 0)), np.zeros(1))


def test_learn_model_rule_proposals_say_how_the_rules_read_each_type():
    feats = frozenset({"rule:ATTACK:parse", "rule:ATTACK", "rulerev:CLASH", "rulerev:CLASH:fb", "rulerev:TRAINING"})
    # a reversed reading counts for a symmetric type only (CLASH), not a directed one
    assert list(rule_proposals(feats, TYPES)) == [PARSED, FALLBACK, 0]


def test_learn_model_cut_trusts_the_rules_as_it_learned_to():
    proposals = np.array([PARSED, FALLBACK, FALLBACK])
    assert list(Cut(0.5).needed(proposals, TYPES)) == [0.5, 0.5, 0.5]
    assert list(Cut(0.5, 0.2).needed(proposals, TYPES)) == [0.2, 0.5, 0.5]
    need = Cut(0.5, 0.2, ("TRAINING",)).needed(proposals, TYPES)
    assert need[2] < 1e-6 and need[1] == 0.5  # the rules decide a type too rare to learn...
    assert Cut(0.5, None, ("TRAINING",)).needed(np.zeros(3, dtype=np.int8), TYPES)[2] == np.inf  # ...alone


def test_learn_model_shipped_model_installs_with_dyad_and_has_a_card():
    m = load_model()
    assert shipped_model_path().exists() and m is load_model()  # loaded once per process
    assert m.card["data"]["documents"] > 0 and m.card["cross_validation"]


@pytest.mark.parametrize("cue,affiliate", [
    ("model:ALLEGIANCE@0.40+on-path (trgpath:ALLEGIANCE)", True),  # a pledge word joins the two
    ("model:ALLEGIANCE@0.40 (tt:ARMED_GROUP|ARMED_GROUP)", False),  # context alone: an event, no tie
    ("verb:pledge", True),  # the rules' parse
    ("verb:pledge+fallback", False),
])
def test_learn_model_a_pledge_makes_an_affiliate_only_when_the_text_says_it(cue, affiliate):
    from dyad.model import Actor, Evidence, Interaction
    from dyad.nlp.extract import _pledges

    actors = {k: Actor(k, k, "ARMED_GROUP", [], None) for k in ("x:a", "x:b")}
    x = Interaction("x:a", "x:b", "ALLEGIANCE", "ASSERTED", Evidence("d", 0, 10, "A pledged."), cue=cue)
    assert bool(_pledges([x], actors)) is affiliate


def test_learn_model_cut_takes_only_parsed_readings_of_a_type_whose_guesses_missed():
    cut = Cut(0.5, None, ("TRAINING",), ("TRAINING",))
    assert cut.needed(np.array([PARSED, PARSED, PARSED]), TYPES)[2] < 1e-6
    assert cut.needed(np.array([PARSED, PARSED, FALLBACK]), TYPES)[2] == np.inf
