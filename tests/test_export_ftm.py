"""FollowTheMoney entities: valid for the FtM model, organizations with aliases, dated links with proof."""
from __future__ import annotations

import pytest
from followthemoney import model

from dyad.api import Dyad


@pytest.fixture(scope="module")
def entities(ingested_db):
    return list(Dyad(ingested_db).export_ftm())


def test_export_ftm_entities_are_valid_proxies(entities):
    proxies = [model.get_proxy(e, cleaned=False) for e in entities]
    assert proxies and all(p.id and p.schema for p in proxies)


@pytest.mark.parametrize("name, alias", [("Copper Coast Front", "CCF")])
def test_export_ftm_organization_has_aliases(entities, name, alias):
    org = next(e for e in entities if e["schema"] == "Organization" and name in e["properties"]["name"])
    assert alias in org["properties"]["alias"]


@pytest.mark.parametrize("schema", ["UnknownLink"])
def test_export_ftm_claims_link_actors_with_dates_and_proof(entities, ingested_db, schema):
    ids = {e["id"] for e in entities}
    claims = [e for e in entities if e["schema"] == schema and "recordId" in e["properties"]]
    assert len(claims) == len(Dyad(ingested_db).claims())
    for claim in claims:
        props = claim["properties"]
        assert {props["subject"][0], props["object"][0], props["proof"][0]} <= ids
        assert props["description"] and props["role"]
    assert any("startDate" in c["properties"] for c in claims)


@pytest.mark.parametrize("runs", [2])
def test_export_ftm_ids_are_stable(ingested_db, runs):
    assert len({tuple(e["id"] for e in Dyad(ingested_db).export_ftm()) for _ in range(runs)}) == 1
