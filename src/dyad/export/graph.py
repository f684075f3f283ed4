"""The actor network as GraphML or GEXF, for Gephi, Cytoscape, yEd or networkx.

One node per actor; one edge per claim (kind ``claim``), per structure edge (kind
``structure``) and per dyad (kind ``dyad``). GEXF edges carry their time as spells and
a dyad edge its cooperation and hostility per period as dynamic attributes, so Gephi's
timeline replays each dyad; GraphML, which has no time, carries the same as plain
start/end attributes and the dyad's periods as JSON. An edge's dyad code is ``code``
(GEXF keeps ``type`` for directed/undirected). Absent values are empty strings: neither
format has a null.
"""
from __future__ import annotations

import calendar
import json
from pathlib import Path
from typing import Any

import networkx as nx

from dyad.ontology import INTERACTION_TYPES
from dyad.store import Store


def build_graph(store: Store, histories: list) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="dyad")
    for actor in store.actors():
        graph.add_node(actor.key, label=actor.name, type=actor.type, kb_id=actor.kb_id or "",
                       aliases="; ".join(a.alias for a in actor.aliases))
    for claim in store.interactions():
        kind = INTERACTION_TYPES[claim.type]
        time = claim.time
        graph.add_edge(claim.source, claim.target, key=claim.id, kind="claim", code=claim.type,
                       plover=kind.plover or "", polarity=kind.polarity, certainty=claim.certainty,
                       start=(time.start if time else None) or "", end=(time.end if time else None) or "",
                       attributed_to=claim.attributed_to or "", doc=claim.evidence.doc, sentence=claim.evidence.text,
                       origin=claim.origin)
    for edge in store.structure():
        if edge.source in graph and edge.target in graph:
            graph.add_edge(edge.source, edge.target, key=edge.id, kind="structure", code=edge.type,
                           start=edge.start or "", end=edge.end or "", origin=edge.origin)
    for history in histories:
        periods = [{"start": p.start, "end": p.end, "cooperation": p.cooperation, "hostility": p.hostility}
                   for p in history.periods]
        last = periods[-1] if periods else {"start": None, "end": None, "cooperation": "NONE", "hostility": "NONE"}
        graph.add_edge(history.a, history.b, key=f"dyad:{history.a}|{history.b}", kind="dyad",
                       cooperation=last["cooperation"], hostility=last["hostility"],
                       start=periods[0]["start"] or "" if periods else "", end=last["end"] or "",
                       periods=json.dumps(periods), activity=history.activity)
    return graph


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    nx.write_graphml(graph, str(path))


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """GEXF with time: spells from each edge's dates, levels per period on dyad edges."""
    timed = graph.copy()
    for _, _, data in timed.edges(data=True):
        start, end = data.pop("start"), data.pop("end")
        if data["kind"] == "dyad":
            periods = json.loads(data["periods"])
            data["spells"] = [(_day(p["start"]), _day(p["end"], last=True)) for p in periods] or None
            for axis in ("cooperation", "hostility"):
                data[axis] = [(p[axis], _day(p["start"]), _day(p["end"], last=True)) for p in periods] or data[axis]
        elif start or end:
            data["spells"] = [(_day(start), _day(end, last=True))]
        if not data.get("spells"):
            data.pop("spells", None)
    nx.write_gexf(timed, str(path))


def _day(prefix: str | None, last: bool = False) -> Any:
    """A full date for GEXF's date time format: a prefix's first day, or its last with ``last``."""
    if not prefix:
        return None
    if len(prefix) == 10:
        return prefix
    if len(prefix) == 4:
        return f"{prefix}-12-31" if last else f"{prefix}-01-01"
    if not last:
        return f"{prefix}-01"
    year, month = map(int, prefix.split("-"))
    return f"{prefix}-{calendar.monthrange(year, month)[1]:02d}"
