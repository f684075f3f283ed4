"""The network of dyads at one moment: who is tied to whom, who brokers, which blocs.

Brokers and blocs are read from cooperation edges only: a group that links two
otherwise separate partners is a broker whatever its rivalries.
"""
from __future__ import annotations

import networkx as nx
from networkx.algorithms.community import greedy_modularity_communities

from dyad.analyse.dyads import DyadHistory, latest_state, state_at
from dyad.model import Actor


def network_at(histories: list[DyadHistory], actors: list[Actor], when: str | None, metrics: bool = True) -> dict:
    """Edges where either level is above NONE at ``when`` (None: each dyad's latest state).

    ``metrics=False`` skips brokers and blocs (empty), which grow faster than the network:
    a view that only draws the ties (the web app's slider) does not pay for them."""
    by_key = {a.key: a for a in actors}
    edges = []
    for h in histories:
        coop, host = latest_state(h) if when is None else state_at(h, when)
        if (coop, host) != ("NONE", "NONE"):
            edges.append({"a": h.a, "b": h.b, "cooperation": coop, "hostility": host})
    everyone, cooperating = nx.Graph(), nx.Graph()
    everyone.add_edges_from((e["a"], e["b"]) for e in edges)
    cooperating.add_nodes_from(everyone)
    cooperating.add_edges_from((e["a"], e["b"]) for e in edges if e["cooperation"] != "NONE")
    betweenness = nx.betweenness_centrality(cooperating) if metrics and cooperating.number_of_edges() else {}
    nodes = [{"key": k, "name": by_key[k].name if k in by_key else k, "type": by_key[k].type if k in by_key else None,
              "degree": everyone.degree(k), "betweenness": round(betweenness.get(k, 0.0), 4)}
             for k in sorted(everyone)]
    return {
        "at": when,
        "nodes": nodes,
        "edges": edges,
        "brokers": [n["key"] for n in sorted(nodes, key=lambda n: (-n["betweenness"], n["key"])) if n["betweenness"] > 0],
        "clusters": _blocs(cooperating) if metrics else [],
    }


def _blocs(cooperating: nx.Graph) -> list[list[str]]:
    """Communities of cooperating groups (two members at least), largest first."""
    tied = cooperating.subgraph([n for n in cooperating if cooperating.degree(n)])
    if not tied.number_of_edges():
        return []
    blocs = [sorted(c) for c in greedy_modularity_communities(tied) if len(c) > 1]
    return sorted(blocs, key=lambda c: (-len(c), c))


def format_network_text(net: dict) -> str:
    """A plain-text summary for the terminal."""
    names = {n["key"]: n["name"] for n in net["nodes"]}
    lines = [f"Network as of {net['at'] or 'latest evidence'}: {len(net['nodes'])} groups, {len(net['edges'])} ties"]
    for e in net["edges"]:
        lines.append(f"  {names[e['a']]} -- {names[e['b']]}: cooperation {e['cooperation']}, hostility {e['hostility']}")
    if net["brokers"]:
        lines.append("Brokers: " + ", ".join(names[k] for k in net["brokers"]))
    for i, bloc in enumerate(net["clusters"], 1):
        lines.append(f"Bloc {i}: " + ", ".join(names[k] for k in bloc))
    return "\n".join(lines)
