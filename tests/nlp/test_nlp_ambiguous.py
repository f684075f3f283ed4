"""An ambiguous KB name is linked to the owner whose country the document names, and only then."""
import pytest

from dyad.nlp.ambiguous import ambiguous_mentions
from dyad.nlp.mentions import find_mentions


def _keys(nlp, index, text, words):
    doc = nlp(text)
    return {f.key for f in ambiguous_mentions(doc, find_mentions(doc, index), index) if f.span(doc).text == words}


@pytest.mark.parametrize("text,words,key", [
    ("Arcadia held talks. The Red Hills Movement fought in Arcadia. The NLF attacked a post.", "NLF", "kb:nlf_arcadia"),
    ("Boreas sent troops. Officials in Boreas said the NLF attacked a post.", "NLF", "kb:nlf_boreas"),
    # a name only one entry has, but which may be no actor at all, needs its country too
    ("Boreas sent troops. Officials in Boreas said CDM fighters attacked a post.", "CDM", "kb:cdm"),
    # initials written with a lower-case letter are still the initials
    ("Boreas sent troops. Officials in Boreas said the CdM attacked a post.", "CdM", "kb:cdm"),
])
def test_the_documents_countries_pick_the_owner(nlp, index, text, words, key):
    assert _keys(nlp, index, text, words) == {key}


@pytest.mark.parametrize("text,words", [
    ("Officials said the NLF attacked a post.", "NLF"),  # no country named
    ("Lowmarch held talks. Lowmarch said the CdM attacked a post.", "CdM"),  # another country
    ("Arcadia and Boreas met. Arcadia and Boreas said the NLF attacked a post.", "NLF"),  # both, equally
])
def test_no_link_without_a_clear_country(nlp, index, text, words):
    assert not any(k.startswith("kb:") for k in _keys(nlp, index, text, words))
