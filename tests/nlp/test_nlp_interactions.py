import pytest

from dyad.nlp.interactions import sentence_candidates
from dyad.nlp.mentions import find_mentions


def _cands(nlp, index, text):
    doc = nlp(text)
    found = find_mentions(doc, index)
    return {(c.source.name, c.type, c.target.name) for s in doc.sents
            for c in sentence_candidates(s, [f for f in found if s.start <= f.start < s.end])}


RHM, RHB, GC, DELTA, ARC = "Red Hills Movement", "Red Hills Brigades", "Global Caliphate", "Wilayat Delta", "Arcadia"


@pytest.mark.parametrize("text,expected", [
    # active voice
    ("The Red Hills Brigades trained fighters of Wilayat Delta in 2014.", (RHB, "TRAINING", DELTA)),
    # passive voice
    ("Wilayat Delta fighters were trained by the Red Hills Brigades.", (RHB, "TRAINING", DELTA)),
    # a passive subject does what the complement below it says
    ("The Red Hills Movement was accused of attacking Wilayat Delta.", (RHM, "ATTACK", DELTA)),
    ("Wilayat Delta was punished by Arcadia for attacking the Red Hills Movement.", (DELTA, "ATTACK", RHM)),
    ("Red Hills Movement fighters were trained to attack Wilayat Delta.", (RHM, "ATTACK", DELTA)),
    # coordinated passives share their agent
    ("Wilayat Delta was attacked and defeated by the Red Hills Movement.", (RHM, "ATTACK", DELTA)),
    # light verb with a telling object
    ("The Red Hills Movement provided weapons to Wilayat Delta.", (RHM, "ARMS_SUPPLY", DELTA)),
    # calling a party an apostate or a traitor condemns it, whichever the voice
    ("The Red Hills Movement branded Wilayat Delta traitors.", (RHM, "CONDEMNATION", DELTA)),
    ("The Red Hills Movement considers Wilayat Delta an apostate group.", (RHM, "CONDEMNATION", DELTA)),
    ("In its sermons Wilayat Delta is viewed as an apostate faction by the Red Hills Movement.", (RHM, "CONDEMNATION", DELTA)),
    # a by-phrase the parser hung on a place still names a passive verb's agent
    ("Wilayat Delta was attacked in the town by the Red Hills Movement.", (RHM, "ATTACK", DELTA)),
    # a group breaking away from another takes its members: the one left is the source
    ("A faction of the Red Hills Movement broke away to form Wilayat Delta.", (RHM, "DEFECTION", DELTA)),
    ("Fighters broke away from the Red Hills Movement to join Wilayat Delta.", (RHM, "DEFECTION", DELTA)),
    ("Wilayat Delta broke away from the Red Hills Movement in 2016.", (RHM, "DEFECTION", DELTA)),
    ("Wilayat Delta, which broke away from the Red Hills Movement a decade ago, later raided Tamarind.",
     (RHM, "DEFECTION", DELTA)),
    # drawn into another's sway
    ("Since the truce, the Red Hills Movement came under the growing influence of Wilayat Delta.", (RHM, "RAPPROCHEMENT", DELTA)),
    ("The Red Hills Movement fell into Arcadia's orbit.", (RHM, "RAPPROCHEMENT", ARC)),
    # a party in a hyphenated participle gives the modified party what it says
    ("Arcadian-backed Wilayat Delta fighters crossed the river.", (ARC, "LOGISTICS", DELTA)),
    # a state leading forces coordinates them; a group leading an attack takes part in it
    ("Arcadian-led proxy forces, the Red Hills Movement, attacked Wilayat Delta.", (ARC, "COORDINATION", RHM)),
    ("The Red Hills Movement joined the Wilayat Delta-led attack on Arcadia.", (DELTA, "ATTACK", ARC)),
    ("The Arcadia-funded Red Hills Movement expanded.", (ARC, "FUNDING", RHM)),
    # a KB description that names its sponsor still says who backs whom
    ("Arcadian-backed Borean rebels attacked the Red Hills Movement.", (ARC, "LOGISTICS", "National Liberation Front of Boreas")),
    ("Global Caliphate-trained militants of the Red Hills Movement struck.", (GC, "TRAINING", RHM)),
    # legal measures are crackdowns
    ("Arcadia banned the Red Hills Movement in 2014.", (ARC, "CRACKDOWN", RHM)),
    ("Arcadia registered a case against Wilayat Delta in 2011.", (ARC, "CRACKDOWN", DELTA)),
    ("Arcadia pressed charges against Wilayat Delta leaders.", (ARC, "CRACKDOWN", DELTA)),
    # an arrest with no by-phrase in a state is that state's
    ("Three Wilayat Delta commanders were arrested in Arcadia last month.", (ARC, "CRACKDOWN", DELTA)),
    # "urged X to attack Y": X attacks, not the one urging
    ("The Red Hills Movement urged Wilayat Delta to attack Arcadia.", (DELTA, "ATTACK", ARC)),
    # the agent of a giving participle on the noun gives it; the clause's party gets it
    ("Years ago a faction split off to found Wilayat Delta, with training and guidance supplied by officers of "
     "the Global Caliphate.", (GC, "TRAINING", DELTA)),
    # a by-phrase the parser hung on the recipient still names the giver
    ("A camp was set up for imparting combat training to recruits of Wilayat Delta by Red Hills Movement "
     "instructors.", (RHM, "TRAINING", DELTA)),
    # receive flips the roles
    ("Wilayat Delta received funds from the Global Caliphate.", (GC, "FUNDING", DELTA)),
    # a receiving participle takes its recipient from the clause; the giver hangs on the first conjunct
    ("Wilayat Delta pledged allegiance in 2014, receiving funds and guidance from the Global Caliphate.",
     (GC, "FUNDING", DELTA)),
    ("Wilayat Delta pledged allegiance in 2014, receiving funds and guidance from the Global Caliphate.",
     (GC, "TRAINING", DELTA)),
    # verb borrowing its subject ("is said to have provided")
    ("The Red Hills Brigades is said to have provided training for Wilayat Delta.", (RHB, "TRAINING", DELTA)),
    # nominalisation with a possessor
    ("The Global Caliphate's attack on the Red Hills Movement shocked observers.", (GC, "ATTACK", RHM)),
    # crackdown by a state
    ("The Arcadian government arrested members of Wilayat Delta.", (ARC, "CRACKDOWN", DELTA)),
    # an infinitival relative borrows the subject of the verb it hangs from
    ("The Red Hills Movement took new steps to crack down on Wilayat Delta.", (RHM, "CRACKDOWN", DELTA)),
    # the object of "blame" is the deed; "on" names the party blamed
    ("The Arcadian government blamed the bombing on Wilayat Delta.", (ARC, "CONDEMNATION", DELTA)),
    # a member of one group pledging to another is a defection from the first
    ("A senior Red Hills Movement commander pledged allegiance to the Global Caliphate.", (RHM, "DEFECTION", GC)),
    # calling for attacks on someone threatens them
    ("Wilayat Delta issued a call for attacks against the Red Hills Movement.", (DELTA, "THREAT", RHM)),
    # "under the protection of X": X shelters the clause's subject
    ("Wilayat Delta hid in the hills under the protection of the Red Hills Movement.", (RHM, "SAFE_HAVEN", DELTA)),
    # moving a group's wounded to hospital is medical aid
    ("The Red Hills Movement takes wounded members of Wilayat Delta to hospitals in the city.",
     (RHM, "MEDICAL_AID", DELTA)),
    # a capital named as an agent is its state
    ("The Red Hills Movement is encouraged by Tehran.", ("Iran", "ENCOURAGE", RHM)),
    # whoever claims responsibility for an attack made it
    ("Wilayat Delta claimed responsibility for the bombing of a Red Hills Movement base.", (DELTA, "ATTACK", RHM)),
    # a by-phrase after an event noun, hung by the parser on the verb, names its agent
    (("This incident took place on Monday following the invasion of the Red Hills Movement's stronghold by a "
     "column of Wilayat Delta fighters."), (DELTA, "ATTACK", RHM)),
    # "on" names the target of a hostile act
    ("Wilayat Delta launched an attack on the Red Hills Movement.", (DELTA, "ATTACK", RHM)),
    # blaming several of the attacks on X blames X
    ("Arcadia blamed several of the attacks on Wilayat Delta.", (ARC, "CONDEMNATION", DELTA)),
    # "praised X for carrying out the attack": X did it
    ("The head of the Red Hills Movement complimented Wilayat Delta for carrying out the attack on Arcadia.",
     (DELTA, "ATTACK", ARC)),
    # "on" before a date says when, not whom
    ("On 25 December 2015 Wilayat Delta militants attacked a group of pro-RHM fighters near the village.",
     (DELTA, "ATTACK", "pro-RHM fighters")),
    # a safe environment given is a safe haven
    ("The Red Hills Movement provided a safe environment to Wilayat Delta.", (RHM, "SAFE_HAVEN", DELTA)),
    # declaring war threatens
    ("Wilayat Delta declared war on the Red Hills Movement.", (DELTA, "THREAT", RHM)),
    # "X and Y were allies who fought Z": the relative is said of the subjects
    ("The Red Hills Movement and Wilayat Delta were two allies who fought against Arcadia.", (RHM, "CLASH", ARC)),
    # treating the wounded is medical aid
    ("The Red Hills Movement treated wounded Wilayat Delta fighters.", (RHM, "MEDICAL_AID", DELTA)),
    # a trigger verb coordinated right after another shares its parties
    ("The Red Hills Movement helped train and equip Wilayat Delta fighters.", (RHM, "ARMS_SUPPLY", DELTA)),
    # allegiance
    ("Wilayat Delta pledged allegiance to the Global Caliphate.", (DELTA, "ALLEGIANCE", GC)),
    # weapons fired at a party attack it
    ("Wilayat Delta fired rockets at the Red Hills Movement.", (DELTA, "ATTACK", RHM)),
    ("Wilayat Delta launched mortars at the Red Hills Movement.", (DELTA, "ATTACK", RHM)),
    ("Wilayat Delta fired rockets at Arcadia.", (DELTA, "ATTACK", ARC)),  # "at" a state: a target, no place
    # each conjunct of a light verb's object is a thing given
    ("The Red Hills Movement provided logistics and training for Wilayat Delta militants.", (RHM, "LOGISTICS", DELTA)),
    # an agent noun after a copula or "considered": the subject is the agent
    ("The Red Hills Movement is a supporter of Wilayat Delta.", (RHM, "ENCOURAGE", DELTA)),
    ("The Global Caliphate and the Red Hills Movement are considered supporters of Wilayat Delta.",
     (GC, "ENCOURAGE", DELTA)),
    # people tied to a group by a participle stand for it, each group of a list too
    ("The Red Hills Movement arrested figures belonging to groups such as Wilayat Delta and the Global Caliphate.",
     (RHM, "CRACKDOWN", GC)),
    ("Arcadia detained fighters linked to Wilayat Delta.", (ARC, "CRACKDOWN", DELTA)),
    # an event noun in a "during" phrase is the clause subject's own
    ("The Red Hills Movement consulted Wilayat Delta during negotiations with the Global Caliphate.",
     (RHM, "MEETING", GC)),
    # praise endorses
    ("The head of the Red Hills Movement praised Wilayat Delta.", (RHM, "ENCOURAGE", DELTA)),
    # backing a party's cause endorses it; backing the party supplies it
    ("The Red Hills Movement agreed to support the activities of Wilayat Delta.", (RHM, "ENCOURAGE", DELTA)),
    ("The Red Hills Movement supports Wilayat Delta.", (RHM, "LOGISTICS", DELTA)),
])
def test_interactions_directed_roles(nlp, index, text, expected):
    assert expected in _cands(nlp, index, text)


