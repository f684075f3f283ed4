import pytest

from dyad.nlp.mentions import find_mentions


def _found(nlp, index, text):
    doc = nlp(text)
    return [(f.span(doc).text, f.key, f.type, f.cue) for f in find_mentions(doc, index)]


@pytest.mark.parametrize("text,surface,key", [
    ("The Red Hills Movement met the press.", "Red Hills Movement", "kb:rhm"),
    ("RHM fighters left.", "RHM", "kb:rhm"),
    ("Kataib al-Tilal fighters left.", "Kataib al-Tilal", "kb:rhb"),
])
def test_mentions_kb_names_and_aliases(nlp, index, text, surface, key):
    assert any(s == surface and k == key for s, k, _, _ in _found(nlp, index, text))


@pytest.mark.parametrize("text,key", [
    ("The Red Hills Movement’s military wing trained recruits.", "kb:rhb"),
    ("Global Caliphate operatives in the northern Delta attacked a checkpoint.", "kb:gc_delta"),
    ("Wilayat Delta, the Global Caliphate’s affiliate in the Delta region, grew.", "kb:gc_delta"),
    # followers of a group where one of its provinces is are that province
    ("Police clashed with Global Caliphate-affiliated gunmen in the northern Delta.", "kb:gc_delta"),
])
def test_mentions_descriptions_resolve_to_their_actor(nlp, index, text, key):
    assert key in {k for _, k, _, _ in _found(nlp, index, text)}


def test_mentions_a_place_in_the_sentence_names_a_province_not_a_unit(nlp, index):
    got = {k for _, k, _, _ in _found(nlp, index, "Wilayat Delta attacked the Red Hills Movement near Qamishli.")}
    assert "kb:rhm" in got and "kb:qamishli_council" not in got


_HOME = "Arcadia voted. Arcadia grew. Arcadia held talks. Wilayat Delta grew. "


@pytest.mark.parametrize("text,keys", [
    # a report on Arcadia naming the Global Caliphate's Arcadian affiliate once: the bare
    # parent is the affiliate ...
    (_HOME + "The Global Caliphate attacked the Red Hills Movement.", {"kb:gc_delta", "kb:rhm"}),
    # ... except beside it, and not in a report about another state
    (_HOME + "Wilayat Delta pledged allegiance to the Global Caliphate.", {"kb:gc_delta", "kb:gc"}),
    ("Boreas voted. Boreas grew. Boreas held talks. Wilayat Delta grew. The Global Caliphate attacked.",
     {"kb:gc"}),
    # ... or beside a unit of it
    (_HOME + "Wilayat Delta's secret police arrested men loyal to the Global Caliphate.",
     {"x:wilayat delta secret police", "kb:gc"}),
    # a sentence naming the parent's own leader is about the parent
    (_HOME + "A commander pledged allegiance to Global Caliphate leader Abu Omar al-Khalil.",
     {"kb:gc", "kb:abu_omar"}),
    # unnamed, the affiliate is still the parent's one arm in that state; a region counts for its state
    ("Lowmarch voted. Lowmarch grew. Arcadia held talks. The Global Caliphate attacked the Red Hills Movement.",
     {"kb:gc_delta", "kb:rhm"}),
])
def test_mentions_parent_in_its_affiliates_home_is_the_affiliate(nlp, index, text, keys):
    last = nlp(text)
    sent = list(last.sents)[-1]
    assert {f.key for f in find_mentions(last, index) if f.start >= sent.start and f.type != "STATE"} == keys


@pytest.mark.parametrize("text,key,type_", [
    ("Arcadian troops entered the town.", "kb:arcadia#military", "STATE_FORCE"),
    ("The Arcadian government denied it.", "kb:arcadia", "STATE"),
    ("Arcadian border police fired on the drone.", "kb:arcadia#border", "STATE_FORCE"),
    ("South Borean troops entered the town.", "kb:south_boreas#military", "STATE_FORCE"),
    ("The South Borean government denied it.", "kb:south_boreas", "STATE"),
])
def test_mentions_demonym_phrases(nlp, index, text, key, type_):
    assert (key, type_) in {(k, t) for _, k, t, _ in _found(nlp, index, text)}


