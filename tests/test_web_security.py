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
