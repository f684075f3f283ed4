import pytest

from dyad.nlp.coref import resolve_anaphors
from dyad.nlp.mentions import find_mentions


@pytest.mark.parametrize("text,anaphor,key", [
    ("Wilayat Delta grew quickly. The group attacked a base.", "The group", "kb:gc_delta"),
    ("The Red Hills Movement and the Global Caliphate met. The Arcadian organization denied it.",
     "The Arcadian organization", "kb:rhm"),
])
def test_coref_descriptions_resolve_to_compatible_recent_group(nlp, index, text, anaphor, key):
    doc = nlp(text)
    found = find_mentions(doc, index)
    got = {(f.span(doc).text, f.key) for f in resolve_anaphors(doc, found, index)}
    assert (anaphor, key) in got


_RAID = "Wilayat Delta and the Global Caliphate attacked the Red Hills Movement in May. "


@pytest.mark.parametrize("text,anaphor,count", [
    # "both groups" are the two last named
    ("The Red Hills Movement fought Wilayat Delta. Both groups later reconciled.", "Both groups",
     {"kb:rhm", "kb:gc_delta"}),
    # "the groups" are every group of the last event
    (_RAID + "Renewed fighting between the groups broke out in June.", "the groups",
     {"kb:rhm", "kb:gc_delta", "kb:gc"}),
    # ... never one of their own clause
    (_RAID + "Wilayat Delta later attacked these groups again.", "these groups", {"kb:rhm", "kb:gc"}),
    # plural members are one group, not a set
    (_RAID + "The guerrillas later withdrew.", "The guerrillas", 1),
])
def test_coref_plural_descriptions(nlp, index, text, anaphor, count):
    doc = nlp(text)
    keys = {f.key for f in resolve_anaphors(doc, find_mentions(doc, index), index) if f.span(doc).text == anaphor}
    assert keys == count if isinstance(count, set) else len(keys) == count


@pytest.mark.parametrize("text,pronoun,key", [
    ("Wilayat Delta grew quickly last year. It attacked a base in March.", "It", "kb:gc_delta"),
    ("The Red Hills Movement lost ground. Its fighters fled north.", "Its", "kb:rhm"),
    ("The Red Hills Movement regrouped. Its military wing struck back.", "Its military wing", "kb:rhb"),
    ("Wilayat Delta fighters crossed the river. They attacked a base.", "They", "kb:gc_delta"),
])
def test_coref_pronouns_continue_the_subject_or_own_the_part(nlp, index, text, pronoun, key):
    from dyad.nlp.coref import resolve_pronouns

    doc = nlp(text)
    got = {(f.span(doc).text, f.key) for f in resolve_pronouns(doc, find_mentions(doc, index), index)}
    assert (pronoun, key) in got


def test_coref_possessive_never_takes_a_state_named_as_a_place(nlp, index):
    from dyad.nlp.coref import resolve_pronouns

    doc = nlp("Police in Arcadia detained three Wilayat Delta commanders, among them its leader.")
    got = {f.key for f in resolve_pronouns(doc, find_mentions(doc, index), index) if f.span(doc).text == "its"}
    assert got == {"kb:gc_delta"}


def test_coref_creed_adjective_and_group_noun_is_a_description_not_a_name(nlp, index):
    doc = nlp("Arcadia protested. The Red Hills Movement denied it. The Islamist group rejected the charge.")
    found = find_mentions(doc, index)
    assert not any(f.span(doc).text.endswith("Islamist group") for f in found)
    got = {(f.span(doc).text, f.key) for f in resolve_anaphors(doc, found, index)}
    assert ("The Islamist group", "kb:rhm") in got


