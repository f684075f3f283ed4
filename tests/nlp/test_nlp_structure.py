import pytest

from dyad.nlp.mentions import find_mentions
from dyad.nlp.structure import aliases_in, between_edges, rename_edges


def _edges(nlp, index, text, fn):
    doc = nlp(text)
    found = find_mentions(doc, index)
    return {(e.source, e.type, e.target, e.former) for s in doc.sents
            for e in fn("d", s, [f for f in found if s.start <= f.start < s.end])}


@pytest.mark.parametrize("text,edge", [
    ("Red Hills Movement leader Omar Qasim spoke on Monday.", ("x:omar qasim", "LEADER_OF", "kb:rhm", False)),
    ("Omar Qasim, a former member of the Red Hills Brigades, left.", ("x:omar qasim", "MEMBER_OF", "kb:rhb", True)),
    ("The Tamarind Battalion, a faction of the Red Hills Movement, fought on.",
     ("x:tamarind battalion", "PART_OF", "kb:rhm", False)),
])
def test_structure_between_mentions(nlp, index, text, edge):
    assert edge in _edges(nlp, index, text, between_edges)


def test_structure_became_known_as_is_a_rename(nlp, index):
    text = "The Sons of the Delta Front swore allegiance to the Global Caliphate in 2016 and became known as Wilayat Delta."
    assert ("kb:gc_delta", "RENAMED_FROM", "kb:sdf_x", False) in _edges(nlp, index, text, rename_edges)


def test_structure_parenthesised_acronym_is_an_alias(nlp, index):
    doc = nlp("The Tamarind Battalion (TB) attacked a convoy.")
    found = find_mentions(doc, index)
    got = {(a.actor, a.alias) for s in doc.sents for a in aliases_in(s, found)}
    assert ("x:tamarind battalion", "TB") in got


@pytest.mark.parametrize("text,edge", [
    ("Omar Qasim joined the Red Hills Brigades in 2012.", ("x:omar qasim", "MEMBER_OF", "kb:rhb", False)),
    ("Omar Qasim defected from the Red Hills Brigades last year.", ("x:omar qasim", "MEMBER_OF", "kb:rhb", True)),
])
def test_structure_joining_and_leaving_is_membership(nlp, index, text, edge):
    from dyad.nlp.structure import membership_edges

    assert edge in _edges(nlp, index, text, membership_edges)


def test_structure_a_pledge_that_happened_makes_an_affiliate(extractor):
    from dyad.model import Document

    text = "In 2016, Wilayat Delta pledged allegiance to the Global Caliphate."
    ex = extractor.extract(Document(id="p1", name="p1", text=text, published="2017"))
    assert ("kb:gc_delta", "AFFILIATE_OF", "kb:gc", "2016") in {
        (s.source, s.type, s.target, s.start) for s in ex.structure if s.origin == "text"}


@pytest.mark.parametrize("text,edge", [
    ("The commander of the Red Hills Brigades, Omar Qasim, spoke.", ("x:omar qasim", "LEADER_OF", "kb:rhb", False)),
    ("Omar Qasim, the head of the Red Hills Brigades, spoke.", ("x:omar qasim", "LEADER_OF", "kb:rhb", False)),
])
def test_structure_appositive_roles(nlp, index, text, edge):
    from dyad.nlp.structure import appositive_role_edges

    assert edge in _edges(nlp, index, text, appositive_role_edges)


@pytest.mark.parametrize("text,edge", [
    ("Police arrested Omar Qasim, a senior Red Hills Brigades leader, on Monday.",
     ("x:omar qasim", "MEMBER_OF", "kb:rhb", False)),
])
def test_structure_one_of_its_leaders_is_a_member(nlp, index, text, edge):
    assert edge in _edges(nlp, index, text, between_edges)
