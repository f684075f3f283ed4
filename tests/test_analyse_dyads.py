"""Dyad histories from hand-made claims.

``interaction``, ``groups`` and ``docs`` build the plain data the analysis takes; the
network and report tests import them from here.
"""
from __future__ import annotations

from itertools import count

import pytest

from dyad.model import UNDATED_CUE
from dyad.analyse.dyads import (DyadSummary, build_histories, dyads_for_export, latest_state, severity, state_at,
                               summary)
from dyad.analyse.rules import RulesError, load_rules
from dyad.model import Actor, Document, Evidence, Interaction, StructureClaim, TimeSpan

_offsets = count()


def interaction(source, target, type, start=None, end=None, certainty="ASSERTED", doc="d1",
                text="An invented sentence about the two groups.", cue="", dated=True, attributed_to=None,
                time_cue=""):
    """An Interaction with its own evidence offset, so every call has its own id."""
    at = next(_offsets) * 100
    time = TimeSpan(start, end, cue=time_cue) if dated else None
    return Interaction(source=source, target=target, type=type, certainty=certainty, time=time, cue=cue,
                       evidence=Evidence(doc=doc, start=at, end=at + len(text), text=text),
                       attributed_to=attributed_to)


def groups(*keys, type="ARMED_GROUP"):
    return [Actor(key=k, name=k.upper(), type=type) for k in keys]


def docs(*specs):
    """Documents from (id, published) pairs."""
    return [Document(id=i, name=f"doc_{i}", text="", published=p, url=f"https://example.org/{i}") for i, p in specs]


DOCS = docs(("d1", "2018-01"), ("d2", "2018-01"))


def history(claims, structure=(), actors=None, documents=DOCS, rules=None, pair=("a", "b")):
    actors = actors or groups("a", "b", "c", "p")
    found = [h for h in build_histories(list(claims), list(structure), actors, documents, rules)
             if (h.a, h.b) == tuple(sorted(pair))]
    return found[0] if found else None


def max_levels(h):
    exported = dyads_for_export([h])[0]["periods"]
    from dyad.ontology import COOPERATION_LEVELS, HOSTILITY_LEVELS
    return (max((p["cooperation"] for p in exported), key=COOPERATION_LEVELS.index),
            max((p["hostility"] for p in exported), key=HOSTILITY_LEVELS.index))


def divorce():
    """Smuggling (2013) -> training and medical aid (2013-07..2015) -> a threat (2018-01)
    while smuggling goes on (2014..2018-01)."""
    return [
        interaction("a", "b", "SMUGGLING", "2013"),
        interaction("a", "b", "TRAINING", "2013-07", "2015"),
        interaction("a", "b", "MEDICAL_AID", "2013-07", "2015"),
        interaction("b", "a", "THREAT", "2018-01"),
        interaction("a", "b", "SMUGGLING", "2014", "2018-01", doc="d2"),
    ]


@pytest.mark.parametrize("expected", [("TACTICAL", "COERCIVE")])
def test_dyads_max_levels_over_history(expected):
    assert max_levels(history(divorce())) == expected


@pytest.mark.parametrize("expected", [("TRANSACTIONAL", "COERCIVE")])
def test_dyads_latest_state_reflects_latest_evidence(expected):
    h = history(divorce())
    assert latest_state(h) == expected
    assert h.periods[-1].end == "2018-01"


@pytest.mark.parametrize("when,expected", [("2014", ("TACTICAL", "NONE")), ("2016-06", ("TRANSACTIONAL", "NONE")),
                                           ("2012", ("NONE", "NONE"))])
def test_dyads_state_at(when, expected):
    assert state_at(history(divorce()), when) == expected


@pytest.mark.parametrize("claims, expected", [
    (divorce(), DyadSummary("a", "b", 5, 4, "2018-01", "TACTICAL", "COERCIVE", "TRANSACTIONAL", "COERCIVE")),
    ([interaction("a", "b", "TRAINING", dated=False, doc="d0")],  # undated: its document has no date either
     DyadSummary("a", "b", 1, 1, None, "TACTICAL", "NONE", "TACTICAL", "NONE")),
    ([interaction("a", "b", "DEFECTION", "2016")], DyadSummary("a", "b", 1, 0, None, "NONE", "NONE", "NONE", "NONE")),
])
def test_dyads_summary_is_what_a_list_of_dyads_shows(claims, expected):
    """Claims, periods, the last period's end, the peak and the latest state."""
    (h,) = build_histories(claims, [], groups("a", "b"), DOCS + docs(("d0", None)))
    assert summary(h) == expected


