"""GraphML and GEXF exports load back with networkx, with their attributes and time."""
from __future__ import annotations

import networkx as nx
import pytest

from dyad.api import Dyad

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


@pytest.fixture(scope="module", params=sorted(READERS))
def loaded(request, ingested_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("graph") / f"network.{request.param}"
    Dyad(ingested_db).export_graph(request.param, path)
    return request.param, path, READERS[request.param](str(path))


def test_export_graph_loads_with_every_actor_and_claim(loaded, ingested_db):
    _, _, graph = loaded
    dyad = Dyad(ingested_db)
    assert set(graph.nodes) == {a.key for a in dyad.actors()}
    kinds = [d["kind"] for _, _, d in graph.edges(data=True)]
    assert kinds.count("claim") == len(dyad.claims()) and kinds.count("dyad") == len(dyad.histories())


@pytest.mark.parametrize("node_fields, edge_fields", [({"label", "type", "aliases"},
                                                       {"code", "plover", "certainty", "sentence", "origin"})])
def test_export_graph_keeps_attributes(loaded, node_fields, edge_fields):
    _, _, graph = loaded
    assert all(node_fields <= set(data) for _, data in graph.nodes(data=True))
    claims = [d for _, _, d in graph.edges(data=True) if d["kind"] == "claim"]
    assert claims and all(edge_fields <= set(d) for d in claims)


@pytest.mark.parametrize("marker", ['mode="dynamic"', "<spells>", "<spell "])
def test_export_graph_gexf_has_time_spells(ingested_db, tmp_path, marker):
    path = tmp_path / "network.gexf"
    Dyad(ingested_db).export_graph("gexf", path)
    assert marker in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("axis", ["cooperation", "hostility"])
def test_export_graph_gexf_dyad_levels_change_over_time(ingested_db, tmp_path, axis):
    path = tmp_path / "network.gexf"
    Dyad(ingested_db).export_graph("gexf", path)
    dyads = [d for _, _, d in nx.read_gexf(str(path)).edges(data=True) if d["kind"] == "dyad"]
    assert dyads and all(isinstance(d[axis], list) and all(len(v) == 3 for v in d[axis]) for d in dyads)
