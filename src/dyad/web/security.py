"""Who may change the store: loopback alone, or whoever holds the access token.

On 127.0.0.1 the app is the analyst's own; on any other address anyone on the network
could reach it, so it refuses to start without a token and every judgement and ingest
then needs the token in the ``X-Dyad-Token`` header. A write also refuses a request sent
from another site's page (its ``Origin`` is not this server), so a page opened in the
same browser cannot make judgements through the loopback app.
"""
from __future__ import annotations

import ipaddress
import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

from dyad.api import DyadError

TOKEN_HEADER = "X-Dyad-Token"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_binding(host: str, token: str | None) -> None:
    """E520 when asked to listen beyond loopback with no token."""
    if not is_loopback(host) and not token:
        raise DyadError(f"E520 dyad serve on {host} would let anyone on the network change the store; "
                        f"give --token TOKEN (or DYAD_TOKEN) or keep the default --host 127.0.0.1", usage=True)


def require_writer(request: Request) -> None:
    """A FastAPI dependency of every route that changes the store."""
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "E522 a change must come from this app's own pages")
    token = request.app.state.token
    if token and not secrets.compare_digest(request.headers.get(TOKEN_HEADER, ""), token):
        raise HTTPException(401, f"E521 this server needs its access token in the {TOKEN_HEADER} header")
