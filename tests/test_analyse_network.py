"""The network of dyads at a moment."""
from __future__ import annotations

import pytest

from dyad.analyse.dyads import build_histories
from dyad.analyse.network import format_network_text, network_at
from test_analyse_dyads import DOCS, groups, interaction

ACTORS = groups("a", "b", "c", "d", "e", "f")


def star_and_pair():
    """b cooperates with a and c (2015) and fights d (2017); e and f train together (2015)."""
    claims = [
        interaction("a", "b", "TRAINING", "2015"),
        interaction("b", "c", "COORDINATION", "2015"),
        interaction("b", "d", "ATTACK", "2017"),
        interaction("e", "f", "TRAINING", "2015"),
    ]
    return build_histories(claims, [], ACTORS, DOCS)


@pytest.mark.parametrize("when", [None, "2015"])
def test_network_broker_is_the_hub(when):
    assert network_at(star_and_pair(), ACTORS, when)["brokers"] == ["b"]


@pytest.mark.parametrize("when,expected", [("2015", [["a", "b", "c"], ["e", "f"]])])
def test_network_clusters_are_cooperating_blocs(when, expected):
    assert network_at(star_and_pair(), ACTORS, when)["clusters"] == expected


@pytest.mark.parametrize("when,edges", [
    ("2015", {("a", "b"), ("b", "c"), ("e", "f")}),
    ("2017", {("b", "d")}),
    ("2010", set()),
    (None, {("a", "b"), ("b", "c"), ("b", "d"), ("e", "f")}),
])
def test_network_at_filters_edges_by_time(when, edges):
    net = network_at(star_and_pair(), ACTORS, when)
    assert {(e["a"], e["b"]) for e in net["edges"]} == edges
    assert {n["key"] for n in net["nodes"]} == {k for e in edges for k in e}


@pytest.mark.parametrize("when", ["2017"])
def test_network_hostile_edges_make_no_broker(when):
    net = network_at(star_and_pair(), ACTORS, when)
    assert net["brokers"] == [] and net["clusters"] == []
    assert net["edges"] == [{"a": "b", "b": "d", "cooperation": "NONE", "hostility": "VIOLENT"}]


@pytest.mark.parametrize("when", ["2015"])
def test_network_text_names_brokers_and_blocs(when):
    text = format_network_text(network_at(star_and_pair(), ACTORS, when))
    assert "Brokers: B" in text and "Bloc 1: A, B, C" in text and "A -- B: cooperation TACTICAL" in text
