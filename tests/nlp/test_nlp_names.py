import pytest

from dyad.nlp.names import acronym, fold, same_name


@pytest.mark.parametrize("a,b", [
    ("al-Mani'i", "al-Menei"),
    ("Ansar Bait al-Maqdis", "Ansar Bayt al-Maqdis"),
    ("Abu Bakr-Al Baghdadi", "Abu Bakr al-Baghdadi"),
    ("Mohammed Deif", "Muhammad Deif"),
    ("al-Shabaab", "al-Shabab"),
])
def test_names_same_name_accepts_transliterations(a, b):
    assert same_name(a, b)


@pytest.mark.parametrize("a,b", [
    ("Islamic State", "Islamic State Sinai Province"),
    ("Islamic State", "Palestinian Islamic Jihad"),
    ("Niger", "Nigeria"),
    ("Iran", "Iraq"),
    ("Mali", "Malawi"),
])
def test_names_same_name_rejects_distinct_names(a, b):
    assert not same_name(a, b)


@pytest.mark.parametrize("name,folded", [("The Hamas’ wing", "hamas wing"), ("al-Qaeda", "qaeda")])
def test_names_fold_drops_articles_and_apostrophes(name, folded):
    assert fold(name) == folded


@pytest.mark.parametrize("name,abbr", [("Popular Resistance Committees", "PRC"), ("Sons of the Delta Front", "SDF")])
def test_names_acronym_takes_capitalised_initials(name, abbr):
    assert acronym(name) == abbr