@pytest.mark.parametrize("claims", [divorce()])
def test_dyads_transitions_name_their_drivers(claims):
    h = history(claims)
    threat = claims[3].id
    last = h.transitions[-1]
    assert (last.before, last.after, last.at) == (("TRANSACTIONAL", "NONE"), ("TRANSACTIONAL", "COERCIVE"), "2018-01")
    assert last.drivers == [threat]
    assert all(t.before != t.after for t in h.transitions)


@pytest.mark.parametrize("claims", [[interaction("a", "b", "TRAINING", "2015-01", "2015-06"),
                                     interaction("a", "b", "MEDICAL_AID", "2016"), interaction("b", "a", "ATTACK", "2016")]])
def test_dyads_transition_drivers_are_behind_the_axis_that_moved(claims):
    (t,) = history(claims).transitions
    assert (t.before, t.after, t.drivers) == (("TACTICAL", "NONE"), ("TACTICAL", "VIOLENT"), [claims[2].id])


@pytest.mark.parametrize("claims", [divorce()])
def test_dyads_period_names_rules_and_counts_documents(claims):
    last = history(claims).periods[-1]
    assert set(last.rules) == {"coop.transactional.exchange", "host.coercive"}
    assert last.documents == 2
    assert claims[3].id in last.claims


@pytest.mark.parametrize("claims", [[interaction("a", "b", "CLASH", "2014"), interaction("a", "b", "CLASH", "2015")]])
def test_dyads_adjacent_equal_periods_merge(claims):
    h = history(claims)
    assert [(p.start, p.end, p.hostility) for p in h.periods] == [("2014", "2015", "VIOLENT")]


@pytest.mark.parametrize("claims,latest", [
    # fighting stays the state of the pair over the next months' reports ...
    ([interaction("a", "b", "CLASH", "2017-08"), interaction("a", "b", "THREAT", "2017-11")], ("NONE", "VIOLENT")),
    # ... unless ties mend in between
    ([interaction("a", "b", "CLASH", "2017-08"), interaction("a", "b", "RAPPROCHEMENT", "2017-10"),
      interaction("a", "b", "THREAT", "2017-11")], ("NONE", "COERCIVE")),
    # a later denial ("has not attacked since") is no report of the fight going on
    ([interaction("a", "b", "CLASH", "2017-08"),
      interaction("a", "b", "ATTACK", "2017-10", "2018-01", certainty="NEGATED")], ("NONE", "NONE")),
])
def test_dyads_violence_persists_over_later_reports(claims, latest):
    assert latest_state(history(claims)) == latest


@pytest.mark.parametrize("claims", [[interaction("a", "b", "CLASH", "2012"), interaction("a", "b", "TRAINING", "2015")]])
def test_dyads_gap_leaves_no_filler_period(claims):
    h = history(claims)
    assert [(p.start, p.end) for p in h.periods] == [("2012", "2012"), ("2015", "2015")]
    assert h.transitions[0].before == ("NONE", "VIOLENT")


@pytest.mark.parametrize("claims", [[interaction("a", "b", "ATTACK", dated=False)],
                                    [interaction("a", "b", "ATTACK", None, "2018-01-05", time_cue=UNDATED_CUE)]])
def test_dyads_undated_claim_takes_publication_date(claims):
    period = history(claims).periods[0]
    assert (period.start, period.end, period.undated) == ("2018-01", "2018-01", True)


@pytest.mark.parametrize("claims", [[interaction("a", "b", "CONDEMNATION", "2016", "2020")]])
def test_dyads_claim_end_cut_at_publication(claims):
    assert history(claims).periods[-1].end == "2018-01"


@pytest.mark.parametrize("structure", [[StructureClaim("c", "a", "PART_OF")]])
def test_dyads_wing_claim_rolls_up_to_parent(structure):
    h = history([interaction("c", "b", "TRAINING", "2015")], structure)
    assert h.rolled_up_from == [("c", "b")]
    assert latest_state(h) == ("TACTICAL", "NONE")
    assert history([interaction("c", "b", "TRAINING", "2015")], structure, pair=("b", "c")).rolled_up_from == []


@pytest.mark.parametrize("structure", [[StructureClaim("c", "a", "PART_OF", former=True)]])
def test_dyads_former_edge_blocks_roll_up(structure):
    assert history([interaction("c", "b", "TRAINING", "2015")], structure) is None


@pytest.mark.parametrize("structure", [[StructureClaim("c", "a", "PART_OF")]])
def test_dyads_no_roll_up_into_own_parent(structure):
    h = history([interaction("c", "b", "ATTACK", "2015"), interaction("c", "a", "MEETING", "2015")], structure,
                pair=("a", "c"))
    assert h.rolled_up_from == [] and h.activity == 1


