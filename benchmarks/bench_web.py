"""First paint and time-to-data of each web view on a large synthetic store, on loopback.

Builds a store of ``--documents`` documents (``synthetic.build_store``: rows written
directly, no parsing), keeps its dyad histories as ``dyad ingest`` ends by doing, serves
it with ``dyad serve``'s app and opens every view in headless Chromium (Debian's
``/usr/bin/chromium``). Per view it prints the browser's first-contentful-paint and the
time until the page's data is drawn (its status line filled), the first visit (cold:
nothing read yet in the server's process) and a second one (warm).

    .venv/bin/python benchmarks/bench_web.py --documents 20000 --claims 100000 --actors 2000
"""
from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import build_store, group_name  # noqa: E402

FLAGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
READY = "document.getElementById('status').textContent.length > 0"
FCP = "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1"


def _serve(db: Path) -> str:
    import uvicorn

    from dyad.api import Dyad
    from dyad.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(Dyad(db)), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}"


def _views() -> list[tuple[str, str]]:
    a, b = group_name(0), group_name(1)
    return [("network", "/"), ("dyad", f"/dyad?a={a}&b={b}"), ("actor", f"/actor?name={a}"),
            ("search", "/search?q=officials said"), ("document", "/document?id=d0000001"), ("map", "/map"),
            ("review", "/review"), ("ingest", "/ingest")]


def _measure(page, url: str) -> tuple[float, float]:
    began = time.perf_counter()
    page.goto(url)
    page.wait_for_function(f"({FCP}) >= 0", timeout=10_000)
    paint = page.evaluate(FCP)
    if "/ingest" not in url:
        page.wait_for_function(READY, timeout=600_000)
    return paint, (time.perf_counter() - began) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--actors", type=int, default=2_000)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from dyad.api import Dyad

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "big.db"
        began = time.perf_counter()
        build_store(str(db), claims=args.claims, actors=args.actors, documents=args.documents)
        built = time.perf_counter()
        Dyad(db).histories()  # what `dyad ingest` ends with: every pair's history kept in the store
        print(f"store: {args.documents} documents, {args.claims} claims, {args.actors} actors "
              f"built in {built - began:.0f} s, histories kept in {time.perf_counter() - built:.0f} s\n")
        base = _serve(db)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            print("| view | first paint, cold (ms) | data drawn, cold (ms) | first paint, warm (ms) | data drawn, warm (ms) |")
            print("|---|---:|---:|---:|---:|")
            for name, path in _views():
                cold, warm = _measure(page, base + path), _measure(page, base + path)
                print(f"| {name} | {cold[0]:.0f} | {cold[1]:.0f} | {warm[0]:.0f} | {warm[1]:.0f} |", flush=True)
            browser.close()


if __name__ == "__main__":
    main()
