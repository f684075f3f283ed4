"""Document-level reading: what only the whole reading (mentions, coref, roles) proposes.

These are the role rules' claims with the relation model off: what the model is offered as
candidates and features. The model's own decisions are tested in tests/learn/."""
import pytest

from dyad.model import Document


def _claims(reader, text):
    ex = reader.extract(Document(id="e1", name="e1", text=text, published="2020-05"))
    return {(x.source, x.type, x.target) for x in ex.interactions}


@pytest.mark.parametrize("text,expected", [
    # a pronoun in a fronted clause points ahead, and "each other" pairs both ways
    ("Though they denounced each other in public, the Red Hills Movement and Wilayat Delta kept trading arms.",
     {("kb:rhm", "CONDEMNATION", "kb:gc_delta"), ("kb:gc_delta", "CONDEMNATION", "kb:rhm")}),
    # "they" after a list names every group of it, and a plural side is never paired with itself
    (("The Red Hills Movement, the Sons of the Delta Front, took part in raids. They fought alongside the Global "
     "Caliphate in May."), {("kb:rhm", "COORDINATION", "kb:gc"), ("kb:sdf_x", "COORDINATION", "kb:gc")}),
])
def test_extract_document_level_claims(rule_reader, text, expected):
    assert expected <= _claims(rule_reader, text)


def test_extract_they_of_a_groups_forces_fight_for_its_ally_not_against_a_guess(rule_reader):
    got = _claims(rule_reader, "Arcadia asked Wilayat Delta to pull its forces out of Tamarind, where they "
                             "battle for the Global Caliphate, and to concentrate on fighting Boreas.")
    assert ("kb:gc_delta", "COORDINATION", "kb:gc") in got
    assert ("kb:gc", "CLASH", "kb:boreas") not in got  # Boreas is only the nearest name to "battle"


def test_extract_province_leader_pledging_to_its_parent_pledges_the_province(rule_reader):
    got = _claims(rule_reader, "Omar Qasim, the leader of Wilayat Delta, pledged allegiance to the Global Caliphate.")
    assert ("kb:gc_delta", "ALLEGIANCE", "kb:gc") in got and ("kb:gc_delta", "DEFECTION", "kb:gc") not in got


def test_extract_a_place_or_a_parent_read_as_an_actor_is_no_alias_of_it(rule_reader):
    for text, key, name in [
        ("Wilayat Delta fighters received shelter in Tel Qaddar.", "kb:rhm", "Tel Qaddar"),
        ("Arcadia voted. Arcadia grew. Arcadia held talks. Wilayat Delta grew. The Global Caliphate attacked "
         "the Red Hills Movement.", "kb:gc_delta", "Global Caliphate"),
        ("Boreas grew. Global Caliphate operatives in the northern Delta attacked a checkpoint.", "kb:gc_delta",
         "Global Caliphate"),
    ]:
        actors = {a.key: a for a in rule_reader.extract(Document(id="e1", name="e1", text=text)).actors}
        assert key in actors and name not in actors[key].aliases


def test_extract_member_act_is_credited_to_the_group_once(rule_reader):
    text = "Omar Qasim, the commander of the Red Hills Brigades, met Wilayat Delta leaders in March."
    ex = rule_reader.extract(Document(id="e2", name="e2", text=text, published="2020-05"))
    got = {(x.source, x.type, x.target, x.via) for x in ex.interactions}
    assert got == {("kb:rhb", "MEETING", "kb:gc_delta", "x:omar qasim")}


@pytest.mark.parametrize("text", [
    "Omar Qasim, a commander of the Red Hills Brigades, pledged allegiance to the Global Caliphate in May.",
    "Omar Qasim, a former commander of the Red Hills Brigades, pledged allegiance to the Global Caliphate in May.",
])
def test_extract_member_pledging_elsewhere_is_a_defection_of_his_group(rule_reader, text):
    ex = rule_reader.extract(Document(id="e2", name="e2", text=text, published="2020-05"))
    got = {(x.source, x.type, x.target, x.via) for x in ex.interactions}
    assert got == {("kb:rhb", "DEFECTION", "kb:gc", "x:omar qasim")}


def test_extract_person_defecting_from_a_group_goes_to_his_own(rule_reader):
    text = ("Omar Qasim is a commander of the Red Hills Brigades. He was a member of Wilayat Delta, "
            "but defected from it in 2016.")
    got = _claims(rule_reader, text)
    assert ("kb:gc_delta", "DEFECTION", "kb:rhb") in got