@pytest.mark.parametrize("certainty", ["NEGATED", "HYPOTHETICAL"])
def test_dyads_not_happened_sets_no_level(certainty):
    h = history([interaction("a", "b", "ATTACK", "2015", certainty=certainty)])
    assert all((p.cooperation, p.hostility) == ("NONE", "NONE") for p in h.periods) and h.activity == 1


@pytest.mark.parametrize("certainty,periods", [("NEGATED", [("2015", "NONE", "absence.denied")]),
                                               ("HYPOTHETICAL", [("2015", "NONE", "absence.unrealised")])])
def test_dyads_denied_or_only_hypothetical_claim_marks_absence(certainty, periods):
    h = history([interaction("a", "b", "COORDINATION", "2015", certainty=certainty)])
    assert [(p.start, p.cooperation, *p.rules) for p in h.periods] == periods


def test_dyads_hypothetical_claim_beside_a_happened_one_sets_nothing():
    h = history([interaction("a", "b", "COORDINATION", "2015", certainty="HYPOTHETICAL"),
                 interaction("a", "b", "TRAINING", "2013")])
    assert [(p.start, p.cooperation, *p.rules) for p in h.periods] == [("2013", "TACTICAL", "coop.tactical.support")]


@pytest.mark.parametrize("denied,latest", [("2016", ("NONE", "NONE")), ("2014", ("TACTICAL", "NONE"))])
def test_dyads_denial_closes_only_where_nothing_is_claimed(denied, latest):
    """ "No longer cooperates" after the training ends the tie; during it, it changes no level."""
    h = history([interaction("a", "b", "TRAINING", "2014", "2015", doc="d1"),
                 interaction("a", "b", "COORDINATION", denied, certainty="NEGATED", doc="d2")])
    assert latest_state(h) == latest
    assert all(p.cooperation == "TACTICAL" for p in h.periods if p.start < "2016")


@pytest.mark.parametrize("certainties,tentative", [(["ALLEGED"], True), (["ALLEGED", "REPORTED"], False)])
def test_dyads_alleged_only_is_tentative(certainties, tentative):
    h = history([interaction("a", "b", "TRAINING", "2015", certainty=c) for c in certainties])
    assert h.periods[0].tentative is tentative


@pytest.mark.parametrize("structure", [[StructureClaim("a", "b", "AFFILIATE_OF", start="2014")]])
def test_dyads_affiliation_is_merger_from_its_start(structure):
    h = history([interaction("a", "b", "FUNDING", "2013"), interaction("b", "c", "ATTACK", "2017", doc="d2")],
                structure)
    assert [(p.start, p.cooperation) for p in h.periods] == [("2013-01", "TRANSACTIONAL"), ("2014-01", "MERGER")]
    assert h.periods[-1].end == "2018-01"
    assert "coop.merger.affiliation" in h.periods[-1].rules


@pytest.mark.parametrize("structure", [[StructureClaim("a", "b", "AFFILIATE_OF", start="2013-04", end="2016-07")]])
def test_dyads_ended_affiliation_is_followed_by_absence(structure):
    h = history([], structure)
    assert [(p.start, p.end, p.cooperation, p.rules) for p in h.periods] == [
        ("2013-04", "2016-07", "MERGER", ["coop.merger.affiliation"]), ("2016-08", "2016-08", "NONE", ["absence.ended"])]
    assert h.transitions[-1].drivers == h.claims


@pytest.mark.parametrize("start,end,periods", [("2014", "2025", [("2014-01", "2018-01", "MERGER")]),
                                               ("2020", None, [])])
def test_dyads_structure_dates_after_latest_report_are_unknown(start, end, periods):
    """The reports end in 2018-01: a knowledge-base end in 2025 is still to come, a 2020 start too."""
    h = history([], [StructureClaim("a", "b", "AFFILIATE_OF", start=start, end=end)])
    assert ([(p.start, p.end, p.cooperation) for p in h.periods] if h else []) == periods


def test_dyads_kb_structure_is_seen_as_of_the_pairs_own_latest_report():
    """The store also holds a 2026 report, on other actors: the pair's reports end in 2018-01,
    so a knowledge-base end in 2025 is still to come for them."""
    later = docs(("d1", "2018-01"), ("d3", "2026-02"))
    h = history([interaction("a", "b", "TRAINING", "2016"), interaction("c", "p", "ATTACK", "2026", doc="d3")],
                [StructureClaim("a", "b", "AFFILIATE_OF", start="2017", end="2025")], documents=later)
    assert latest_state(h) == ("MERGER", "NONE")
    assert h.periods[-1].end == "2018-01"


