"""Which time a claim takes: its sentence's time closest in the parse, or the discourse's."""
from __future__ import annotations

import pytest

from dyad.nlp.anchoring import DiscourseClock, tense
from dyad.nlp.pipeline import load_model

PUBLISHED = "2020-05-15"  # a Friday


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def time_of(nlp, text: str, trigger: str, published: str | None = PUBLISHED):
    """Walk ``text`` with a clock; the time of the first token spelled ``trigger``."""
    doc = nlp(text)
    clock = DiscourseClock(published)
    for sent in doc.sents:
        clock.enter(sent)
        for tok in sent:
            if tok.text == trigger:
                t = clock.time_for(tok)
                return t and (t.start, t.end, t.cue)
    raise AssertionError(f"no token {trigger!r} in {text!r}")


@pytest.mark.parametrize("text, trigger, expected", [
    ("The militia, which attacked the town in 2015, signed a truce with the army in March 2017.", "signed",
     ("2017-03", "2017-03", "absolute-month")),
    ("The militia, which attacked the town in 2015, signed a truce with the army in March 2017.", "attacked",
     ("2015", "2015", "absolute-year")),
    ("In 2014 the front pledged allegiance to the movement, which had been founded in 2009.", "pledged",
     ("2014", "2014", "absolute-year")),
])
def test_anchoring_takes_the_time_attached_to_the_trigger(nlp, text, trigger, expected):
    assert time_of(nlp, text, trigger) == expected


@pytest.mark.parametrize("text, trigger", [
    ("Officials said on Thursday that the militia attacked the base.", "attacked"),
    ("The militia attacked the base, officials told reporters on Thursday.", "attacked"),
])
def test_anchoring_time_of_a_speech_verb_only_ends_the_claim(nlp, text, trigger):
    assert time_of(nlp, text, trigger) == (None, "2020-05-14", "reported:weekday")


@pytest.mark.parametrize("text, trigger, expected", [
    ("In June 2013 the two groups signed a pact. They have trained fighters together.", "trained",
     ("2013-06", PUBLISHED, "ongoing")),
    ("The front has grown since 2016.\nThe front is cooperating with the militia.", "cooperating",
     ("2016", PUBLISHED, "ongoing")),
    ("In 2014 the militia seized the port. Since then it smuggled arms with the navy.", "smuggled",
     ("2014", PUBLISHED, "since-then")),
])
def test_anchoring_ongoing_claims_run_to_publication(nlp, text, trigger, expected):
    assert time_of(nlp, text, trigger) == expected


@pytest.mark.parametrize("text, trigger, expected", [
    ("In 2014 the militia seized the port. It attacked the army.", "attacked", ("2014", "2014", "discourse")),
    ("In 2014 the militia seized the port.\nIt attacked the army.", "attacked",
     (None, PUBLISHED, "default:published")),
    ("In 2014 the militia seized the port. It will attack the army.", "attack",
     (None, PUBLISHED, "default:published")),
    # a paragraph that goes on with "also" keeps the time the one before ended on ...
    ("In 2014 the militia seized the port.\nIts wounded fighters also received care in the town.", "received",
     ("2014", "2014", "discourse:continued")),
    # ... and so does the rest of that paragraph, for what happened (not for what goes on)
    ("In 2014 the militia seized the port.\nIts wounded fighters also received care. Its leaders hid in the town.",
     "hid", ("2014", "2014", "discourse:continued")),
    ("In 2014 the militia seized the port.\nIts fighters also fight the army.", "fight",
     (None, PUBLISHED, "default:published")),
    # a paragraph's first claim takes the time its next sentence opens on
    ("The two groups moved closer. After the July 2013 coup, they smuggled arms.", "moved",
     ("2013-07", None, "discourse:framed")),
    # ... until it names a time of its own
    ("In 2014 the militia seized the port.\nIn 2016 it rested. Its fighters also received care.", "received",
     ("2016", "2016", "discourse")),
])
def test_anchoring_past_claims_inherit_the_paragraph_time(nlp, text, trigger, expected):
    assert time_of(nlp, text, trigger) == expected


@pytest.mark.parametrize("text, trigger, expected", [
    ("The front, which has previously operated with the militia, fights it.", "operated",
     (None, "2020-04", "before-telling")),
    ("In 2014 the front seized the port. It had once cooperated with the militia.", "cooperated",
     (None, "2013", "before-telling")),
    ("The front, which had previously cooperated with the militia, cut ties, officials said on Thursday.",
     "cooperated", (None, "2020-04", "reported:weekday")),
])
def test_anchoring_an_act_said_to_be_earlier_ends_before_the_telling(nlp, text, trigger, expected):
    assert time_of(nlp, text, trigger) == expected


def test_anchoring_without_any_date_gives_no_time(nlp):
    assert time_of(nlp, "The militia attacked the army.", "attacked", published=None) is None


@pytest.mark.parametrize("text, verb, expected", [
    ("The commanders have helped train the recruits.", "train", "present"),
    ("The front has helped train and equip the militia.", "equip", "present"),
    ("The militia is cooperating with the army.", "cooperating", "present"),
    ("Weapons are smuggled across the border.", "smuggled", "present"),
    ("The wing is said to have provided training.", "provided", "past"),
    ("The wing had provided training.", "provided", "past"),
    ("A meeting held in the port ended the feud.", "held", "past"),
    ("The militia will attack the army.", "attack", None),
])
def test_anchoring_tense_of_the_trigger_clause(nlp, text, verb, expected):
    tok = next(t for t in nlp(text) if t.text == verb)
    assert tense(tok) == expected
