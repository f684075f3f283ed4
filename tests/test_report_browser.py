"""The HTML briefing opened in a real, offline browser (headless chromium)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from test_report import render

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")) if p
                 and Path(p).exists()), None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="headless chromium not installed (apt-get install -y chromium)"),
]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    page = tmp_path / "report.html"
    page.write_text(render("html"), encoding="utf-8")
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args, page.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


@pytest.mark.parametrize("size", ["1200,1600"])
def test_report_browser_screenshot_is_drawn(tmp_path, size):
    shot = tmp_path / "shot.png"
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={size}")
    assert shot.exists() and shot.stat().st_size > 10_000


@pytest.fixture(scope="module")
def dom(tmp_path_factory) -> str:
    return chromium(tmp_path_factory.mktemp("dom"), "--dump-dom").stdout


@pytest.mark.parametrize("selector", ['<svg class="timeline"', '<svg class="network-chart"', '<table class="evidence"'])
def test_report_browser_dom_has_parts(dom, selector):
    assert selector in dom