@pytest.mark.parametrize("structure", [[StructureClaim("a", "b", "AFFILIATE_OF", former=True,
                                                       evidence=Evidence("d1", 0, 10, "formerly affiliated"))]])
def test_dyads_former_edge_without_end_marks_absence_at_publication(structure):
    h = history([interaction("a", "b", "TRAINING", "2015")], structure)
    assert [(p.start, p.cooperation) for p in h.periods] == [("2015-01", "TACTICAL"), ("2018-01", "NONE")]


@pytest.mark.parametrize("claims", [[interaction("a", "b", "ALLEGIANCE", "2014"),
                                     interaction("a", "b", "CONDEMNATION", "2016")]])
def test_dyads_allegiance_lasts_to_latest_evidence(claims):
    assert latest_state(history(claims)) == ("MERGER", "NONE")


@pytest.mark.parametrize("claims", [[interaction("a", "b", "FUNDING", "2015", doc="d1"),
                                     interaction("b", "a", "ARMS_SUPPLY", "2015", doc="d1")]])
def test_dyads_counter_flow_makes_arms_transactional(claims):
    period = history(claims).periods[0]
    assert period.cooperation == "TRANSACTIONAL"
    assert "coop.transactional.reciprocal" in period.rules


@pytest.mark.parametrize("fight,expected", [("CLASH", ("NONE", "VIOLENT")), ("CONDEMNATION", ("TACTICAL", "RHETORICAL"))])
def test_dyads_talks_amid_fighting_are_no_cooperation(fight, expected):
    claims = [interaction("a", "b", "MEETING", "2021-05"), interaction("b", "a", fight, "2021-05")]
    assert max_levels(history(claims)) == expected


@pytest.mark.parametrize("span,expected", [(("2010", "2013"), "STRATEGIC"), (("2013-07", "2015"), "TACTICAL")])
def test_dyads_breadth_over_years_is_strategic(span, expected):
    h = history([interaction("a", "b", t, *span) for t in ("TRAINING", "SAFE_HAVEN", "COORDINATION")],
                documents=docs(("d1", None)))
    assert max_levels(h)[0] == expected


@pytest.mark.parametrize("undated", [dict(dated=False), dict(end="2018-01-05", time_cue=UNDATED_CUE)])
def test_dyads_undated_claims_do_not_stretch_breadth(undated):
    claims = [interaction("a", "b", t, "2013-07", "2015") for t in ("TRAINING", "SAFE_HAVEN")]
    claims.append(interaction("a", "b", "COORDINATION", **undated))
    published = "2018-01"
    assert max_levels(history(claims, documents=docs(("d1", published))))[0] == "TACTICAL"


def test_dyads_drawn_under_influence_is_tactical():
    h = history([interaction("a", "b", "RAPPROCHEMENT", "2015", text="A drifted under the sway of B.")])
    assert h.periods[0].cooperation == "TACTICAL" and "coop.tactical.influence" in h.periods[0].rules
    assert history([interaction("a", "b", "RAPPROCHEMENT", "2015")]).periods[0].cooperation == "TRANSACTIONAL"


@pytest.mark.parametrize("text", ["The two movements are long-time allies.",
                                  "They coordinated the fighting from a joint war room.",
                                  "The two parties present a united front.",
                                  "Its proxy forces began an offensive with its support."])
def test_dyads_alliance_words_are_strategic(text):
    h = history([interaction("a", "b", "MEETING", "2015", text=text)])
    assert h.periods[0].cooperation == "STRATEGIC" and "coop.strategic.words" in h.periods[0].rules


@pytest.mark.parametrize("claims", [[interaction("a", "b", "TRAINING", "2014", "2015", doc="d1"),
                                     interaction("a", "b", "TRAINING", "2015", certainty="NEGATED", doc="d2")]])
def test_dyads_contradiction_cooperation_denied(claims):
    (c,) = history(claims).contradictions
    assert c.kind == "cooperation-denied" and c.claims == [claims[1].id, claims[0].id]


@pytest.mark.parametrize("type,found", [("ALLEGIANCE", 1), ("ATTACK", 0), ("SMUGGLING", 0)])
def test_dyads_contradiction_date_conflict(type, found):
    claims = [interaction("a", "b", type, "2012", doc="d1"), interaction("a", "b", type, "2016", doc="d2")]
    conflicts = [c for c in history(claims).contradictions if c.kind == "date-conflict"]
    assert len(conflicts) == found


