"""Fitting: typed features, counting as the evaluation counts, thresholds, determinism."""
from __future__ import annotations

import numpy as np

from dyad.learn import fit
from dyad.learn.dataset import TYPES, DocExamples
from dyad.learn.model import Cut
from dyad.learn.train import read_examples


def test_learn_fit_a_feature_naming_a_type_is_shared_by_every_type():
    assert fit.typed("trgpath:ATTACK|nsubj|pobj:with", "ATTACK") == ("same|trgpath|nsubj|pobj:with",)
    assert fit.typed("rule:CLASH:parse", "ATTACK") == ("CLASH>ATTACK|rule", "other|rule:parse")
    assert fit.typed("w:strike", "ATTACK") == ("w:strike", "hostile|w:strike", "ATTACK|w:strike")


def _doc(pairs, hits, gold) -> DocExamples:
    d = DocExamples("d", "r", pairs=pairs, features=[frozenset()] * len(pairs), hits=hits, gold=gold)
    for pair, h in zip(pairs, hits):
        d.pair_hits.setdefault(pair, {}).update(h)
    return d


def test_learn_fit_counts_once_per_pair_and_type_and_a_symmetric_type_once_per_pair():
    a = TYPES.index("ATTACK")
    clash = TYPES.index("CLASH")
    key = ("ATTACK", "x", "y")
    d = _doc([("x", "y"), ("x", "y"), ("y", "x")], [{"ATTACK": {key}}, {"ATTACK": {key}}, {}], {key})
    P = np.zeros((3, len(TYPES)))
    P[0, a] = P[1, a] = 0.9  # the same claim in two sentences: one true positive
    P[0, clash] = P[2, clash] = 0.8  # a clash read both ways round: one (wrong) claim
    assert fit.counts([d], [P], Cut(0.5)) == (1, 2, 1)
    assert fit.counts([d], [P], Cut(0.85)) == (1, 1, 1)
    assert fit.best_cut([d], [P]).threshold > 0.8


def test_learn_fit_a_sentence_where_the_pair_meets_again_is_no_negative_of_what_another_told():
    key = ("ATTACK", "x", "y")
    d = _doc([("x", "y"), ("x", "y"), ("x", "z")], [{"ATTACK": {key}}, {}, {}], {key})
    d.features = [frozenset({"w:raid"}), frozenset({"w:raid"}), frozenset({"w:talk"})]
    vocab = fit.vocabulary([d], min_docs=1)
    X, y = fit._xy([d], vocab)
    assert X.shape[0] == 3 * len(TYPES) - 1  # the second sentence's ATTACK example is left out
    assert int(y.sum()) == 1
    assert d.told_elsewhere(1, "ATTACK") and not d.told_elsewhere(1, "CLASH") and not d.told_elsewhere(2, "ATTACK")


def test_learn_fit_model_is_deterministic_and_covers_types_it_never_saw(annotated, reader):
    docs = read_examples([annotated], reader)
    one, two = fit.train_model(docs, seed=3), fit.train_model(docs, seed=3)
    assert one.vocab == two.vocab and np.array_equal(one.weights, two.weights) and one.cut == two.cut
    # no invented document has a training tie, yet a rule reading one carries what rules taught
    assert "rule:TRAINING:parse" in one.vocab and "rule:ATTACK:parse" in one.vocab
    t, a = one.types.index("TRAINING"), one.types.index("ATTACK")
    assert np.isclose(one.weights[t, one.vocab["rule:TRAINING:parse"]],
                      one.weights[a, one.vocab["rule:ATTACK:parse"]])


def test_learn_fit_cross_validation_holds_each_region_out(annotated, reader):
    from dyad.learn.train import cross_validate

    cv = cross_validate(read_examples([annotated], reader)).figures()
    assert set(cv["regions"]) == {"north", "south"}
    assert cv["micro"]["gold"] == 30 and 0 < cv["micro"]["f1"] <= 1


def test_learn_fit_an_organisation_of_unknown_kind_can_be_a_party(reader):
    from dyad.learn.claims import reading_pairs
    from dyad.model import Document

    doc = Document(id="o1", name="o1", text="The Copper Coast Front attacked the offices of the Harbour Council.",
                   published="2020")
    reading = next(reader.readings([doc]))
    kinds = {a.type for a in reading.actors.values()}
    pairs = {(p.source, p.target) for p in reading_pairs(reading)}
    assert "OTHER_ORG" in kinds and len(pairs) == 2


def test_learn_pairs_say_whether_the_two_ends_share_a_country(reader):
    from dyad.learn.claims import reading_pairs
    from dyad.model import Document

    doc = Document(id="c1", name="c1", published="2020",
                   text="Colombian troops fought the FARC in 2001. Venezuela armed the FARC in 2002.")
    reading = next(reader.readings([doc]))
    home = {(p.source, p.target): {f for f in p.facts if f.startswith("cty:")} for p in reading_pairs(reading)}
    assert home[("kb:colombian_army", "kb:farc")] == {"cty:same"}  # a group and the state it fights at home
    assert home[("kb:venezuela", "kb:farc")] == {"cty:diff"}  # a foreign patron


def test_learn_pairs_rows_know_what_the_pairs_other_sentences_say(reader):
    """A sentence that only lists the two still carries the trigger and the joining word of
    the sentence where one attacks the other: the document links them."""
    from dyad.learn.claims import reading_pairs
    from dyad.model import Document

    doc = Document(id="e1", name="e1", published="2020",
                   text="Venezuela attacked the FARC in 2001. Venezuela and the FARC were named in the report.")
    reading = next(reader.readings([doc]))
    pair = next(p for p in reading_pairs(reading) if (p.source, p.target) == ("kb:venezuela", "kb:farc"))
    first, second = (pair.features(s) for s in pair.sentences)
    assert "top:attack" in first and "top:attack" not in second
    assert {"anytop:attack", "anytrgpath:ATTACK"} <= first & second


def test_learn_fit_a_rare_type_whose_guessed_rule_claims_miss_is_read_from_the_parse_only():
    key = ("TRAINING", "x", "y")
    d = DocExamples("d", "r", pairs=[("x", "y"), ("x", "z")],
                    features=[frozenset({"rule:TRAINING", "rule:TRAINING:fb"}), frozenset({"rule:LOGISTICS", "rule:LOGISTICS:fb"})],
                    hits=[{"TRAINING": {key}}, {}], gold={key})
    d.pair_hits = {("x", "y"): {"TRAINING": {key}}, ("x", "z"): {}}
    P = np.full((2, len(TYPES)), 0.001)  # the model says nothing; the rules decide the rare types
    cut = fit.best_cut([d], [P], rare=("TRAINING", "LOGISTICS"))
    assert cut.parsed_only == ("LOGISTICS",)  # guessed, and wrong; the TRAINING guess was right
    assert fit.counts([d], [P], cut) == (1, 1, 1)