def test_mentions_a_demonym_of_several_words_is_not_also_its_last_word(nlp, index):
    """"South Borean troops" are South Boreas's, not Boreas's: the longest demonym wins."""
    keys = {k for _, k, _, _ in _found(nlp, index, "South Borean troops entered the town.")}
    assert not any(k.startswith("kb:boreas") for k in keys)


@pytest.mark.parametrize("text,key", [
    # the one state the sentence names
    ("Fighting broke out in Arcadia between government forces and Wilayat Delta.", "kb:arcadia#military"),
    ("Wilayat Delta ambushed the police near Arcadia's border.", "kb:arcadia#police"),
    # else the state the document is about
    ("Arcadia held talks. Arcadia held elections. Arcadia grew. Wilayat Delta attacked the army.",
     "kb:arcadia#military"),
    # ... or the only state it names, twice
    ("Arcadia held talks. Arcadia grew. Wilayat Delta attacked the army.", "kb:arcadia#military"),
    # the government and its officials are the state's own
    ("Arcadia held talks. Arcadia grew. Wilayat Delta targets security and government officials.", "kb:arcadia"),
])
def test_mentions_state_forces_without_their_state(nlp, index, text, key):
    assert key in {k for s, k, _, cue in _found(nlp, index, text) if cue == "generic-force"}


@pytest.mark.parametrize("text", [
    "The Red Hills Movement's security forces arrested a man in Arcadia.",  # a group's own forces
])
def test_mentions_state_forces_of_no_one_state_stay_unnamed(nlp, index, text):
    assert not any(k.endswith(("#military", "#police")) for _, k, _, _ in _found(nlp, index, text))


@pytest.mark.parametrize("text,name,type_", [
    ("The Northern Lions Brigades attacked the Tamarind Front yesterday.", "Northern Lions Brigades", "ARMED_GROUP"),
    ("Elders of the Banu Qasim tribe met on Sunday.", "Banu Qasim tribe", "TRIBE"),
])
def test_mentions_unknown_groups_found_by_name_shape(nlp, index, text, name, type_):
    assert any(name in s and t == type_ for s, _, t, _ in _found(nlp, index, text))


@pytest.mark.parametrize("text", ["Clan members said they never received an answer.", "Clan elders met on Sunday.",
                                  "Clan militias have played a role in supporting Arcadia's offensive."])
def test_mentions_kind_words_alone_name_no_one(nlp, index, text):
    assert not [s for s, _, _, _ in _found(nlp, index, text) if s.startswith("Clan")]


@pytest.mark.parametrize("name,kb_id", [("Wilayat Delt", "gc_delta"), ("Sons of the Delta Front", "sdf_x")])
def test_mentions_fuzzy_finds_spelling_variants_of_kb_names(index, name, kb_id):
    assert index.fuzzy(name).id == kb_id


@pytest.mark.parametrize("name", ["Wilayat Delta Province", "Red Hills"])
def test_mentions_fuzzy_rejects_names_with_other_words(index, name):
    assert index.fuzzy(name) is None


@pytest.mark.parametrize("text,name", [
    ("Arcadian factions fired rockets.", "Arcadian factions"),
    ("The raid hit pro-Caliphate militants near the river.", "pro-Caliphate militants"),
    ("Global Caliphate-affiliated fighters in Tamarind attacked a checkpoint.",
     "Global Caliphate-affiliated fighters in Tamarind"),
])
def test_mentions_collective_descriptions_name_groups(nlp, index, text, name):
    assert (name, "ARMED_GROUP") in {(s, t) for s, _, t, _ in _found(nlp, index, text)}


@pytest.mark.parametrize("text", ["Global Caliphate fighters crossed the river."])
def test_mentions_collective_of_a_known_group_is_the_group(nlp, index, text):
    assert {k for _, k, _, _ in _found(nlp, index, text)} == {"kb:gc"}


@pytest.mark.parametrize("text", ["The Arcadian Federal Government launched an offensive."])
def test_mentions_demonym_with_qualifier_names_the_state(nlp, index, text):
    assert ("kb:arcadia", "STATE") in {(k, t) for _, k, t, _ in _found(nlp, index, text)}


@pytest.mark.parametrize("text,name", [("The army fought a Global Caliphate-inspired insurgency in the north.",
                                        "Global Caliphate-inspired insurgency")])
def test_mentions_collective_singular_nouns(nlp, index, text, name):
    assert (name, "ARMED_GROUP") in {(s, t) for s, _, t, _ in _found(nlp, index, text)}


