"""Claims of a pair: interactions and structure edges placed on a month line.

This is where a claim gets its pair (after roll-up to PART_OF parents) and its time
span in whole months. Months are integers (``year * 12 + month - 1``), so a span
is a closed integer interval and periods can be swept without date arithmetic.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from dyad.model import ENDED_CUE, UNDATED_CUE, Actor, Interaction, StructureClaim, TimeSpan
from dyad.ontology import GROUP_TYPES, INTERACTION_TYPES, check, happened

NEGATED = check("certainty", "NEGATED")  # the certainty of a claim that says something did not happen
HYPOTHETICAL = check("certainty", "HYPOTHETICAL")  # might, could, plans to

Pair = tuple[str, str]


def first_month(prefix: str) -> int:
    """The first month an ISO prefix covers ("2015" -> January 2015)."""
    year, month = int(prefix[:4]), int(prefix[5:7]) if len(prefix) >= 7 else 1
    return year * 12 + month - 1


def last_month(prefix: str) -> int:
    """The last month an ISO prefix covers ("2015" -> December 2015)."""
    year, month = int(prefix[:4]), int(prefix[5:7]) if len(prefix) >= 7 else 12
    return year * 12 + month - 1


def month_label(month: int, granularity: str) -> str:
    year, m = divmod(month, 12)
    return f"{year:04d}" if granularity == "year" else f"{year:04d}-{m + 1:02d}"


@dataclass(eq=False)
class Claim:
    """One interaction or structure edge as it bears on one pair (compared by identity:
    the same interaction is a different claim in each pair it counts for)."""

    id: str
    source: str  # as the claim says
    target: str
    type: str
    certainty: str
    doc: str | None
    text: str  # evidence sentence and cue, for word rules
    start: int | None  # months; None while undated and unresolved
    end: int | None
    undated: bool = False  # dated by its document's publication only
    timeless: bool = False  # no date at all: spans the pair's evidence
    lasting: bool = False  # holds until the pair's latest evidence
    persists: int = 0  # months its level outlives it (capped by the evidence and a rapprochement)
    former: bool = False
    ended: bool = False  # the text says the tie is over after it ("was the main sponsor")
    rolled_up_from: Pair | None = None
    ends: Pair = ("", "")  # (source, target) as rolled up into this pair
    structure: bool = False
    absence: bool = False  # shows the tie absent at its time (denied, or ended): sets no level
    level: str = "NONE"
    rules: list[str] = field(default_factory=list)
    stated: tuple[int | None, int | None] = (None, None)  # the span before lasting/timeless claims are placed

    @property
    def happened(self) -> bool:
        return happened(self.certainty)

    @property
    def polarity(self) -> str:
        return INTERACTION_TYPES[self.type].polarity if not self.structure else "coop"

    def overlaps(self, other: Claim, stated: bool = False) -> bool:
        """Whether the two spans share a month (``stated``: as the sources date them)."""
        (s1, e1), (s2, e2) = ((self.stated, other.stated) if stated
                              else ((self.start, self.end), (other.start, other.end)))
        if None in (s1, e1, s2, e2):
            return False
        return s1 <= e2 and s2 <= e1



def interaction_span(time: TimeSpan | None, published: str | None) -> tuple[int | None, int | None, bool]:
    """(start, end, undated) in months: open ends close on the other end; no time at
    all (or only the report's date, ``UNDATED_CUE``) falls back to the publication date;
    an end after publication is cut there (reporting cannot see past its own date)."""
    if time and time.cue == UNDATED_CUE:
        time = None
    start = time.start if time else None
    end = time.end if time else None
    if not start and not end:
        if not published:
            return None, None, True
        return first_month(published), last_month(published), True
    s = first_month(start or end)
    e = last_month(end or start)
    if published and s <= last_month(published) < e:
        e = last_month(published)
    return s, e, False


def group_keys(actors: list[Actor]) -> set[str]:
    return {a.key for a in actors if a.type in GROUP_TYPES}


def ancestors(structure: list[StructureClaim], rollup: frozenset[str]) -> dict[str, list[str]]:
    """Every actor's current parents along roll-up edges, nearest first (former edges cut)."""
    parents: dict[str, list[str]] = {}
    for s in structure:
        if s.type in rollup and not s.former and s.source != s.target:
            parents.setdefault(s.source, []).append(s.target)
    out: dict[str, list[str]] = {}
    for child in parents:
        seen: list[str] = []
        todo = list(parents[child])
        while todo:
            p = todo.pop(0)
            if p not in seen and p != child:
                seen.append(p)
                todo.extend(parents.get(p, []))
        out[child] = seen
    return out


def pair_of(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


def interaction_claims(interactions: list[Interaction], groups: set[str], lineage: dict[str, list[str]],
                       published: dict[str, str | None]) -> dict[Pair, list[Claim]]:
    """Claims by pair: each interaction for its own pair and, rolled up, for the pairs of
    its ends' parents (never a pair inside one family)."""
    out: dict[Pair, list[Claim]] = {}
    for x in interactions:
        start, end, undated = interaction_span(x.time, published.get(x.evidence.doc))
        family = lambda k: [k, *lineage.get(k, [])]  # noqa: E731
        for src in family(x.source):
            for tgt in family(x.target):
                if src == tgt or src not in groups or tgt not in groups:
                    continue
                rolled = (src, tgt) != (x.source, x.target)
                if rolled and (src in lineage.get(tgt, []) or tgt in lineage.get(src, [])):
                    continue  # the other side is this side's own parent: a family matter
                out.setdefault(pair_of(src, tgt), []).append(Claim(
                    id=x.id, source=x.source, target=x.target, type=x.type, certainty=x.certainty,
                    doc=x.evidence.doc, text=f"{x.evidence.text} {x.cue}".lower(), start=start, end=end,
                    undated=undated, timeless=start is None,
                    rolled_up_from=(x.source, x.target) if rolled else None, ends=(src, tgt), stated=(start, end),
                    absence=x.certainty == NEGATED and not rolled, ended=ENDED_CUE in x.cue,
                ))
    return out


def structure_claims(structure: list[StructureClaim], groups: set[str], level_types: frozenset[str],
                     published: dict[str, str | None], latest: int | None,
                     seen_until: dict[Pair, int] | None = None) -> dict[Pair, list[Claim]]:
    """Structure edges that set a level (affiliation, merger) as lasting claims of their pair,
    each as its own report saw it; a knowledge-base edge, with no report, as the pair's
    latest report saw it (``seen_until``: pair -> month, from its other claims), or as the
    latest report held saw it (``latest``: a month) when the pair has none."""
    edges = [s for s in structure if s.type in level_types and s.source in groups and s.target in groups
             and s.source != s.target]
    until = dict(seen_until or {})
    for s in edges:
        if s.evidence and published.get(s.evidence.doc):
            pair = pair_of(s.source, s.target)
            until[pair] = max(until.get(pair, 0), last_month(published[s.evidence.doc]))
    out: dict[Pair, list[Claim]] = {}
    for s in edges:
        doc = s.evidence.doc if s.evidence else None
        as_of = last_month(published[doc]) if published.get(doc) else until.get(pair_of(s.source, s.target), latest)
        span = structure_span(s, published.get(doc), as_of)
        if span is None:
            continue
        start, end, stated_end = span
        absence = s.former and not s.end
        out.setdefault(pair_of(s.source, s.target), []).append(Claim(
            id=structure_claim_id(s), source=s.source, target=s.target, type=s.type,
            certainty="ASSERTED", doc=doc, text=s.cue.lower(), start=start, end=end,
            lasting=end is None and not absence, former=s.former, structure=True, ends=(s.source, s.target),
            absence=absence, stated=(start, stated_end),
        ))
    return out


def structure_span(s: StructureClaim, published: str | None, as_of: int | None) -> tuple | None:
    """(start, end, stated end) in months of a structure edge, None when it cannot be placed.

    The picture is as of its report (``as_of``): knowledge-base dates after it are unknown
    to the reporting, so an edge starting later is left out and one ending
    later holds to the latest report (its end is not stated there). A former edge with no
    end date cannot be placed as a tie, but its report shows the tie absent as of its
    publication month."""
    start, end = (first_month(s.start) if s.start else None), (last_month(s.end) if s.end else None)
    if as_of is not None and start is not None and start > as_of:
        return None
    if s.former and end is None:
        month = last_month(published) if published else None
        return (month, month, None) if month is not None else None
    if as_of is not None and end is not None and end > as_of:
        return start, as_of, None
    return start, end, end


STRUCTURE_ID_PREFIX = "structure:"


def structure_claim_id(s: StructureClaim) -> str:
    """Structure edges have no id of their own; this one is readable and stable."""
    return f"{STRUCTURE_ID_PREFIX}{s.type}:{s.source}->{s.target}"


def parse_structure_claim_id(claim_id: str) -> tuple[str, str, str] | None:
    """(type, source, target) of a structure claim id; None for an interaction id."""
    if not claim_id.startswith(STRUCTURE_ID_PREFIX):
        return None
    code, ends = claim_id[len(STRUCTURE_ID_PREFIX):].split(":", 1)
    source, target = ends.split("->", 1)
    return code, source, target


def horizon(claims: list[Claim], published: dict[str, str | None]) -> tuple[int, int] | None:
    """The months the pair's evidence covers: its first dated month to its last, the
    latest publication date of its documents included; None when nothing is dated."""
    starts = [c.start for c in claims if c.happened and c.start is not None]
    ends = [c.end for c in claims if c.happened and c.end is not None]
    ends += [last_month(published[c.doc]) for c in claims if c.happened and published.get(c.doc)]
    if not starts and not ends:
        return None
    return min(starts or ends), max(ends or starts)


def resolve_open_spans(claims: list[Claim], published: dict[str, str | None]) -> None:
    """Place lasting and timeless claims on the pair's evidence horizon; mark the time
    after an ended affiliation or merger as the tie's absence (see ``ended_ties``)."""
    span = horizon(claims, published)
    if span is None:
        return
    lo, hi = span
    for c in claims:
        if c.timeless:
            c.start, c.end = lo, hi
        elif c.structure and not c.absence or c.lasting:
            c.start = lo if c.start is None else c.start
            c.end = max(hi, c.start) if c.lasting else c.end
    persist(claims, [c for c in claims if c.persists])
    claims.extend(ended_ties(claims, hi))


def persist(claims: list[Claim], persisting: list[Claim]) -> None:
    """A persisting claim's level outlives it over the pair's next claims within its window:
    fighting does not stop being the state of a pair because the next report is of a
    threat, nor a long alliance because the next report is of a meeting. It covers only
    months some later claim covers (no filler), and never runs into a claim that breaks
    it: a rapprochement after hostility, any hostile act after cooperation."""
    placed = [c for c in claims if c.start is not None and c.end is not None and not c.structure and not c.absence]
    breaks = {"hostile": [c.start for c in placed if c.type == "RAPPROCHEMENT" and c.happened],
              "coop": [c.start for c in placed if c.polarity == "hostile" and c.happened]}
    for c in persisting:
        if not (c.persists and c.happened) or c.start is None or c.end is None or c.structure:
            continue
        window = c.end + c.persists
        reach = max((d.end for d in placed if c.end < d.start <= window), default=c.end)
        c.end = min([reach, window] + [m - 1 for m in breaks.get(c.polarity, []) if m > c.end])


def ended_ties(claims: list[Claim], last: int) -> list[Claim]:
    """An affiliation or merger with a stated end, or a role the text puts in the past ("was
    the main sponsor"), is known to be over after it: an absence claim from the month after
    its end to the pair's last evidence (at least one month), so the history says the tie
    ended instead of falling silent."""
    return [Claim(id=c.id, source=c.source, target=c.target, type=c.type, certainty=c.certainty, doc=c.doc,
                  text=c.text, start=c.end + 1, end=max(c.end + 1, last), former=True, structure=c.structure,
                  ended=c.ended, absence=True, ends=c.ends, stated=c.stated)
            for c in claims if not c.absence and c.stated[1] is not None and (
                c.structure or c.ended and c.happened)]
