"""The HTML pages: shells that their scripts fill from the JSON API.

Templates are autoescaped and scripts only ever set ``textContent``, never HTML, so a
title, name or sentence from a document cannot run anything in the analyst's browser.
"""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(env=Environment(loader=PackageLoader("dyad.web", "templates"),
                                            autoescape=select_autoescape(["html"])))

VIEWS = {  # path -> (template, title in the menu)
    "/": ("network.html", "Network"),
    "/dyad": ("dyad.html", "Dyad"),
    "/actor": ("actor.html", "Actor"),
    "/search": ("search.html", "Evidence"),
    "/document": ("document.html", "Document"),
    "/map": ("map.html", "Map"),
    "/review": ("review.html", "Review"),
    "/ingest": ("ingest.html", "Ingest"),
}
MENU = ("/", "/search", "/map", "/review", "/ingest")


def _page(template: str, title: str):
    def view(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, template, {
            "title": title, "menu": [(p, VIEWS[p][1]) for p in MENU],
            "needs_token": bool(request.app.state.token), "path": request.url.path})
    return view


for _path, (_template, _title) in VIEWS.items():
    router.add_api_route(_path, _page(_template, _title), methods=["GET"], response_class=HTMLResponse)
