"""The web app driven in a real, offline headless Chromium (Debian's, through Playwright).

One browser session walks the analyst's day: ingest the bundled example by upload, find a
dyad on the network, move the time slider, open evidence, reject a claim and see the dyad
recompute, and a screenshot of each view once its parts are drawn. A hostile document
(markup in its title, names and sentences) is in the store throughout and must run
nothing. ``DYAD_SCREENSHOTS=docs/screenshots`` keeps the screenshots (as in docs/).
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from dyad.api import Dyad, example_corpus
from dyad.store import Store
from test_hostile import _hostile_extraction

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
WIDE, NARROW = {"width": 1280, "height": 800}, {"width": 420, "height": 800}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="headless chromium not installed (apt-get install -y chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed (pip install -e '.[test]')")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, extractor):
    """The real app on loopback, over a store holding only the hostile document at first."""
    import uvicorn

    from dyad.web import create_app

    db = tmp_path_factory.mktemp("web") / "dyad.db"
    with Store(db) as store:
        store.add_extraction(_hostile_extraction())
    port = _free_port()
    app = create_app(Dyad(db, extractor=extractor))
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    while not running.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        tab = browser.new_page(viewport=WIDE)
        tab.problems = []  # dialogs opened and script errors: a hostile document must cause none
        tab.on("dialog", lambda d: (tab.problems.append(f"dialog {d.message}"), d.dismiss()))
        tab.on("pageerror", lambda e: tab.problems.append(f"error {e}"))
        tab.base = server
        yield tab
        browser.close()


def _status(page, text: str) -> None:
    sync_api.expect(page.locator("#status")).to_contain_text(text, timeout=60_000)


def _shot(page, tmp_path: Path, view: str, parts: list[str]) -> None:
    """Screenshot a view after checking each of its parts is on the page."""
    for selector in parts:
        page.wait_for_selector(selector, state="attached", timeout=30_000)
    path = tmp_path / f"{view}.png"
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 8_000
    keep = os.environ.get("DYAD_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)


def test_web_browser_analyst_flow(page, tmp_path):
    base = page.base
    page.goto(f"{base}/ingest")
    page.set_input_files("#files", sorted(str(p) for p in example_corpus().iterdir()))
    page.click("#upload button")
    _status(page, "done: ingested 5 of 5 files, 0 failed")
    _shot(page, tmp_path, "ingest", ["#upload", "progress"])

    page.goto(base + "/")
    _status(page, "ties as of the latest evidence")
    _shot(page, tmp_path, "network", ["#graph canvas", "#slider", "#f-type option", "tr.tie"])
    latest = page.locator("tr.tie").count()
    page.focus("#slider")
    page.keyboard.press("Home")  # the keyboard moves the slider: the first month
    _status(page, "as of 2017-01")
    assert page.locator("#at").inner_text() == "2017-01"
    assert page.locator("tr.tie").count() < latest
    page.keyboard.press("End")
    _status(page, "as of the latest evidence")

    page.locator("tr.tie", has_text="Kestrian Army").filter(has_text="Red Hills Brigades").locator("a").click()
    _status(page, "periods")
    _shot(page, tmp_path, "dyad", ["svg#timeline rect.period", "svg#timeline circle.claim-point", "tr.period-row",
                                   "article.claim"])
    page.locator("circle.claim-point").first.focus()
    page.keyboard.press("Enter")  # a claim point opens its card
    assert page.evaluate("document.activeElement.className") == "claim"

    before = page.locator("#periods").inner_text()
    claims = page.locator("article.claim").count()
    card = page.locator("article.claim").first
    card.locator("input.reason").fill("the sentence is about another pair")
    card.locator("button.reject").click()
    _status(page, f"{claims - 1} claims")
    assert page.locator("#periods").inner_text() != before

    page.locator("article.claim").first.get_by_role("link", name="open evidence").click()
    sync_api.expect(page.locator("mark.chosen")).to_be_visible()
    _shot(page, tmp_path, "document", ["#text mark.chosen", "article.claim"])

    page.goto(f"{base}/search?q=trained")
    _status(page, "sentences with")
    _shot(page, tmp_path, "search", ["li.hit a", "li.hit blockquote"])

    page.goto(f"{base}/actor?name=Red%20Hills%20Brigades")
    _status(page, "claims in")
    _shot(page, tmp_path, "actor", ["#aliases li", "#documents li a", "article.claim", "#alias-form"])

    for view, parts in (("map", ["svg#map circle.place", "#places li"]), ("review", ["article.claim", "#judgements li"])):
        page.goto(f"{base}/{view}")
        _status(page, "place" if view == "map" else "to review")
        _shot(page, tmp_path, view, parts)
    assert page.problems == []


@pytest.mark.parametrize("view", ["/search?q=clashed", "/document?id={doc}", "/actor?name={actor}", "/"])
def test_web_browser_hostile_document_runs_nothing(page, view):
    from test_hostile import _payload

    hostile = _hostile_extraction()
    page.goto(page.base + view.format(doc=hostile.document.id, actor=hostile.actors[0].key))
    page.wait_for_function("document.getElementById('status').textContent.length > 0")
    page.wait_for_timeout(300)
    assert page.problems == []
    assert page.locator("img[onerror], main script").count() == 0
    if view != "/":
        assert _payload("") [:20] in page.locator("main").inner_text()


@pytest.mark.parametrize("view", ["/", "/dyad?a=Red%20Hills%20Brigades&b=Kestrian%20Army", "/search?q=trained"])
def test_web_browser_narrow_window_has_no_sideways_scroll(page, view):
    page.set_viewport_size(NARROW)
    try:
        page.goto(page.base + view)
        page.wait_for_function("document.getElementById('status').textContent.length > 0")
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    finally:
        page.set_viewport_size(WIDE)
