"""A long name declared with its initials in brackets is one mention, and so is each later use of the initials."""
import pytest

from dyad.nlp.abbreviations import declared_abbreviations
from dyad.nlp.mentions import find_mentions


def _mentions(nlp, index, text):
    doc = nlp(text)
    return [(f.span(doc).text, f.name, f.key, f.cue) for f in declared_abbreviations(doc, find_mentions(doc, index), index)]


def test_declared_name_and_its_later_initials_are_one_actor(nlp, index):
    got = _mentions(nlp, index, "The Free Marsh Liberation Council (FMLC) was formed in 2011. "
                                "Last year FMLC fighters ambushed a convoy.")
    keys = {k for s, _, k, _ in got if s in ("Free Marsh Liberation Council", "FMLC")}
    assert len(keys) == 1 and any(s == "FMLC" and c == "declared-abbreviation" for s, _, _, c in got)


def test_a_bracket_glued_to_the_name_still_declares_it(nlp, index):
    got = _mentions(nlp, index, "Clashes with the Upper Valley Defence Organization(UVDO) spread. UVDO denied it.")
    assert {n for s, n, _, _ in got if s == "UVDO"} == {"Upper Valley Defence Organization"}


@pytest.mark.parametrize("text,name", [
    # the owner of a possessive is outside the name
    ("Arcadia's Coastal Security Directorate (CSD) made arrests. The CSD denied torture.",
     "Coastal Security Directorate"),
    # a lower-case suffix word is not part of the name; nor is a run whose initial the letters lack
    ("The Arcadia-based Harbour Workers Front (HWF) struck. HWF leaders spoke.", "Harbour Workers Front"),
    # initials of another language still share letters with the English name
    ("The Armed Forces of the Southern Republic (FARS) advanced. FARS units held the bridge.",
     "Armed Forces of the Southern Republic"),
])
def test_long_form_boundaries(nlp, index, text, name):
    got = _mentions(nlp, index, text)
    abbreviation = text.split("(")[1].split(")")[0]
    assert {n for s, n, _, c in got if s == abbreviation and c == "declared-abbreviation"} == {name}


def test_initials_the_kb_knows_make_the_declaration_that_entry(nlp, index):
    got = _mentions(nlp, index, "The Red Hills Movement (RHM) grew. RHM fighters left.")
    assert {k for s, _, k, _ in got if s in ("Red Hills Movement", "RHM")} == {"kb:rhm"}


def test_a_longer_abbreviation_is_not_its_prefix(nlp, index):
    got = _mentions(nlp, index, "The Delta Patriotic Union – Reform (DPU – R) broke away. DPU leaders objected. "
                                "DPU – R fighters moved south.")
    assert not any(s == "DPU" and c == "declared-abbreviation" for s, _, _, c in got)
    assert any(s == "DPU – R" and c == "declared-abbreviation" for s, _, _, c in got)


@pytest.mark.parametrize("text", [
    "Talks in Northern Lowmarch Province (NLP) stalled.",  # not two capitalised words of a name before it
    "The ceasefire (agreed in May) held.",  # no initials in the brackets
])
def test_no_declaration_without_a_name_and_initials(nlp, index, text):
    assert not any(c.startswith("declared") for *_, c in _mentions(nlp, index, text))


def test_glued_brackets_are_split_by_the_tokenizer(nlp):
    assert [t.text for t in nlp("the Front(TF) and al-Tilal.[4] said")][:6] == ["the", "Front", "(", "TF", ")", "and"]