def test_mentions_followers_of_one_group_in_one_place_are_one_actor(nlp, index):
    text = ("The army fought a Global Caliphate-affiliated insurgency in Northvale. "
            "Global Caliphate-linked fighters in Northvale attacked a base. "
            "Global Caliphate-linked fighters in Southmoor fled.")
    keys = [k for s, k, t, c in _found(nlp, index, text) if c == "collective"]
    assert len(keys) == 3 and keys[0] == keys[1] != keys[2]


def test_mentions_surname_of_an_earlier_person_is_that_person_whatever_ner_says(nlp, index):
    from spacy.tokens import Span

    doc = nlp("Omar Qasim spoke in May. Later Qasim trained recruits.")
    doc.ents = [e for e in doc.ents if e.text != "Qasim"] + [Span(doc, 7, 8, label="ORG")]
    assert ("Qasim", "x:omar qasim", "PERSON") in {(f.span(doc).text, f.key, f.type)
                                                    for f in find_mentions(doc, index)}


@pytest.mark.parametrize("text,surface", [
    ("Banu Tilal subclan militias attacked Wilayat Delta.", "Banu Tilal subclan militias"),
    ("Banu Tilal militias attacked Wilayat Delta.", "Banu Tilal militias"),
])
def test_mentions_a_tribes_militias_are_an_armed_group_of_the_tribe(nlp, index, text, surface):
    doc = nlp(text)
    got = {(f.span(doc).text, f.key, f.type, f.part_of) for f in find_mentions(doc, index)}
    assert (surface, "x:banu tilal militias", "ARMED_GROUP", "kb:banu_tilal") in got


def test_mentions_a_persons_surname_is_no_tribe_of_that_name(nlp, index):
    from spacy.tokens import Span

    doc = nlp("Omar al-Tilali spoke in May. Later Al-Tilali said the talks failed.")
    doc.ents = [Span(doc, 0, 4, label="PERSON")] + [e for e in doc.ents if e.start >= 4]  # NER's own reading
    for tok in doc[0:4]:
        tok.ent_id_ = ""
    got = {(f.span(doc).text, f.type) for f in find_mentions(doc, index)}
    assert not any(t == "TRIBE" for _, t in got)


def test_mentions_a_persons_surname_is_that_person_even_when_a_town_has_the_name(nlp, index):
    doc = nlp("One such figure is Omar Kassala, a commander. Kassala stayed hidden in Tamarind for months.")
    assert ("Kassala", "x:omar kassala", "PERSON") in {(f.span(doc).text, f.key, f.type)
                                                        for f in find_mentions(doc, index)}


def test_mentions_short_name_refers_back_to_the_group(nlp, index):
    doc = nlp("The Tamarind Brigades seized the bridge. Officials urged the Brigades to withdraw.")
    keys = [f.key for f in find_mentions(doc, index) if f.span(doc).text in ("Tamarind Brigades", "Brigades")]
    assert len(keys) == 2 and len(set(keys)) == 1


@pytest.mark.parametrize("text,name", [("Dozens of TBR fighters crossed the river.", "TBR")])
def test_mentions_acronym_fighters_are_the_acronym_group(nlp, index, text, name):
    assert (name, "ARMED_GROUP") in {(f.name, f.type) for f in find_mentions(nlp(text), index)}


@pytest.mark.parametrize("component,text,key", [
    ("demonyms", "Arcadian troops entered the town.", "kb:arcadia#military"),
    ("descriptions", "Global Caliphate operatives in the northern Delta attacked a checkpoint.", "kb:gc_delta"),
])
def test_mentions_disabled_component_drops_its_cue(nlp, index, component, text, key):
    doc = nlp(text)
    assert key in {f.key for f in find_mentions(doc, index)}
    assert key not in {f.key for f in find_mentions(doc, index, frozenset({component}))}


@pytest.mark.parametrize("text,variants", [
    ("Police raided home-grown Caliphate-style militants in the Tamarind Valley.",
     ["Caliphate-style militants in the Tamarind Valley", "home-grown Caliphate-style militants",
      "Caliphate-style militants"]),
])
def test_mentions_collective_variants_drop_modifiers_and_place(nlp, index, text, variants):
    from dyad.nlp.mentions import collective_variants

    doc = nlp(text)
    (f,) = [f for f in find_mentions(doc, index) if f.cue == "collective"]
    assert collective_variants(f.span(doc)) == variants


