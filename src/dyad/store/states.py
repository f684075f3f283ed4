"""The state of every pair, latest or at a date, read by SQL from rows kept beside each history.

``dyad dyads`` lists every pair with its state, peaks and claim count. Decoding every kept
history for that costs the size of all of them; instead each history's summary
(``analyse.dyads.summary``, with its latest state) is kept in ``dyad_summaries`` and its
periods in months in ``dyad_periods``, written with it (``histories._keep``). The list is
then one scan of the narrow summaries, and the state at a date one query for the periods
overlapping it: what ``state_at`` picks from each history, without reading any.
"""
from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter

from sqlalchemy import ColumnElement, and_, or_, select, true
from sqlalchemy.orm import Session

from dyad.analyse.claims import first_month, last_month
from dyad.analyse.dyads import NONE_STATE, DyadHistory, DyadSummary, State, period_months, summary

from .bulk import collector_paused
from .schema import DyadPeriodRow, DyadSummaryRow

SUMMARY = [getattr(DyadSummaryRow, name) for name in DyadSummary._fields]  # in the tuple's order


def summary_row(history: DyadHistory) -> dict:
    return summary(history)._asdict()


def period_rows(history: DyadHistory) -> Iterator[dict]:
    """The ``dyad_periods`` rows of a history, in its order."""
    for seq, period in enumerate(history.periods):
        lo, hi = period_months(period) or (None, None)
        yield {"a": history.a, "b": history.b, "seq": seq, "lo": lo, "hi": hi,
               "cooperation": period.cooperation, "hostility": period.hostility}


@collector_paused()
def kept_states(s: Session, when: str | None = None, actor: str | None = None) -> list[tuple[DyadSummary, State]]:
    """(summary, state) of every kept pair (of ``actor``'s only, when given), busiest first:
    the latest state, or (``when``) that of the last period overlapping ``when`` (an undated
    period always does), NONE/NONE when none does."""
    connection = s.connection()  # Core rows: no ORM bookkeeping per pair
    rows = connection.execute(select(*SUMMARY).where(_of(DyadSummaryRow, actor))).all()
    summaries = sorted(map(DyadSummary._make, rows))  # by (a, b): tuples compare in C, no key function
    summaries.sort(key=itemgetter(2), reverse=True)  # then busiest first (stable), as kept_histories
    if when is None:
        return [(pair, (pair.cooperation, pair.hostility)) for pair in summaries]
    lo, hi = first_month(when), last_month(when)
    overlapping = connection.execute(
        select(DyadPeriodRow.a, DyadPeriodRow.b, DyadPeriodRow.cooperation, DyadPeriodRow.hostility)
        .where(or_(DyadPeriodRow.lo.is_(None), and_(DyadPeriodRow.lo <= hi, DyadPeriodRow.hi >= lo)),
               _of(DyadPeriodRow, actor))
        .order_by(DyadPeriodRow.seq)).all()
    at = {(a, b): (cooperation, hostility) for a, b, cooperation, hostility in overlapping}  # the last wins
    return [(pair, at.get(pair[:2], NONE_STATE)) for pair in summaries]


def _of(table: type, actor: str | None) -> ColumnElement:
    return true() if actor is None else or_(table.a == actor, table.b == actor)
