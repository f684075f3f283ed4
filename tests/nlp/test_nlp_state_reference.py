"""Which state a generic reference means: the candidates a document gives, and the choice."""
import pytest

from dyad.nlp.mentions import find_mentions
from dyad.nlp.state_reference import FEATURES, DocumentStates, StateLinker

SENTENCE_ONLY = StateLinker({"in_sentence": 4.0}, -2.0, 0.5)


def _states(nlp, index, text):
    doc = nlp(text)
    return doc, DocumentStates.read(doc, find_mentions(doc, index, linker=SENTENCE_ONLY), index)


def test_candidates_say_where_each_state_is_named(nlp, index):
    _, states = _states(nlp, index, "Arcadia held talks. Boreas held elections. Arcadia grew.")
    c = states.candidates(1)
    assert set(c) == {"arcadia", "boreas"}
    assert c["boreas"]["in_sentence"] == 1.0 and c["arcadia"]["in_sentence"] == 0.0
    assert c["arcadia"]["named_near"] == 1.0 and c["arcadia"]["most_named"] == 1.0
    assert c["arcadia"]["first_named"] == 1.0 and c["boreas"]["first_named"] == 0.0
    assert set(c["arcadia"]) == set(FEATURES)


def test_linker_takes_the_best_candidate_only_above_its_threshold():
    cands = {"a": {"in_sentence": 1.0}, "b": {"in_sentence": 0.0}}
    assert SENTENCE_ONLY.choose(cands) == "a"
    assert SENTENCE_ONLY.choose({"b": {"in_sentence": 0.0}}) is None  # p = 0.12: left unlinked
    assert SENTENCE_ONLY.choose({}) is None


def test_the_linker_decides_which_state_a_generic_phrase_means(nlp, index):
    doc = nlp("Arcadia held talks. Boreas held elections. Wilayat Delta attacked the army in Boreas.")
    first = StateLinker({"first_named": 4.0}, -2.0, 0.5)
    keys = lambda linker: {f.key for f in find_mentions(doc, index, linker=linker) if f.cue == "generic-force"}  # noqa: E731
    assert keys(first) == {"kb:arcadia#military"}
    assert keys(SENTENCE_ONLY) == {"kb:boreas#military"}
    assert keys(StateLinker({}, -5.0, 0.5)) == set()  # nothing clears the threshold


def test_linker_round_trips_and_refuses_unknown_features():
    assert StateLinker.from_dict(SENTENCE_ONLY.to_dict()) == SENTENCE_ONLY
    with pytest.raises(ValueError, match="E614"):
        StateLinker.from_dict({"weights": {"colour": 1.0}, "bias": 0.0, "threshold": 0.5})