@pytest.mark.parametrize("text,keys", [
    ("Arcadian-Borean cooperation grew in 2019.", {"kb:arcadia", "kb:boreas"}),
    ("The U.S.-Arcadian truce held for a month.", {"kb:united_states", "kb:arcadia"}),
])
def test_mentions_pair_modifier_of_relation_noun_names_both(nlp, index, text, keys):
    doc = nlp(text)
    assert {f.key for f in find_mentions(doc, index) if f.cue == "pair-modifier"} == keys


def test_mentions_pair_modifier_of_other_noun_is_no_mention(nlp, index):
    doc = nlp("The Arcadian-Borean border is long.")
    assert not find_mentions(doc, index)


@pytest.mark.parametrize("text,name", [
    ("The Red Hills Movement raided homes in the city of Tel Qaddar on Monday.", "Tel Qaddar"),
    ("The Red Hills Movement withdrew from southern Arcadia and Abu Rumman in May.", "Abu Rumman"),
])
def test_mentions_name_the_syntax_makes_a_place_is_no_actor(nlp, index, text, name):
    assert name not in {s for s, *_ in _found(nlp, index, text)}


@pytest.mark.parametrize("text,key", [
    ("Arcadia fears the National Liberation Front. The National Liberation Front raided a base.", "kb:nlf_arcadia"),
    ("Boreas fears the National Liberation Front. The National Liberation Front raided a base.", "kb:nlf_boreas"),
])
def test_mentions_shared_name_is_the_entry_of_the_named_country(nlp, index, text, key):
    found = _found(nlp, index, text)
    assert {k for s, k, *_ in found if s == "National Liberation Front"} == {key}


@pytest.mark.parametrize("text,absent", [
    ("They seek to build a global caliphate in the region.", "kb:gc"),  # a name written as a common noun
    ("The Red Hills Movement fled to the Arcadia Province hills.", "kb:arcadia"),  # a province named after the state
])
def test_mentions_common_noun_or_province_is_no_actor(nlp, index, text, absent):
    assert absent not in {k for _, k, *_ in _found(nlp, index, text)}


def test_mentions_proper_name_with_a_lower_case_kind_word_is_the_group(nlp, index):
    assert "kb:rhb" in {k for _, k, *_ in _found(nlp, index, "The Red Hills brigades attacked Wilayat Delta.")}


@pytest.mark.parametrize("text,key", [
    ("Wilayat Delta grew. Delta-based militants fired rockets.", "kb:gc_delta"),  # the one group named after Delta
    ("Arcadia grew. Hill-based militants fired rockets.", "x:hill based militants"),  # no such group: a collective
])
def test_mentions_place_based_collective_is_the_group_named_after_the_place(nlp, index, text, key):
    assert key in {k for s, k, *_ in _found(nlp, index, text) if "based" in s}


def test_mentions_names_listed_with_tribes_are_tribes(nlp, index):
    found = _found(nlp, index, "The Banu Harith, Qudara and al-Mazin tribes are considered supporters of Wilayat Delta.")
    tribes = {(surface, key) for surface, key, kind, _ in found if kind == "TRIBE"}
    assert {("Qudara", "x:qudara"), ("al-Mazin tribes", "x:mazin")} <= tribes  # named without the plural noun


def test_mentions_a_name_cut_before_its_place_is_one_name(nlp, index):
    doc = nlp("The Popular Front for the Liberation of Arcadia attacked a convoy.")
    found = [(f.span(doc).text, f.type) for f in find_mentions(doc, index)]
    assert found[0] == ("Popular Front for the Liberation of Arcadia", "ARMED_GROUP")
    assert not any(text == "Arcadia" for text, _ in found)


def _ner_only(nlp, index, text, name, label):
    """ner_mentions of a text whose only entity is ``name``, labelled as NER might."""
    from spacy.tokens import Span

    from dyad.nlp.mentions import ner_mentions

    doc = nlp(text)
    at = next(t.i for t in doc if doc[t.i:].text.startswith(name))
    doc.ents = [Span(doc, at, at + len(nlp.make_doc(name)), label=label)]
    return ner_mentions(doc, index)