@pytest.mark.parametrize("text,pair,type_", [
    ("Wilayat Delta and the Red Hills Movement clashed near the border.", {DELTA, RHM}, "CLASH"),
    # a hyphenated pair modifying a relation noun names both parties
    ("The talks could harm Arcadian-Borean cooperation.", {ARC, "Boreas"}, "COORDINATION"),
    ("The Arcadia-RHM truce held for a month.", {ARC, RHM}, "RAPPROCHEMENT"),
    ("The A.R.-RHM deal in February held for a month.", {ARC, RHM}, "RAPPROCHEMENT"),  # one token, two parties
    # a pair fighting a third together: each fights it, and the pair coordinates
    ("The Arcadian-Borean fight against Wilayat Delta went on.", {ARC, DELTA}, "CLASH"),
    ("The Arcadian-Borean fight against Wilayat Delta went on.", {ARC, "Boreas"}, "COORDINATION"),
    ("Clashes between the Red Hills Movement and Wilayat Delta killed ten.", {DELTA, RHM}, "CLASH"),
    ("A long gunfire exchange between the Red Hills Movement and Wilayat Delta followed.", {DELTA, RHM}, "CLASH"),
    # "helped each other" borrows the subject
    ("Wilayat Delta and the Red Hills Movement, prosecutors alleged, helped each other in waging a war "
     "against Arcadia.", {DELTA, ARC}, "CLASH"),
    # the aim of a war names its opponent; a state's title is part of its name
    ("Wilayat Delta's long war for toppling the Government of Arcadia drew in the Red Hills "
     "Movement.", {DELTA, ARC}, "CLASH"),
    # the second party of "between", hung by the parser on the first one's place
    ("Shared interests brought warmer ties between Global Caliphate commanders in the hills and "
     "senior figures of the Red Hills Movement.", {GC, RHM}, "RAPPROCHEMENT"),
    # "dissidents (from the X)" are X's splinter
    ("Near the river, dissidents (from the RHM) clashed with Wilayat Delta units, officials reported.",
     {"Red Hills dissidents", DELTA}, "CLASH"),
    ("The Red Hills Movement coordinated with Wilayat Delta on smuggling routes.", {DELTA, RHM}, "COORDINATION"),
    ("Leaders of the Red Hills Movement met with Wilayat Delta commanders.", {DELTA, RHM}, "MEETING"),
    # two parties attacking a third together coordinate
    ("The Red Hills Movement and the Global Caliphate attacked Wilayat Delta in March.", {RHM, GC}, "COORDINATION"),
    # "alongside" puts a party on the agent's side
    ("The Red Hills Movement fought alongside the Global Caliphate against Wilayat Delta.", {RHM, GC}, "COORDINATION"),
    # an event noun as subject: its verb carries the parties
    ("A meeting was held between the Red Hills Movement and Wilayat Delta.", {DELTA, RHM}, "MEETING"),
    ("Talks took place between the Red Hills Movement and Wilayat Delta in May.", {DELTA, RHM}, "MEETING"),
    # the halves of a slashed name are one side
    ("A meeting was held between RHM/Red Hills Brigades and Wilayat Delta.", {DELTA, RHM}, "MEETING"),
    ("The Red Hills Movement severed ties with Wilayat Delta after months of infighting.", {DELTA, RHM}, "CLASH"),
    # a noun that names an interaction through its modifier
    ("The talks led to closer ties between the Red Hills Movement and Wilayat Delta.", {DELTA, RHM}, "RAPPROCHEMENT"),
    ("The violent rivalry between the Red Hills Movement and Wilayat Delta grew.", {DELTA, RHM}, "CLASH"),
    # fighting for a party makes it an ally
    ("The Red Hills Movement fights for the Global Caliphate against Wilayat Delta.", {RHM, GC}, "COORDINATION"),
    # a symmetric event noun in a sentence naming exactly two parties
    ("For the Red Hills Movement, Wilayat Delta is central to the smuggling network.", {DELTA, RHM}, "SMUGGLING"),
])
def test_interactions_symmetric_pairs(nlp, index, text, pair, type_):
    assert any({a, b} == pair and t == type_ for a, t, b in _cands(nlp, index, text))


