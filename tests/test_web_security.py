"""Who may change the store through the web app: loopback by default, the token elsewhere."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from dyad.api import Dyad, DyadError
from dyad.cli import cli
from dyad.web import create_app
from dyad.web.security import TOKEN_HEADER, check_binding

TOKEN = "s3cret-token"
ALIAS = {"actor": "Copper Coast Front", "alias": "the Coast", "reason": "r"}


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "dyad.example.org"])
def test_web_security_refuses_open_address_without_token(host):
    with pytest.raises(DyadError, match="E520"):
        check_binding(host, None)


@pytest.mark.parametrize("host, token", [("127.0.0.1", None), ("localhost", None), ("::1", None), ("0.0.0.0", TOKEN)])
def test_web_security_allows_loopback_or_token(host, token):
    check_binding(host, token)


@pytest.mark.parametrize("host", ["0.0.0.0"])
def test_web_security_serve_command_refuses_before_listening(host, tmp_path, monkeypatch):
    monkeypatch.delenv("DYAD_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--host", host, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "E520" in result.output


@pytest.fixture
def guarded(fresh_db) -> TestClient:
    return TestClient(create_app(Dyad(fresh_db), token=TOKEN))


@pytest.mark.parametrize("path, body", [("/api/aliases", ALIAS), ("/api/merge", {"keep": "a", "drop": "b", "reason": "r"}),
                                        ("/api/split", {"actor": "a", "reason": "r"}),
                                        ("/api/claims/x/review", {"decision": "REJECT", "reason": "r"})])
@pytest.mark.parametrize("sent", [None, "wrong"])
def test_web_security_judgements_need_the_token(guarded, path, body, sent):
    headers = {TOKEN_HEADER: sent} if sent else {}
    assert guarded.post(path, json=body, headers=headers).status_code == 401


@pytest.mark.parametrize("path", ["/api/ingest"])
def test_web_security_ingest_needs_the_token(guarded, path):
    assert guarded.post(path, files=[("files", ("a.txt", b"text"))]).status_code == 401


@pytest.mark.parametrize("body", [ALIAS])
def test_web_security_token_lets_judgement_through(guarded, body):
    assert guarded.post("/api/aliases", json=body, headers={TOKEN_HEADER: TOKEN}).status_code == 200


@pytest.mark.parametrize("path", ["/api/actors", "/api/search?q=clashed", "/"])
def test_web_security_reading_needs_no_token(guarded, path):
    assert guarded.get(path).status_code == 200


@pytest.mark.parametrize("origin", ["http://evil.example", "null"])
def test_web_security_refuses_changes_from_another_site(fresh_db, origin):
    client = TestClient(create_app(Dyad(fresh_db)))
    assert client.post("/api/aliases", json=ALIAS, headers={"Origin": origin}).status_code == 403


def test_web_security_request_bodies_have_a_size_limit(fresh_db):
    client = TestClient(create_app(Dyad(fresh_db), max_body_mb=1))
    before = len(Dyad(fresh_db).documents())
    answer = client.post("/api/ingest", files=[("files", ("big.txt", b"x" * (2 * 2**20)))])
    assert answer.status_code == 413 and "E525" in answer.json()["error"]
    assert len(Dyad(fresh_db).documents()) == before  # nothing of it stored


def test_web_security_a_streamed_body_is_cut_off_at_the_limit():
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from dyad.web.security import BodyLimit

    async def echo(request: Request):
        return PlainTextResponse(str(len(await request.body())))

    app = BodyLimit(Starlette(routes=[Route("/", echo, methods=["POST"])]), max_bytes=1000)
    client = TestClient(app)
    assert client.post("/", content=iter([b"x" * 400] * 2)).text == "800"
    answer = client.post("/", content=iter([b"x" * 400] * 3))  # no declared length: counted as it comes
    assert answer.status_code == 413


@pytest.mark.parametrize("path", ["/api/documents/../../../../etc/passwd", "/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                                  "/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/pyproject.toml"])
def test_web_security_no_path_reads_a_file_outside_the_store(guarded, path):
    answer = guarded.get(path)
    assert answer.status_code in (400, 404) and "root:" not in answer.text and "[project]" not in answer.text


def test_web_security_an_uploaded_name_never_chooses_where_it_is_written(guarded, tmp_path):
    answer = guarded.post("/api/ingest", headers={TOKEN_HEADER: TOKEN},
                          files=[("files", ("../../escaped.txt", b"The Copper Coast Front met the Northern Star Army."))])
    assert answer.status_code in (200, 202, 400)
    assert not (tmp_path.parent / "escaped.txt").exists() and not (tmp_path / "escaped.txt").exists()