@pytest.mark.parametrize("label", ["ORG", "PERSON", "NORP"])
def test_mentions_a_demonym_alone_is_no_actor_whatever_ner_calls_it(nlp, index, label):
    assert _ner_only(nlp, index, "In return for Arcadian support, the Red Hills Movement stayed away.",
                     "Arcadian", label) == []


def test_mentions_kb_name_with_its_article_written_as_sounded(nlp, index):
    found = _found(nlp, index, "Kataib a-Tilal fighters left the town.")
    assert [(s, k) for s, k, _, _ in found] == [("Kataib a-Tilal", "kb:rhb")]


@pytest.mark.parametrize("text,cut,whole", [
    ("Fighters of Liwa a-Nasr clashed with the army.", "Nasr", "Liwa a-Nasr"),
    ("Fighters of Liwa al-Nasr clashed with the army.", "Liwa", "Liwa al-Nasr"),
])
def test_mentions_a_name_cut_at_its_hyphenated_article_runs_on(nlp, index, text, cut, whole):
    assert [f.name for f in _ner_only(nlp, index, text, cut, "ORG")] == [whole]


def test_mentions_a_name_known_only_as_ambiguous_is_no_misspelling_of_another(nlp, tmp_path):
    from dyad.kb import load_kb
    from dyad.nlp.mentions import KBIndex

    path = tmp_path / "kb.yaml"
    path.write_text("""
- {id: jt_north, name: Jaysh al-Tilal (North), type: ARMED_GROUP, country: [XA], ambiguous_aliases: [Jaysh al-Tilal, Jaish al-Tilal]}
- {id: jt_south, name: Jaysh al-Tilal (South), type: ARMED_GROUP, country: [XB], ambiguous_aliases: [Jaysh al-Tilal, Jaish al-Tilal]}
- {id: tilali_army, name: al-Jaish al-Tilali, type: ARMED_GROUP, country: [XC]}
""")
    index = KBIndex(load_kb([path]))
    assert index.fuzzy("Jaish al-Tilal") is not None  # a spelling of the third, by shape alone
    assert [(f.name, f.key) for f in _ner_only(nlp, index, "Jaish al-Tilal left the town.", "Jaish al-Tilal", "ORG")] == [
        ("Jaish al-Tilal", "x:jaish tilal")]


@pytest.mark.parametrize("name", ["Failaq al-Tawil", "Jabhat al-Tawil", "Lashkar-e-Tawil", "Tehreek-e-Tawil"])
def test_mentions_a_transliterated_group_noun_makes_a_name_a_group_whatever_ner_calls_it(nlp, index, name):
    found = _ner_only(nlp, index, f"Fighters of {name} clashed with the army.", name, "PERSON")
    assert [(f.name, f.type) for f in found] == [(name, "ARMED_GROUP")]


@pytest.mark.parametrize("text,word", [
    ("Heavy fighting resumed near the river on Monday.", "Heavy"),  # a capitalised adjective
    ("The convoy reached al-Qarya before dawn.", "al"),  # an article cut off a name
])
@pytest.mark.parametrize("label", ["ORG", "PERSON"])
def test_mentions_a_span_with_no_name_word_is_no_actor(nlp, index, text, word, label):
    assert _ner_only(nlp, index, text, word, label) == []


def test_mentions_an_acronym_or_proper_noun_still_names_an_actor(nlp, index):
    found = _ner_only(nlp, index, "Fighters of the KDLF crossed the river on Monday.", "KDLF", "ORG")
    assert [f.name for f in found] == ["KDLF"]


def test_mentions_a_state_opening_a_group_name_is_part_of_the_name(nlp, index):
    """The KB knows "Arcadia", not "the Arcadia Freedom Front": the group is named whole."""
    got = {(s, t) for s, _, t, _ in _found(nlp, index, "Wilayat Delta attacked the Arcadia Freedom Front in May.")}
    assert ("Arcadia Freedom Front", "ARMED_GROUP") in got and ("Arcadia", "STATE") not in got


@pytest.mark.parametrize("text", [
    "Arcadia’s Freedom Front attacked the town.",  # the state's own front
    "Arcadia Security Forces attacked the town.",  # the state's forces
])
def test_mentions_a_possessive_state_or_its_forces_stay_the_state(nlp, index, text):
    assert ("Arcadia", "STATE") in {(s, t) for s, _, t, _ in _found(nlp, index, text)}