@pytest.mark.parametrize("text", [
    "The Red Hills Movement held a rally in Arcadia.",  # a state used as a place, no trigger
    "Wilayat Delta fighters were seen in the market.",
    "The Red Hills Movement fired its commander after the defeat by Wilayat Delta.",  # dismissal, no attack
    "A climate of war hangs over the frontier of Arcadia and Boreas.",  # two states paired by proximity alone
    "The Red Hills Movement treats Wilayat Delta harshly.",  # treatment without wounds or care
])
def test_interactions_none_without_trigger_or_second_actor(nlp, index, text):
    assert not _cands(nlp, index, text)


def test_interactions_without_fallback_keep_only_parsed_links(nlp, index):
    doc = nlp("The Red Hills Movement said on Monday that Wilayat Delta is a threat.")
    found = find_mentions(doc, index)
    sent = next(doc.sents)
    with_fb = {c.cue for c in sentence_candidates(sent, found)}
    without = {c.cue for c in sentence_candidates(sent, found, fallback=False)}
    assert not any("fallback" in c for c in without) and without <= with_fb


def test_interactions_fallback_never_makes_a_bystander_person_a_party(nlp, index):
    doc = nlp("Analyst Omar Qasim wrote a book about the war with Arcadia.")
    found = find_mentions(doc, index)
    assert not [c for s in doc.sents for c in sentence_candidates(s, found) if "fallback" in c.cue]


