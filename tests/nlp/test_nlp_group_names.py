"""A proper name before a group noun names a group, whatever NER made of the name."""
import pytest

from dyad.nlp.group_names import group_name_mentions
from dyad.nlp.mentions import find_mentions


def _groups(nlp, index, text):
    doc = nlp(text)
    return {(f.span(doc).text, f.type) for f in group_name_mentions(doc, find_mentions(doc, index), index)
            if f.cue == "named-group"}


@pytest.mark.parametrize("text,name,kind", [
    ("Police raided a house of the Oster-Valdane cartel on Monday.", "Oster-Valdane cartel", "ARMED_GROUP"),
    ("Elders of the Marrow Tebbi tribe met officials.", "Marrow Tebbi tribe", "TRIBE"),
    ("Gunmen of the Costa del Norte faction fled.", "Costa del Norte faction", "ARMED_GROUP"),
])
def test_a_name_before_a_group_noun_is_a_group(nlp, index, text, name, kind):
    assert (name, kind) in _groups(nlp, index, text)


@pytest.mark.parametrize("text", [
    "The Red Hills Movement group attacked.",  # a KB name keeps its link
    "An Arcadian faction attacked.",  # a nationality describes; it names no group
    "Commander Tessaro's group attacked.",  # someone's group
    "Among the group were two brothers.",  # a capital that starts the sentence
    "A May 2019 group attacked.",  # a date
])
def test_no_group_name_from_descriptions_dates_or_known_names(nlp, index, text):
    assert _groups(nlp, index, text) == set()
