"""Dyad histories read from the store: one pair's alone, or every pair's kept as derived rows.

A pair's history needs only the claims between the members of its two actors (and of their
roll-up children), the structure, the actors' types and the dates and names of the documents
cited (docs/dyads.md). ``pair_history`` reads just those by SQL on indexed columns.
``kept_histories`` keeps every pair's history in ``dyad_cache`` (with its summary and periods
beside it, for ``states.py``): each write records what it touched in ``dyad_journal``
in its own transaction, and the next read recomputes the pairs touched since, in one
transaction (every pair when the rules differ or a write says ``all``). The rows are
derived: a killed run leaves the journal to redo, and deleting them costs one full rebuild.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import orjson
from sqlalchemy import ColumnElement, delete, exists, func, insert, or_, select, tuple_
from sqlalchemy.orm import Session

from dyad.analyse.claims import Pair, ancestors, last_month, pair_of
from dyad.analyse.dyads import DyadHistory, history_from_dict, history_to_dict, pair_histories
from dyad.analyse.rules import RuleSet, load_rules, rules_fingerprint
from dyad.ontology import GROUP_TYPES

from .bulk import collector_paused
from .claims import interaction_view
from .judgements import Decisions
from .schema import (ActorRow, DocumentRow, DyadCacheRow, DyadCacheStateRow, DyadJournalRow, DyadPeriodRow,
                     DyadSummaryRow, InteractionRow)
from .states import period_rows, summary_row
from .views import InteractionView, StructureView

ALL, ACTOR, PAIR = "all", "actor", "pair"  # journal scopes, see DyadJournalRow
CHUNK = 10_000  # values per IN (...): SQLite allows 32,766 parameters
KEPT = (DyadCacheRow, DyadSummaryRow, DyadPeriodRow)  # a pair's kept rows: written and deleted together


def journal(s: Session, scope: str, ends: Iterable[tuple[str | None, str | None]]) -> None:
    """Record, in the caller's transaction, what a write touched (``scope`` and its ends)."""
    s.add_all(DyadJournalRow(scope=scope, source=a, target=b) for a, b in dict.fromkeys(ends))


def chunks(values: Iterable) -> Iterable[list]:
    """``values`` in lists of ``CHUNK``, for IN (...) clauses."""
    values = list(values)
    return (values[i:i + CHUNK] for i in range(0, len(values), CHUNK))


def latest_month(s: Session) -> int | None:
    """The last month of the latest publication date in the store (an index lookup, not a scan):
    "2015" ends after "2015-06" although it sorts before it."""
    top = select(func.max(DocumentRow.published)).scalar_subquery()
    year_only = exists().where(DocumentRow.published == func.substr(top, 1, 4))
    latest, year = s.execute(select(top, year_only)).one()  # one round trip
    if latest is None:
        return None
    return last_month(latest[:4] if year else latest)


@dataclass
class _Lines:
    """Who stands for whom: roll-up parents and children of each actor, members of each merged one."""

    lineage: dict[str, list[str]]
    below: dict[str, set[str]]
    members: dict[str, set[str]]

    @classmethod
    def of(cls, state: Decisions, structure: list[StructureView], ruleset: RuleSet) -> _Lines:
        lineage = ancestors(structure, ruleset.rollup)
        below, members = defaultdict(set), defaultdict(set)
        for child, parents in lineage.items():
            for parent in parents:
                below[parent].add(child)
        for key in state.parent:
            members[state.canonical(key)].add(key)
        return cls(lineage, below, members)

    def stored_keys(self, actors: Iterable[str]) -> set[str]:
        """The stored keys whose claims count for these actors: theirs, their roll-up children's
        and those of everyone merged into them."""
        out = set()
        for actor in actors:
            for key in (actor, *self.below.get(actor, ())):
                out |= {key, *self.members.get(key, ())}
        return out


def _claims(s: Session, state: Decisions, among: set[str], touching: set[str]) -> list[InteractionView]:
    """Claims whose stored ends are both ``among`` or either ``touching``, and every claim an
    analyst's edit gave other ends, with the judgements applied."""
    rows: dict[str, InteractionRow] = {}

    def fetch(condition: ColumnElement) -> None:
        rows.update((r.id, r) for r in s.scalars(select(InteractionRow).where(condition)))

    for first in chunks(among):
        for second in chunks(among):
            fetch(InteractionRow.source.in_(first) & InteractionRow.target.in_(second))
    for chunk in chunks(touching):
        fetch(or_(InteractionRow.source.in_(chunk), InteractionRow.target.in_(chunk)))
    for chunk in chunks(i for i, edits in state.edits.items() if {"source", "target"} & set(edits)):
        fetch(InteractionRow.id.in_(chunk))
    return [v for v in (interaction_view(r, state, False) for r in rows.values()) if v]


def _histories(s: Session, state: Decisions, structure: list[StructureView], ruleset: RuleSet,
               claims: list[InteractionView], keep: Callable[[Pair], bool] | None) -> list[DyadHistory]:
    """The histories ``keep`` accepts, from these claims (every claim of each such pair) and the
    documents, types and latest report they need, as ``build_histories`` over the whole store."""
    published, names = {}, {}
    cited = {c.evidence.doc for c in claims} | {e.evidence.doc for e in structure if e.evidence}
    for chunk in chunks(cited):
        for doc_id, name, date in s.execute(select(DocumentRow.id, DocumentRow.name, DocumentRow.published)
                                            .where(DocumentRow.id.in_(chunk))):
            published[doc_id], names[doc_id] = date, name
    claims = sorted(claims, key=lambda c: (names[c.evidence.doc], c.evidence.start, c.id))  # as Store.interactions
    ends = {k for c in [*claims, *structure] for k in (c.source, c.target)}
    groups = set()
    for chunk in chunks(ends):
        for key, stored_type in s.execute(select(ActorRow.key, ActorRow.type).where(ActorRow.key.in_(chunk))):
            if state.types.get(key, stored_type) in GROUP_TYPES:
                groups.add(key)
    return pair_histories(claims, structure, groups, published, names, ruleset, latest_month(s), keep)