def test_interactions_fallback_never_makes_the_reporter_a_party(nlp, index):
    doc = nlp("The Arcadian government says that fighters took refuge in the hills with Wilayat Delta.")
    found = find_mentions(doc, index)
    assert not [c for s in doc.sents for c in sentence_candidates(s, found)
                if "fallback" in c.cue and "Arcadia" in (c.source.name, c.target.name)]


def test_interactions_participation_verb_lends_its_subject(nlp, index):
    doc = nlp("The Red Hills Movement engaged in a long meeting with Wilayat Delta.")
    found = find_mentions(doc, index)
    got = {(c.source.name, c.type, c.target.name, "fallback" in c.cue)
           for s in doc.sents for c in sentence_candidates(s, found)}
    assert (RHM, "MEETING", DELTA, False) in got


@pytest.mark.parametrize("text", [
    "The Red Hills Movement was attacked from Arcadia.",
    "Attacks from Arcadia on the Red Hills Movement grew.",
])
def test_interactions_from_a_state_is_where_not_who(nlp, index, text):
    assert (ARC, "ATTACK", RHM) not in _cands(nlp, index, text)


def test_interactions_ally_is_no_opponent(nlp, index):
    got = _cands(nlp, index, "The Red Hills Movement fought alongside the Global Caliphate against Wilayat Delta.")
    assert (GC, "CLASH", DELTA) in got or (DELTA, "CLASH", GC) in got
    assert not any({a, b} == {RHM, GC} and t == "CLASH" for a, t, b in got)


