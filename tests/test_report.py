"""The analyst briefing: HTML and Markdown, self-contained, escaped."""
from __future__ import annotations

import re

import pytest

from dyad.analyse.dyads import build_histories
from dyad.export.report import ReportError, render_report
from test_analyse_dyads import DOCS, divorce, groups, interaction

ACTORS = groups("a", "b", "c")
HOSTILE_TEXT = "Group A & friends <script>alert('x')</script> trained | B's men."


def scenario():
    claims = [*divorce(), interaction("a", "c", "TRAINING", "2015", text=HOSTILE_TEXT, attributed_to="Invented Agency")]
    return build_histories(claims, [], ACTORS, DOCS), claims


def render(fmt, pair=None):
    histories, claims = scenario()
    return render_report(histories, ACTORS, DOCS, claims, fmt, pair=pair, generated="2030-01-01")


@pytest.mark.parametrize("part", [
    '<svg class="timeline"', '<svg class="network-chart"', '<table class="evidence"',
    "An invented sentence about the two groups.", "Invented Agency", "doc_d2 (2018-01)",
    "TRANSACTIONAL / NONE → 2018-01: TRANSACTIONAL / COERCIVE, driven by THREAT (B → A, asserted)",
    "Generated 2030-01-01",
])
def test_report_html_has_parts(part):
    assert part in render("html")


@pytest.mark.parametrize("fmt", ["html"])
def test_report_html_fetches_nothing(fmt):
    html = render(fmt)
    assert not re.search(r"""(src|href|xlink:href)\s*=\s*["']?\s*(https?:)?//""", html)
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "https://example.org/d1" in html  # document URLs as text only


@pytest.mark.parametrize("fmt,escaped", [("html", "&lt;script&gt;"), ("md", "&lt;script&gt;")])
def test_report_escapes_evidence(fmt, escaped):
    out = render(fmt)
    assert escaped in out and "<script>" not in out


@pytest.mark.parametrize("fmt", ["md"])
def test_report_markdown_has_tables(fmt):
    md = render(fmt)
    assert "| When | Cooperation | Hostility |" in md
    assert "| 2018-01 | TRANSACTIONAL | COERCIVE |" in md
    assert "\\| B's men" in md  # a pipe in a quote does not break the table
    assert "<svg" not in md


@pytest.mark.parametrize("pair", [("c", "a")])
def test_report_pair_only(pair):
    md = render("md", pair=pair)
    assert "## A — C" in md and "## A — B" not in md


@pytest.mark.parametrize("fmt,pair,code", [("pdf", None, "E401"), ("md", ("b", "c"), "E402")])
def test_report_bad_request_is_clear(fmt, pair, code):
    with pytest.raises(ReportError, match=code):
        render(fmt, pair=pair)