@pytest.mark.parametrize("override", ["""
rules:
  - id: my.smuggling.is.tactical
    types: [SMUGGLING]
    level: TACTICAL
"""])
def test_dyads_rules_override_changes_level(tmp_path, override):
    path = tmp_path / "rules.yaml"
    path.write_text(override)
    period = history([interaction("a", "b", "SMUGGLING", "2015")], rules=path).periods[0]
    assert (period.cooperation, period.rules) == ("TACTICAL", ["my.smuggling.is.tactical"])


def test_dyads_a_tie_the_text_says_is_over_ends_in_absence():
    from dyad.model import ENDED_CUE

    ended = interaction("a", "b", "FUNDING", "2017-06", "2017-08", cue=f"noun:sponsor; {ENDED_CUE}")
    h = history([ended], documents=docs(("d1", "2018-03")))
    assert [(p.start, p.end, p.cooperation) for p in h.periods] == [
        ("2017-06", "2017-08", "TRANSACTIONAL"), ("2017-09", "2018-03", "NONE")]
    assert latest_state(h) == ("NONE", "NONE") and h.periods[-1].rules == ["absence.ended"]


_LASTING_ALLIANCE = """
rules:
  - id: allies
    level: STRATEGIC
    raise_only: true
    persists: 12
    when:
      words: [long-time allies]
"""


@pytest.mark.parametrize("later,latest", [
    # a conditional rule's level outlives its claim over the pair's next reports ...
    ([interaction("a", "b", "MEETING", "2017-06")], ("STRATEGIC", "NONE")),
    # ... unless a hostile act breaks it
    ([interaction("a", "b", "CONDEMNATION", "2017-04"), interaction("a", "b", "MEETING", "2017-06")],
     ("TACTICAL", "NONE")),
])
def test_dyads_conditional_rule_level_persists(tmp_path, later, latest):
    path = tmp_path / "rules.yaml"
    path.write_text(_LASTING_ALLIANCE)
    first = interaction("a", "b", "COORDINATION", "2017-01", text="The long-time allies met.")
    assert latest_state(history([first, *later], rules=path)) == latest


@pytest.mark.parametrize("bad,code", [
    ("rules:\n  - id: x\n    types: [SMUGLING]\n", "E303"),
    ("rules:\n  - id: x\n    types: [ATTACK]\n    level: TACTICAL\n", "E306"),
    ("rules:\n  - id: x\n    types: [ATTACK]\n    colour: red\n", "E302"),
    ("rules:\n  - id: x\n    types: [ATTACK]\n  - id: y\n    types: [ATTACK]\n", "E307"),
    ("rules:\n  - id: x\n    level: GIGANTIC\n    when: {words: [a]}\n", "E304"),
    ("rules:\n  - id: x\n    types: [MEETING]\n    level: NONE\n", "E306"),  # clearing needs a condition
    ("rules:\n  - id: x\n    types: [MEETING, ATTACK]\n    level: NONE\n    when: {amid: [CLASH]}\n", "E306"),
    ("rules:\n  - id: x\n    types: [ATTACK]\n    persists: soon\n", "E302"),
    ("rules: [unclosed\n", "E301"),
    ("- just a list\n", "E302"),
])
def test_dyads_invalid_rules_raise_clear_error(tmp_path, bad, code):
    path = tmp_path / "rules.yaml"
    path.write_text(bad)
    with pytest.raises(RulesError, match=code):
        load_rules(path)


@pytest.mark.parametrize("claims", [divorce()])
def test_dyads_export_schema(claims):
    (d,) = dyads_for_export([history(claims)])
    assert set(d) == {"a", "b", "periods"}
    assert set(d["periods"][0]) == {"start", "end", "cooperation", "hostility", "tentative", "rules", "claims"}


@pytest.mark.parametrize("actor_type", ["PERSON", "OTHER_ORG"])
def test_dyads_only_group_actors_form_pairs(actor_type):
    actors = groups("a") + groups("b", type=actor_type)
    assert history([interaction("a", "b", "ATTACK", "2015")], actors=actors) is None


@pytest.mark.parametrize("first, second", [(("NONE", "RHETORICAL"), ("MERGER", "NONE")),
                                           (("STRATEGIC", "VIOLENT"), ("NONE", "VIOLENT")),
                                           (("NONE", "VIOLENT"), ("MERGER", "COERCIVE")),
                                           (("TACTICAL", "NONE"), ("TRANSACTIONAL", "NONE")),
                                           (("TRANSACTIONAL", "NONE"), ("NONE", "NONE"))])
def test_dyads_severity_puts_hostility_before_cooperation(first, second):
    """A list of dyads shows fighting first, then coercion and words, each the closest first."""
    assert severity(first) > severity(second)
