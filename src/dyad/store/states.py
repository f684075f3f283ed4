"""The state of every pair, latest or at a date, read by SQL from rows kept beside each history.

``dyad dyads`` lists pairs with their state, peaks and claim count, most important first
(``analyse.dyads.listing_order``). Decoding every kept history for that costs the size of all
of them; instead each history's summary (``analyse.dyads.summary``, with its latest state) is
kept in ``dyad_summaries`` and its periods in months in ``dyad_periods``, written with it
(``histories._keep``), each with the numbers the list is ordered by and an index in that order.
A list of the first N is then an index walk that stops after N rows, whatever the number of
pairs; the state at a date is the period that ``state_at`` picks from each history (the last
overlapping the date), found without reading any.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, true
from sqlalchemy.orm import Session

from dyad.analyse.claims import first_month, last_month
from dyad.analyse.dyads import DyadHistory, DyadSummary, State, period_months, severity, summary

from .bulk import collector_paused
from .schema import DyadPeriodRow, DyadSummaryRow

SUMMARY = [getattr(DyadSummaryRow, name) for name in DyadSummary._fields]  # in the tuple's order
_S, _P = DyadSummaryRow, DyadPeriodRow


class States(NamedTuple):
    """The first ``limit`` pairs of a list, in its order, and how many the whole list holds."""

    pairs: list[tuple[DyadSummary, State]]
    total: int


def summary_row(history: DyadHistory) -> dict:
    found = summary(history)
    return {**found._asdict(), "severity": severity((found.cooperation, found.hostility))}


def period_rows(history: DyadHistory) -> Iterator[dict]:
    """The ``dyad_periods`` rows of a history, in its order."""
    months = [period_months(p) or (None, None) for p in history.periods]
    for seq, period in enumerate(history.periods):
        (lo, hi), following = months[seq], months[seq + 1:seq + 2]
        yield {"a": history.a, "b": history.b, "seq": seq, "lo": lo, "hi": hi,
               "next_lo": following[0][0] if following else None,
               "cooperation": period.cooperation, "hostility": period.hostility,
               "severity": severity((period.cooperation, period.hostility)), "activity": history.activity}


@collector_paused()
def kept_states(s: Session, when: str | None = None, actor: str | None = None, limit: int | None = None) -> States:
    """The first ``limit`` (all with None) of the kept pairs (of ``actor``'s, when given), in
    ``listing_order``, with their state: the latest, or (``when``) that of the last period
    overlapping ``when``; with ``when``, only the pairs that have one (an undated period always
    does). ``total`` counts the pairs the list would hold without ``limit``."""
    connection = s.connection()  # Core rows: no ORM bookkeeping per pair
    if when is None:
        listed = (select(*SUMMARY, _S.cooperation, _S.hostility).where(_of(_S, actor))
                  .order_by(_S.severity.desc(), _S.activity.desc(), _S.a, _S.b))
        counted = select(func.count()).select_from(_S).where(_of(_S, actor))
    else:
        at = _state_at(first_month(when), last_month(when))
        listed = (select(*SUMMARY, _P.cooperation, _P.hostility).join(_S, and_(_S.a == _P.a, _S.b == _P.b))
                  .where(at, _of(_P, actor)).order_by(_P.severity.desc(), _P.activity.desc(), _P.a, _P.b))
        counted = select(func.count()).select_from(_P).where(at, _of(_P, actor))
    rows = connection.execute(_first(listed, limit)).all()
    pairs = [(DyadSummary._make(row[:-2]), tuple(row[-2:])) for row in rows]
    total = len(pairs) if limit is None or len(pairs) < limit else connection.scalar(counted)
    return States(pairs, total)


def _state_at(lo: int, hi: int) -> ColumnElement:
    """The period that gives its pair's state in the months lo..hi: undated, or overlapping them
    with no later period that does (the next starts after hi)."""
    return or_(_P.lo.is_(None),
               and_(_P.lo <= hi, _P.hi >= lo, or_(_P.next_lo.is_(None), _P.next_lo > hi)))


def _first(query: Select, limit: int | None) -> Select:
    return query if limit is None else query.limit(limit)


def _of(table: type, actor: str | None) -> ColumnElement:
    return true() if actor is None else or_(table.a == actor, table.b == actor)