def pair_history(s: Session, state: Decisions, structure: list[StructureView], rules: str | Path | None,
                 a: str, b: str) -> DyadHistory | None:
    """The history of the pair of actors ``a`` and ``b`` (keys as the views give them), from their claims alone."""
    ruleset = load_rules(rules)
    wanted = pair_of(a, b)
    found = _histories(s, state, structure, ruleset, _claims(s, state, _Lines.of(state, structure, ruleset)
                                                             .stored_keys(wanted), set()),
                       keep=lambda pair: pair == wanted)
    return found[0] if found else None


def kept_are_fresh(s: Session, rules: str | Path | None) -> bool:
    """Whether the kept histories take in every write and were made by these rules."""
    kept = s.get(DyadCacheStateRow, 1)
    return kept is not None and kept.rules == rules_fingerprint(rules) and kept.latest == latest_month(s) \
        and s.scalar(select(DyadJournalRow.id).limit(1)) is None


def refresh_kept(s: Session, state: Decisions, structure: list[StructureView], rules: str | Path | None) -> None:
    """Recompute, in the caller's write transaction, the kept histories of the pairs the
    journal says were touched since they were made (all of them when it says ``all``, when
    there are none yet or when the rules differ), then empty the journal. Writers wait for
    this transaction, so no entry can arrive between reading the journal and emptying it."""
    ruleset, fingerprint = load_rules(rules), rules_fingerprint(rules)
    kept = s.get(DyadCacheStateRow, 1)
    latest = latest_month(s)
    entries = s.execute(select(DyadJournalRow.scope, DyadJournalRow.source, DyadJournalRow.target)).all()
    if kept is None or kept.rules != fingerprint or any(scope == ALL for scope, _, _ in entries):
        _forget(s)
        claims = [v for v in (interaction_view(r, state, False) for r in s.scalars(select(InteractionRow))) if v]
        _keep(s, _histories(s, state, structure, ruleset, claims, keep=None))
    else:
        _refresh_touched(s, state, structure, ruleset, entries, renewed=kept.latest != latest)
    if kept is None:
        kept = DyadCacheStateRow(id=1)
        s.add(kept)
    kept.rules, kept.latest = fingerprint, latest
    s.execute(delete(DyadJournalRow))


def _refresh_touched(s: Session, state: Decisions, structure: list[StructureView], ruleset: RuleSet,
                     entries: list, renewed: bool) -> None:
    """Every pair of an actor touched (and of its roll-up parents), and the pairs a claim
    touched (with its ends' parents), recomputed; knowledge-base edges' pairs too when the
    latest report is newer (``renewed``: they are seen as of it)."""
    lines = _Lines.of(state, structure, ruleset)
    actors: set[str] = set()
    for key in {k for scope, a, b in entries if scope == ACTOR for k in (a, b) if k}:
        for root in (key, state.canonical(key)):
            actors |= {root, *lines.lineage.get(root, ())}

    def family(key: str) -> list[str]:
        root = state.canonical(key)
        return [root, *lines.lineage.get(root, ())]

    pairs = {pair_of(u, v) for scope, a, b in entries if scope == PAIR
             for u, v in product(family(a), family(b)) if u != v}
    if renewed:
        pairs |= {pair_of(e.source, e.target) for e in structure if e.evidence is None}
    for chunk in chunks(actors):
        _forget(s, lambda table: or_(table.a.in_(chunk), table.b.in_(chunk)))
    for chunk in chunks(pairs):
        _forget(s, lambda table: tuple_(table.a, table.b).in_(chunk))
    claims = _claims(s, state, lines.stored_keys({k for p in pairs for k in p}), lines.stored_keys(actors))
    _keep(s, _histories(s, state, structure, ruleset, claims,
                        keep=lambda p: p in pairs or p[0] in actors or p[1] in actors))


def _forget(s: Session, where: Callable[[type], ColumnElement] | None = None) -> None:
    """Delete the kept rows of the pairs ``where`` selects (all by default), in every table of ``KEPT``."""
    for table in KEPT:
        s.execute(delete(table) if where is None else delete(table).where(where(table)))


def _keep(s: Session, histories: list[DyadHistory]) -> None:
    kept = [{"a": h.a, "b": h.b, "activity": h.activity, "history": json.dumps(history_to_dict(h))}
            for h in histories]
    summaries = [summary_row(h) for h in histories]
    periods = [row for h in histories for row in period_rows(h)]
    for table, rows in zip(KEPT, (kept, summaries, periods)):
        for chunk in chunks(rows):
            s.execute(insert(table), chunk)


@collector_paused()
def kept_histories(s: Session) -> list[DyadHistory]:
    """Every kept history, busiest first (sorted here: a database's collation may order keys
    otherwise than Python does)."""
    histories = [history_from_dict(orjson.loads(text)) for text in s.scalars(select(DyadCacheRow.history))]
    return sorted(histories, key=lambda h: (-h.activity, h.a, h.b))