def test_interactions_slashed_name_is_one_side(nlp, index):
    got = _cands(nlp, index, "A meeting was held between RHM/Red Hills Brigades and Wilayat Delta.")
    assert not any({a, b} == {RHM, RHB} for a, _, b in got)


@pytest.mark.parametrize("text", [
    "Wilayat Delta detonated a car bomb in the market, resulting in the killing of 12 Red Hills Movement fighters.",
    "Wilayat Delta planted a bomb on the road, leading to the killing of Red Hills Movement fighters.",
])
def test_interactions_outcome_of_a_clause_is_its_subjects_act_by_the_parse(nlp, index, text):
    doc = nlp(text)
    found = find_mentions(doc, index)
    got = {(c.source.name, c.type, c.target.name, c.cue) for s in doc.sents for c in sentence_candidates(s, found)}
    assert (DELTA, "ATTACK", RHM, "noun:killing") in got


@pytest.mark.parametrize("text", [
    "Wilayat Delta attacked a checkpoint in Idlib province, Arcadia, on May 1.",  # the country of a place
])
def test_interactions_state_named_as_where_is_a_place(nlp, index, text):
    from dyad.nlp.interactions import is_place_use

    doc = nlp(text)
    assert all(is_place_use(f, doc) for f in find_mentions(doc, index) if f.type == "STATE")


