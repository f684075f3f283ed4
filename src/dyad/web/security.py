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


MAX_BODY_MB = 64  # an upload of many articles fits; a request that would fill the disk or memory does not


class BodyLimit:
    """ASGI middleware: a request body over ``max_bytes`` is refused with 413, by its declared
    length before anything is read, or as soon as a streamed body passes the limit (the app
    is then told the client left, and whatever it answers is replaced by the refusal)."""

    def __init__(self, app, max_bytes: int = MAX_BODY_MB * 2**20):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            return await self._refuse(send)
        seen, over, started = 0, False, False

        async def counted():
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                over = True
                return {"type": "http.disconnect"}
            return message

        async def guarded(message):
            nonlocal started
            if not over:
                started = True
                await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not over:
                raise
        if over and not started:
            await self._refuse(send)

    async def _refuse(self, send) -> None:
        body = (f'{{"error": "E525 the request is over {self.max_bytes // 2**20 or 1} MB; '
                f'ingest larger batches with dyad ingest"}}').encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
