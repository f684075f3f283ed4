"""The state linker learned from phrases whose state the analyst named."""
from dyad.learn.references import Phrase, cross_validate_linker, learnable, tally, train_linker


def _phrase(region, answer, right, wrong):
    return Phrase("doc", region, "the army", {answer: right, "other": wrong}, answer)


def test_linker_learns_that_the_sentence_state_is_meant_and_is_tallied_by_region():
    here = {"in_sentence": 1.0, "most_named": 0.0}
    elsewhere = {"in_sentence": 0.0, "most_named": 1.0}
    phrases = [_phrase(r, f"s{i}", here, elsewhere) for r in ("a", "b", "c") for i in range(6)]
    assert learnable(phrases)
    linker = train_linker(phrases)
    assert linker.weights["in_sentence"] > linker.weights["most_named"]
    assert tally(linker, phrases).right == len(phrases)
    held = cross_validate_linker(phrases)
    assert set(held) == {"a", "b", "c"} and all(v["right"] == v["phrases"] == 6 for v in held.values())


def test_phrases_with_one_candidate_each_teach_nothing():
    assert not learnable([Phrase("doc", "a", "the army", {"s": {"in_sentence": 1.0}}, "s")])