@pytest.mark.parametrize("text,ended", [
    ("The retreat of Arcadia, which had been the chief sponsor of the Red Hills Movement, weakened the group.", True),
    ("Arcadia, a former backer of the Red Hills Movement, stayed silent.", True),
    ("Arcadia, which is the main sponsor of the Red Hills Movement, stayed silent.", False),
])
def test_interactions_a_role_said_of_the_past_is_marked_ended(nlp, index, text, ended):
    from dyad.model import ENDED_CUE

    doc = nlp(text)
    found = find_mentions(doc, index)
    cues = [c.cue for s in doc.sents for c in sentence_candidates(s, found) if c.source.name == "Arcadia"]
    assert cues and all((ENDED_CUE in c) == ended for c in cues)


@pytest.mark.parametrize("text,present,absent", [
    # backing a revolt whose fighters go unnamed is a stance against its target
    ("The Red Hills Movement endorsed the uprising against Arcadia.", (RHM, "CONDEMNATION", ARC),
     (RHM, "ENCOURAGE", ARC)),
    ("The Red Hills Movement backed the campaign against Arcadia.", (RHM, "CONDEMNATION", ARC),
     (RHM, "ENCOURAGE", ARC)),
    # with the fighters named, it backs them
    ("The Red Hills Movement chose to back the drawn-out war of Wilayat Delta against Arcadia.",
     (RHM, "ENCOURAGE", DELTA), (RHM, "CONDEMNATION", DELTA)),
])
def test_interactions_backing_a_fight_against_a_party(nlp, index, text, present, absent):
    got = _cands(nlp, index, text)
    assert present in got and absent not in got


def test_interactions_complimented_on_an_attack_made_it_and_what_it_resulted_in(nlp, index):
    got = _cands(nlp, index, "The leader of the RHM later complimented the spokesman for Wilayat "
                             "Delta on carrying out a raid on the security forces last spring, resulting in "
                             "the deaths of dozens of Arcadian soldiers in Tamarind.")
    assert (DELTA, "ATTACK", "Arcadian army") in got and (RHM, "ATTACK", "Arcadian army") not in got


