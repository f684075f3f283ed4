"""Claims of one pair that cannot all be true: what an analyst should check first.

Two kinds: one document denies cooperation another reports for the same time
("cooperation-denied"), and two documents date the same one-off act to times that
do not overlap ("date-conflict"). Only one-off acts (``one_off_types`` in the rules
file, such as a pledge of allegiance) can conflict on dates: attacks or smuggling at
two times are two events or one long relation.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from dyad.analyse.claims import Claim, month_label
from dyad.ontology import SYMMETRIC


@dataclass
class Contradiction:
    kind: str  # cooperation-denied | date-conflict
    claims: list[str]
    note: str


def find_contradictions(claims: list[Claim], doc_names: dict[str, str], one_off: frozenset[str]) -> list[Contradiction]:
    """Contradictions among a pair's interaction claims; at least one claim of each is the
    pair's own (not rolled up), so a child's conflict is reported once, in its own pair."""
    own = [c for c in claims if not c.structure]
    return [*_denied(own, doc_names), *_date_conflicts(own, doc_names, one_off)]


def _denied(claims: list[Claim], doc_names: dict[str, str]) -> list[Contradiction]:
    out = []
    for neg in (c for c in claims if c.certainty == "NEGATED" and c.polarity == "coop"):
        hits = [c for c in claims if c.happened and c.polarity == "coop" and c.doc != neg.doc
                and neg.overlaps(c, stated=True) and not (neg.rolled_up_from and c.rolled_up_from)]
        if hits:
            reported = ", ".join(sorted({f"{c.type} ({_name(c, doc_names)})" for c in hits}))
            out.append(Contradiction("cooperation-denied", [neg.id, *dict.fromkeys(c.id for c in hits)],
                                     f"{_name(neg, doc_names)} denies {neg.type} {_when(neg)}; reported: {reported}"))
    return out


def _date_conflicts(claims: list[Claim], doc_names: dict[str, str], one_off: frozenset[str]) -> list[Contradiction]:
    dated = [c for c in claims if c.happened and not c.undated and not c.timeless and c.type in one_off]
    out = []
    for c, d in combinations(dated, 2):
        if c.doc == d.doc or _act(c) != _act(d) or c.overlaps(d, stated=True) or (c.rolled_up_from and d.rolled_up_from):
            continue
        out.append(Contradiction("date-conflict", [c.id, d.id],
                                 f"{c.type} {c.source} -> {c.target}: {_name(c, doc_names)} dates it {_when(c)}, "
                                 f"{_name(d, doc_names)} {_when(d)}"))
    return out


def _act(c: Claim) -> tuple:
    ends = tuple(sorted((c.source, c.target))) if c.type in SYMMETRIC else (c.source, c.target)
    return (c.type, *ends)


def _name(c: Claim, doc_names: dict[str, str]) -> str:
    return doc_names.get(c.doc or "", c.doc or "?")


def _when(c: Claim) -> str:
    if c.stated[0] is None:
        return "undated"
    lo, hi = month_label(c.stated[0], "month"), month_label(c.stated[1], "month")
    return lo if lo == hi else f"{lo}..{hi}"

