"""The app factory: one :class:`dyad.api.Dyad`, its JSON API, its pages and local assets.

Nothing is fetched from elsewhere at run time (scripts, styles and Cytoscape.js are served
from ``static/``), so the app works on an air-gapped network.
"""
from __future__ import annotations

import threading
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from dyad import __version__
from dyad.api import Dyad, DyadError
from dyad.store.errors import StoreError
from dyad.store.semantic import NO_EXTRA
from dyad.web import pages, routes_api
from dyad.web.ingest_jobs import Jobs
from dyad.web.security import MAX_BODY_MB, BodyLimit


def create_app(dyad: Dyad, token: str | None = None, max_body_mb: int = MAX_BODY_MB) -> FastAPI:
    """The web app over ``dyad``; with ``token``, changes need it (see ``security.py``);
    request bodies over ``max_body_mb`` are refused."""
    app = FastAPI(title="dyad", version=__version__,
                  description="Actors, claims with evidence, and dyad histories of a dyad store.")
    dyad.open()
    app.state.dyad = dyad
    app.state.token = token
    app.state.jobs = Jobs(dyad, threading.Lock())
    app.include_router(routes_api.router)
    app.include_router(pages.router)
    app.add_middleware(BodyLimit, max_bytes=max_body_mb * 2**20)
    app.mount("/static", StaticFiles(directory=str(resources.files("dyad.web").joinpath("static"))), name="static")

    @app.exception_handler(DyadError)
    @app.exception_handler(StoreError)
    async def user_error(_request: Request, exc: Exception) -> JSONResponse:
        message = " ".join(str(exc).split())
        status = 404 if message[:4] in ("E503", "E504", "E505", "E401", "E410") else 400
        if message.startswith(NO_EXTRA[:4]):
            status = 501  # the server lacks an optional part: not the request's fault
        return JSONResponse({"error": message}, status_code=status)

    return app