@pytest.mark.parametrize("text,absent", [
    # "on" after cooperation names a topic, not a partner
    ("The Red Hills Movement coordinated with Wilayat Delta on the fighting against Arcadia.",
     (RHM, "COORDINATION", ARC)),
    # condemning an attack on X does not condemn X
    ("The Red Hills Movement condemned the attack on Wilayat Delta.", (RHM, "CONDEMNATION", DELTA)),
    # the of-phrase of a killing names its victims, not the condemned
    ("The Red Hills Movement denounced the killings of Wilayat Delta fighters.", (RHM, "CONDEMNATION", DELTA)),
    # nor does the one who condemns an attack make it
    ("The Red Hills Movement condemned the attack on Wilayat Delta.", (RHM, "ATTACK", DELTA)),
    # whoever reports an event, with every group in the reporter's name, is no party to it
    ("Outlets close to Wilayat Delta announced that two leaders of the Red Hills Movement were killed.",
     (DELTA, "ATTACK", RHM)),
    # the praiser did not make the attack
    ("The head of the Red Hills Movement complimented Wilayat Delta for carrying out the attack on Arcadia.",
     (RHM, "ATTACK", ARC)),
    # plain ties are no rapprochement
    ("The Red Hills Movement kept its ties with Wilayat Delta.", (RHM, "RAPPROCHEMENT", DELTA)),
    # a unit and its own group are one side
    ("The Red Hills Movement's secret police had been arresting members within the Red Hills Movement.",
     ("Red Hills Movement's secret police", "CRACKDOWN", RHM)),
    # a slot the parse fills with a non-actor ("killed a guard") takes no nearest mention
    ("Wilayat Delta killed a guard, and the Red Hills Movement mourned.", (DELTA, "ATTACK", RHM)),
    # the common enemy of a cooperation is no partner
    ("The Red Hills Movement could join forces with the Global Caliphate against Wilayat Delta.",
     (RHM, "COORDINATION", DELTA)),
    # "its supporters" names members, not an endorsement
    ("Wilayat Delta called on its supporters to strike the Red Hills Movement.", (DELTA, "ENCOURAGE", RHM)),
    # ... and is no clash yet
    ("A public declaration of war against the Red Hills Movement helps Wilayat Delta.", (RHM, "CLASH", DELTA)),
    # whoever supports a party's war does not fight it
    ("The Red Hills Movement chose to back the drawn-out war of Wilayat Delta against Arcadia.",
     (RHM, "CLASH", DELTA)),
    # a where-relative says where, not who
    ("The Red Hills Movement pulled its units out of Arcadia, where they had been battling for the Global Caliphate.",
     (ARC, "COORDINATION", GC)),
    ("The Red Hills Movement urged Wilayat Delta to attack Arcadia.", (RHM, "ATTACK", ARC)),
    # what a speech verb's clause says names no one the speaker acts on
    ("Arcadia constantly denounces that members of the Red Hills Movement take refuge in Boreas.",
     ("Arcadia", "CONDEMNATION", RHM)),
    # a label that is no insult condemns no one
    ("The Red Hills Movement called Wilayat Delta a strong ally.", (RHM, "CONDEMNATION", DELTA)),
    # a relative clause on the object describes it: whom it names is not the one arrested
    ("The Red Hills Movement's secret police had been arresting and jailing members who they believed would "
     "switch their allegiance from Wilayat Delta to the Global Caliphate.",
     ("Red Hills Movement's secret police", "CRACKDOWN", DELTA)),
    # "this cooperation" is one told before: its parties are there, not the nearest names
    ("Arcadian officials wonder how much the Red Hills Movement knows about all this cooperation.",
     ("Arcadia", "COORDINATION", RHM)),
    # taking part in something that is no actor ties no two bystanders together
    ("The Red Hills Movement got no answer from Wilayat Delta, which accused an elder of treason for "
     "participating in elections.", (RHM, "COORDINATION", DELTA)),
    # only arrests say who rules where: a killing there may be anyone's
    ("Three Wilayat Delta commanders were killed in Arcadia last month.", (ARC, "ATTACK", DELTA)),
    # a state things come from is a place
    ("Wilayat Delta blamed the rocket attacks from Arcadia on the Red Hills Movement.", (RHM, "ATTACK", ARC)),
    # "with ties to X" describes the actor; X did not act, by the parse or by nearness
    ("A gunman with ties to the Global Caliphate shot dead a Red Hills Movement guard.", (GC, "ATTACK", RHM)),
    ("A commander with links to the Global Caliphate met Red Hills Movement leaders.", (GC, "MEETING", RHM)),
    # a place that qualifies a giver's noun gives nothing
    ("Wilayat Delta received funds from the group's core in Arcadia.", (ARC, "FUNDING", DELTA)),
])
def test_interactions_not_read(nlp, index, text, absent):
    assert absent not in _cands(nlp, index, text)