@pytest.mark.parametrize("text,pronoun,keys", [
    # a subject pronoun of a coordinated clause is the first clause's subject
    ("Arcadia grew. The Red Hills Movement was once an ally of Boreas, but in 2012 it endorsed the revolt.", "it",
     {"kb:rhm"}),
    # "he" is the person named last, or the previous sentence's subject
    ("Omar Qasim left the Red Hills Movement in May, and now he trains Wilayat Delta fighters.", "he",
     {"x:omar qasim"}),
    ("Omar Qasim left the Red Hills Movement in May. Since then he has trained Wilayat Delta fighters.", "he",
     {"x:omar qasim"}),
    # so is an object "him"
    ("The Red Hills Movement long stood by Omar Qasim, yet in 2012 it backed the uprising against him.", "him",
     {"x:omar qasim"}),
    # a possessive in a subordinate clause is the governing subject's
    ("Wilayat Delta decided to break with the Red Hills Movement after its members were threatened.", "its",
     {"kb:gc_delta"}),
    # ... and under an object-control verb, the object's
    ("Arcadia urged the Red Hills Movement to withdraw its forces from the border.", "its", {"kb:rhm"}),
    # "they" after a group's plural members is that group
    ("Arcadia asked the Red Hills Movement to pull its forces out of Tamarind, where they fight for Boreas.",
     "they", {"kb:rhm"}),
    # "it" after "from" is the group last named in the sentence
    ("Omar Qasim was a member of Wilayat Delta, but he defected from it in 2016.", "it", {"kb:gc_delta"}),
])
def test_coref_pronoun_resolves_to(nlp, index, text, pronoun, keys):
    from dyad.nlp.coref import resolve_pronouns

    doc = nlp(text)
    got = {f.key for f in resolve_pronouns(doc, find_mentions(doc, index), index) if f.span(doc).text == pronoun}
    assert got == keys


def test_coref_the_groups_core_is_the_parent_of_a_group_in_view(nlp, index):
    doc = nlp("Wilayat Delta swore loyalty to the Global Caliphate in 2015 and expanded fast, "
              "receiving funds and guidance from the group's core in the north.")
    got = {f.key for f in resolve_anaphors(doc, find_mentions(doc, index), index) if f.span(doc).text == "the group"}
    assert got == {"kb:gc"}


def test_coref_we_and_our_are_the_quoted_speakers_group(nlp, index):
    from dyad.nlp.coref import resolve_pronouns

    doc = nlp("Omar Qasim, a Red Hills Movement spokesman, spoke to reporters. \"They attacked our bases,\" "
              "Qasim said. We will answer, he added.")
    got = {(f.span(doc).text, f.key) for f in resolve_pronouns(doc, find_mentions(doc, index), index)}
    assert ("our", "kb:rhm") in got and ("We", "kb:rhm") in got


def test_coref_pronoun_without_subject_antecedent_stays_unresolved(nlp, index):
    from dyad.nlp.coref import resolve_pronouns

    doc = nlp("Officials praised the Red Hills Movement. It rained all week.")
    assert resolve_pronouns(doc, find_mentions(doc, index), index) == []


def test_coref_description_naming_its_group_is_no_anaphor(nlp, index):
    doc = nlp("Wilayat Delta grew. The fighters of the Red Hills Movement left.")
    found = find_mentions(doc, index)
    assert not [f for f in resolve_anaphors(doc, found, index) if f.span(doc).text.startswith("The fighters")]


def test_coref_possessive_description(nlp, index):
    doc = nlp("Wilayat Delta grew quickly. Troops stormed the group’s stronghold.")
    found = find_mentions(doc, index)
    assert ("the group", "kb:gc_delta") in {(f.span(doc).text, f.key) for f in resolve_anaphors(doc, found, index)}


def test_coref_description_in_apposition_is_the_name_it_describes(nlp, index):
    doc = nlp("Wilayat Delta spoke. The Red Hills Movement, the largest armed group in the north, left.")
    found = find_mentions(doc, index)
    got = {(f.span(doc).text, f.key) for f in resolve_anaphors(doc, found, index)}
    assert ("the largest armed group", "kb:rhm") in got


@pytest.mark.parametrize("text,keys", [
    ("Though they denounced each other in public, the Red Hills Movement and Wilayat Delta kept trading arms.",
     {"kb:rhm", "kb:gc_delta"}),
    ("Sons of the Delta Front grew. While it was small, Wilayat Delta raided the coast.", {"kb:gc_delta"}),
])
def test_coref_pronoun_of_fronted_clause_is_the_main_subject(nlp, index, text, keys):
    from dyad.nlp.coref import resolve_pronouns

    doc = nlp(text)
    got = {f.key for f in resolve_pronouns(doc, find_mentions(doc, index), index) if f.cue == "coref:cataphor"}
    assert got == keys


def test_coref_two_groups_are_never_a_group_and_its_wing(nlp, index):
    doc = nlp("Wilayat Delta raided a base. The Red Hills Brigades and the Red Hills Movement answered. "
              "The two groups later met.")
    found = find_mentions(doc, index)
    keys = {f.key for f in resolve_anaphors(doc, found, index) if f.span(doc).text == "The two groups"}
    assert not {"kb:rhb", "kb:rhm"} <= keys
