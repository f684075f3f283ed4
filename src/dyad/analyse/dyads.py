"""Dyad histories: the cooperation and hostility of each pair of groups over time.

Derived data, recomputed from claims on every call (see docs/dyads.md for the full
account). In short:

- A pair is any two group actors (``GROUP_TYPES``) with a claim between them, or an
  affiliation/merger edge. A claim of a ``PART_OF`` child also counts for its
  parents' pairs (marked ``rolled_up_from``), never across a ``former`` edge and never
  into a pair inside one family.
- Each happened claim (not NEGATED/HYPOTHETICAL) gets a level on its axis from the
  rules (``rules.yaml``; ontology levels by default). A claim spans its time; open
  ends close on the other end; no time at all means the document's publication date
  (``undated``); an end after publication is cut there. Allegiance and affiliation
  last until the pair's latest evidence.
- Periods come from sweeping the claims' boundaries (months; labelled by year when
  every boundary falls on a year edge): each period has the highest level on each
  axis among the claims active in it; neighbours with equal levels merge. A period
  exists only where some claim is active: there is no decay and no filler period
  for a gap, so the last period is the state at the latest evidence and a claim that
  ended earlier does not carry into it (except a ``persists`` rule's claim, over the
  pair's next claims within its window: violence is a state). Absence claims (a NEGATED claim, the time
  after an affiliation ended) set no level but make a NONE/NONE period where nothing
  else is active: the tie is known to be absent then, not merely unreported. A pair
  with only HYPOTHETICAL claims has one NONE/NONE period over them (nothing realised).
- ``tentative``: some non-NONE level of the period rests on ALLEGED claims only.
- Transitions: between consecutive periods whose levels differ; drivers are the
  claims behind the axes that moved, starting at the new period (else those ending
  with the old one).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import NamedTuple

from dyad.analyse.claims import (
    HYPOTHETICAL,
    Claim,
    Pair,
    ancestors,
    first_month,
    group_keys,
    interaction_claims,
    last_month,
    month_label,
    persist,
    resolve_open_spans,
    structure_claims,
)
from dyad.analyse.contradictions import Contradiction, find_contradictions
from dyad.analyse.levels import apply_conditional_rules, assign_type_levels
from dyad.analyse.rules import RuleSet, load_rules
from dyad.model import Actor, Document, Interaction, StructureClaim
from dyad.ontology import COOPERATION_LEVELS, STRUCTURE_LEVELS, axis_of, rank

State = tuple[str, str]  # (cooperation, hostility)
NONE_STATE: State = ("NONE", "NONE")
ABSENCE_DENIED, ABSENCE_ENDED = "absence.denied", "absence.ended"  # rule ids of NONE/NONE periods
ABSENCE_UNREALISED = "absence.unrealised"  # a pair known only from what might happen


@dataclass
class Period:
    start: str | None
    end: str | None
    cooperation: str
    hostility: str
    tentative: bool
    rules: list[str]
    claims: list[str]
    documents: int
    undated: bool = False  # a level rests on a claim dated only by its publication


@dataclass
class Transition:
    at: str | None
    before: State
    after: State
    drivers: list[str]


@dataclass
class DyadHistory:
    a: str
    b: str
    periods: list[Period]
    transitions: list[Transition]
    contradictions: list[Contradiction]
    rolled_up_from: list[Pair]
    activity: int
    claims: list[str] = field(default_factory=list)  # every claim of the pair, happened or not


def build_histories(interactions: list[Interaction], structure: list[StructureClaim], actors: list[Actor],
                    documents: list[Document], rules: RuleSet | str | Path | None = None) -> list[DyadHistory]:
    """One history per pair, busiest first."""
    return pair_histories(interactions, structure, group_keys(actors), {d.id: d.published for d in documents},
                          {d.id: d.name for d in documents}, rules)


def pair_histories(interactions: list[Interaction], structure: list[StructureClaim], groups: set[str],
                   published: dict[str, str | None], doc_names: dict[str, str],
                   rules: RuleSet | str | Path | None = None, latest: int | None = None,
                   keep: Callable[[Pair], bool] | None = None) -> list[DyadHistory]:
    """The histories of the pairs ``keep`` accepts (all by default), busiest first, from a part of
    the store: every claim of each pair kept, the whole structure, the group keys and the
    publication dates and names of the documents they cite. ``latest`` is the last month of the
    latest publication in the whole store (by default, of ``published``)."""
    ruleset = rules if isinstance(rules, RuleSet) else load_rules(rules)
    if latest is None:
        latest = max((last_month(p) for p in published.values() if p), default=None)
    by_pair = interaction_claims(interactions, groups, ancestors(structure, ruleset.rollup), published)
    level_structure = frozenset(ruleset.structure_rules) | frozenset(STRUCTURE_LEVELS)
    seen_until = {pair: max(last_month(published[c.doc]) for c in claims if published.get(c.doc))
                  for pair, claims in by_pair.items() if any(published.get(c.doc) for c in claims)}
    for pair, claims in structure_claims(structure, groups, level_structure, published, latest,
                                         seen_until).items():
        by_pair.setdefault(pair, []).extend(claims)
    histories = [_history(pair, claims, ruleset, published, doc_names) for pair, claims in by_pair.items()
                 if keep is None or keep(pair)]
    return sorted(histories, key=lambda h: (-h.activity, h.a, h.b))


def _history(pair: Pair, claims: list[Claim], ruleset: RuleSet, published: dict, doc_names: dict) -> DyadHistory:
    assign_type_levels(claims, ruleset)
    resolve_open_spans(claims, published)
    persist(claims, apply_conditional_rules(claims, ruleset))
    periods, spans = _periods(claims)
    return DyadHistory(
        a=pair[0], b=pair[1], periods=periods,
        transitions=_transitions(periods, spans, claims),
        contradictions=find_contradictions(claims, doc_names, ruleset.one_off_types),
        rolled_up_from=list(dict.fromkeys(c.rolled_up_from for c in claims if c.rolled_up_from)),
        activity=len({c.id for c in claims}),
        claims=list(dict.fromkeys(c.id for c in claims)),
    )


def _periods(claims: list[Claim]) -> tuple[list[Period], list[tuple[int, int] | None]]:
    """Sweep the boundaries of the levelled and absence claims; merge neighbours with equal
    levels. Absence claims set no level: they only make a NONE/NONE period where no other
    claim is active (the tie is known to be absent then, not merely unreported)."""
    levelled = [c for c in claims if c.happened and c.level != "NONE"]
    absent = [c for c in claims if c.absence and not c.timeless and c.start is not None]
    placed = [c for c in levelled if c.start is not None] + absent
    if not placed and not any(c.happened for c in claims):
        # "X may attempt to reconcile with Y" and nothing else: no tie, as of those reports
        placed = [c for c in claims if c.certainty == HYPOTHETICAL and c.start is not None and not c.timeless]
    if not placed:
        return ([_period(None, None, levelled, "year")], [None]) if levelled else ([], [])
    bounds = sorted({c.start for c in placed} | {c.end + 1 for c in placed})
    groups: list[list] = []  # [lo, hi, active claims]
    for lo, nxt in zip(bounds, bounds[1:]):
        active = [c for c in placed if c.start <= lo and c.end >= nxt - 1]
        if not active:
            continue
        if groups and groups[-1][1] == lo - 1 and _levels(groups[-1][2]) == _levels(active):
            groups[-1][1] = nxt - 1
            groups[-1][2] = list(dict.fromkeys(groups[-1][2] + active))
        else:
            groups.append([lo, nxt - 1, active])
    year_edges = all(lo % 12 == 0 and hi % 12 == 11 for lo, hi, _ in groups)
    granularity = "year" if year_edges else "month"
    return [_period(lo, hi, active, granularity) for lo, hi, active in groups], [(lo, hi) for lo, hi, _ in groups]


def _levels(active: list[Claim]) -> State:
    best = {"cooperation": "NONE", "hostility": "NONE"}
    for c in active:
        if c.level == "NONE":
            continue
        axis = axis_of(c.level)
        if rank(c.level) > rank(best[axis]):
            best[axis] = c.level
    return best["cooperation"], best["hostility"]


def _period(lo: int | None, hi: int | None, active: list[Claim], granularity: str) -> Period:
    coop, host = _levels(active)
    levelled = [c for c in active if c.level != "NONE"]
    supporting = [c for c in levelled if c.level in (coop, host)] if levelled else active
    tentative = any(all(c.certainty == "ALLEGED" for c in supporting if c.level == level)
                    for level in (coop, host) if level != "NONE")
    return Period(
        start=month_label(lo, granularity) if lo is not None else None,
        end=month_label(hi, granularity) if hi is not None else None,
        cooperation=coop, hostility=host, tentative=tentative,
        rules=list(dict.fromkeys(r for c in supporting for r in c.rules or [_absence_rule(c)])),
        claims=list(dict.fromkeys(c.id for c in active)),
        documents=len({c.doc for c in supporting if c.doc}),
        undated=any(c.undated for c in supporting),
    )


def _absence_rule(c: Claim) -> str:
    """Why a period is NONE/NONE: a claim denies the tie, an affiliation, merger or past role
    ended, or the pair is known only from what might happen."""
    return ABSENCE_ENDED if c.structure or c.ended else \
        ABSENCE_UNREALISED if c.certainty == HYPOTHETICAL else ABSENCE_DENIED


def _transitions(periods: list[Period], spans: list, claims: list[Claim]) -> list[Transition]:
    """Drivers are the claims behind the axes that moved: those starting with the new period
    at its level (or marking an absence); when none start there, those at the old level that
    ended with the old period."""
    out = []
    for i in range(1, len(periods)):
        p, q = periods[i - 1], periods[i]
        before, after = (p.cooperation, p.hostility), (q.cooperation, q.hostility)
        if before == after:
            continue
        moved = [k for k in range(2) if before[k] != after[k]]
        risen, fallen = {after[k] for k in moved} - {"NONE"}, {before[k] for k in moved} - {"NONE"}
        starting = [c.id for c in claims if c.start == spans[i][0] and (c.level in risen or c.absence)]
        ending = [c.id for c in claims if c.end == spans[i - 1][1] and c.happened and c.level in fallen]
        out.append(Transition(at=q.start, before=before, after=after,
                              drivers=list(dict.fromkeys(starting or ending))))
    return out


def period_months(period: Period) -> tuple[int, int] | None:
    """The months a period covers; None for a period of undated claims only."""
    if period.start is None:
        return None
    return first_month(period.start), last_month(period.end)


def state_at(history: DyadHistory, when: str) -> State:
    """(cooperation, hostility) as of ``when`` (an ISO prefix): the last period overlapping
    it; NONE/NONE when no claim is active then."""
    lo, hi = first_month(when), last_month(when)
    state = NONE_STATE
    for p in history.periods:
        span = period_months(p)
        if span is None or (span[0] <= hi and lo <= span[1]):
            state = (p.cooperation, p.hostility)
    return state


def latest_state(history: DyadHistory) -> State:
    """The state of the last period: what the latest evidence shows."""
    return (history.periods[-1].cooperation, history.periods[-1].hostility) if history.periods else NONE_STATE


class DyadSummary(NamedTuple):
    """What a list of dyads shows of a pair, so that the list is read from the store's rows
    without decoding every history (``store/states.py``): a tuple, made at C speed, since a
    big store lists hundreds of thousands."""

    a: str
    b: str
    activity: int
    periods: int
    until: str | None  # the last period's end (else start); None when undated or there is none
    peak_cooperation: str  # the highest level of any period
    peak_hostility: str
    cooperation: str  # the latest state
    hostility: str


def summary(history: DyadHistory) -> DyadSummary:
    last = history.periods[-1] if history.periods else None
    peak = [max([getattr(p, axis) for p in history.periods] or ["NONE"], key=rank)
            for axis in ("cooperation", "hostility")]
    return DyadSummary(history.a, history.b, history.activity, len(history.periods),
                       (last.end or last.start) if last else None, *peak, *latest_state(history))


def severity(state: State) -> int:
    """How much a state matters to a list of dyads, the higher the sooner: hostility's level
    first (fighting, then coercion, then words), then cooperation's (a merger before an
    alliance before a tactical or a one-off exchange). NONE/NONE is 0."""
    cooperation, hostility = state
    return rank(hostility) * len(COOPERATION_LEVELS) + rank(cooperation)


def listing_order(summary: DyadSummary, state: State) -> tuple:
    """The order ``dyad dyads`` lists pairs in: the state's ``severity`` (the latest, or that at
    the date asked), then the pair's claim count, both highest first, then its two keys.
    The store keeps both numbers beside each pair so that SQL reads the list in this order."""
    return -severity(state), -summary.activity, summary.a, summary.b


def dyads_for_export(histories: list[DyadHistory], lazy: bool = False) -> list[dict] | Iterator[dict]:
    """The ``dyads`` section of the JSON export (the scorer's schema); ``lazy``: made one at a time."""
    keys = ("start", "end", "cooperation", "hostility", "tentative", "rules", "claims")
    made = ({"a": h.a, "b": h.b, "periods": [{k: getattr(p, k) for k in keys} for p in h.periods]}
            for h in histories)
    return made if lazy else list(made)


def history_to_dict(history: DyadHistory) -> dict:
    """A history as JSON-ready data (the store keeps histories so, as derived rows)."""
    return asdict(history)


def history_from_dict(data: dict) -> DyadHistory:
    """The history ``history_to_dict`` gave (JSON's lists turned back into the tuples they were)."""
    return DyadHistory(
        a=data["a"], b=data["b"], periods=[Period(**p) for p in data["periods"]],
        transitions=[Transition(t["at"], tuple(t["before"]), tuple(t["after"]), t["drivers"])
                     for t in data["transitions"]],
        contradictions=[Contradiction(**c) for c in data["contradictions"]],
        rolled_up_from=[tuple(p) for p in data["rolled_up_from"]], activity=data["activity"],
        claims=data["claims"],
    )