def test_extract_plural_pronoun_is_one_side(rule_reader):
    text = "The Red Hills Movement and Wilayat Delta lost ground. They clashed with the Global Caliphate in May."
    got = _claims(rule_reader, text)
    assert ("kb:rhm", "CLASH", "kb:gc_delta") not in got and ("kb:gc_delta", "CLASH", "kb:rhm") not in got


def test_extract_headline_claim_takes_the_body_attribution(rule_reader):
    title = "Red Hills Movement and Wilayat Delta coordinated raids"
    text = title + "\n\nThe Red Hills Movement coordinated with Wilayat Delta on the raids, according to Arcadian officials.\n"
    ex = rule_reader.extract(Document(id="e3", name="e3", text=text, published="2020-05", title=title))
    headline = [x for x in ex.interactions if x.type == "COORDINATION" and x.evidence.start == 0]
    assert headline and all(x.certainty == "REPORTED" for x in headline)


@pytest.mark.parametrize("text,certainty", [
    ("Wilayat Delta could soon escalate its attacks against the Red Hills Movement.", "HYPOTHETICAL"),
    ("Wilayat Delta did not carry out the attack on the Red Hills Movement.", "NEGATED"),
    ("Wilayat Delta stepped up attacks against the Red Hills Movement.", "ASSERTED"),
])
def test_extract_light_verb_carries_the_certainty_of_its_act(rule_reader, text, certainty):
    ex = rule_reader.extract(Document(id="e4", name="e4", text=text, published="2020-05"))
    assert {x.certainty for x in ex.interactions if x.type == "ATTACK"} == {certainty}


def test_extract_enumerated_collective_stands_for_its_groups(rule_reader):
    text = ("Several Arcadian groups are active in Boreas: the Red Hills Movement, Wilayat Delta and the Sons of "
            "the Delta Front. The Global Caliphate funds the Arcadian groups in Boreas.")
    got = _claims(rule_reader, text)
    assert {("kb:gc", "FUNDING", k) for k in ("kb:rhm", "kb:gc_delta", "kb:sdf_x")} <= got


@pytest.mark.parametrize("text,expected,absent", [
    # "the <parent> affiliate" is the affiliate of that parent the text names
    ("Wilayat Delta attacked a base. The Red Hills Movement trained the Global Caliphate affiliate.",
     ("kb:rhm", "TRAINING", "kb:gc_delta"), ("kb:rhm", "TRAINING", "kb:gc")),
    # a dual description is both sides of a symmetric act
    (("The Red Hills Movement fought Arcadia. Wilayat Delta raided a base. The two organizations later formed an "
     "alliance."), ("kb:gc_delta", "COORDINATION", "kb:rhm"), ("kb:arcadia", "COORDINATION", "kb:rhm")),
    # "the nation" is the state named before, not any group
    ("Arcadia outlawed them. Wilayat Delta and the Red Hills Movement, it said, helped each other in waging "
     "a war against the nation.", ("kb:gc_delta", "CLASH", "kb:arcadia"), ("kb:gc_delta", "CLASH", "kb:rhm")),
])
def test_extract_descriptions_in_discourse(rule_reader, text, expected, absent):
    got = _claims(rule_reader, text)
    assert expected in got and absent not in got


@pytest.mark.parametrize("text,published,expected", [
    # aid given in a place its holder holds is the holder's
    ("Wilayat Delta fighters found sanctuary in Tel Qaddar.", "2020-05", {("kb:rhm", "SAFE_HAVEN", "kb:gc_delta")}),
    ("Wounded Wilayat Delta fighters received care in Qaddari hospitals.", "2020-05",
     {("kb:rhm", "MEDICAL_AID", "kb:gc_delta")}),
    # not before the holder held it
    ("Wilayat Delta fighters found sanctuary in Tel Qaddar.", "2010-05", set()),
    # and never for other acts: an attack on a place is no attack on its holder
    ("Arcadia attacked Tel Qaddar.", "2020-05", set()),
    # but "the place's ruling group" is its holder, a party to anything
    ("Tel Qaddar's ruling group attacked Wilayat Delta.", "2020-05", {("kb:rhm", "ATTACK", "kb:gc_delta")}),
])
def test_extract_place_holder_gives_aid_there(rule_reader, text, published, expected):
    ex = rule_reader.extract(Document(id="e5", name="e5", text=text, published=published))
    assert {(x.source, x.type, x.target) for x in ex.interactions} == expected
