"""Property-based tests (hypothesis) of the three readers of untrusted text: the date
normaliser, the name normaliser and the HTML reader.

A short run by default; ``DYAD_FUZZ_EXAMPLES=2000`` makes it a fuzz run (``.ci/run`` does a
short one of those too).
"""
from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dyad.kb import normalise_name
from dyad.read import ReadError, infer_published, parse_date_prefix
from dyad.read.html import parse_html

EXAMPLES = int(os.environ.get("DYAD_FUZZ_EXAMPLES", "40"))
short = settings(max_examples=EXAMPLES, deadline=None)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _is_real(prefix: str) -> bool:
    parts = [int(p) for p in prefix.split("-")]
    try:
        date(*parts, *[1] * (3 - len(parts)))
    except ValueError:
        return False
    return True


# -- dates --------------------------------------------------------------------------
@pytest.mark.parametrize("length", [4, 7, 10])
@short
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_properties_date_iso_prefix_is_itself(length, day):
    assert parse_date_prefix(day.isoformat()[:length]) == day.isoformat()[:length]


@short
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
       form=st.sampled_from(["{d} {m} {y}", "{m} {d}, {y}", "{d} {m}, {y}"]))
def test_properties_date_written_forms_equal_iso(day, form):
    written = form.format(d=day.day, m=MONTHS[day.month - 1], y=day.year)
    assert parse_date_prefix(written) == day.isoformat()


@short
@given(text=st.text(max_size=40))
@example("2015-13-45")
@example("0000")
def test_properties_date_any_text_is_a_real_prefix_or_e211(text):
    try:
        found = parse_date_prefix(text)
    except ValueError as error:
        assert str(error).startswith("E211")
        return
    assert PREFIX.fullmatch(found) and _is_real(found)
    assert parse_date_prefix(found) == found


@short
@given(text=st.lists(st.sampled_from([*"0123456789 ,.-", "May", " June ", " 2019", " in ", " by ", " last "]),
                     max_size=40).map("".join))
def test_properties_date_inferred_publication_is_never_after_today(text):
    found = infer_published(text)
    assert found is None or (PREFIX.fullmatch(found) and found <= date.today().isoformat()[:len(found)])


# -- names --------------------------------------------------------------------------
_words = st.lists(st.text(alphabet=st.characters(min_codepoint=97, max_codepoint=122), min_size=1, max_size=8),
                  min_size=1, max_size=4).map(" ".join)
_accents = "\u0301\u0300\u0308\u0302\u0327"  # combining acute, grave, diaeresis, circumflex, cedilla


@short
@given(name=st.text(max_size=60))
def test_properties_name_fold_is_lowercase_words(name):
    folded = normalise_name(name)
    assert re.fullmatch(r"([a-z0-9]+( [a-z0-9]+)*)?", folded)


@short
@given(name=_words, marks=st.lists(st.sampled_from(_accents), max_size=8), upper=st.booleans())
def test_properties_name_fold_ignores_case_and_diacritics(name, marks, upper):
    varied = "".join(c + (marks.pop() if marks and c.isalpha() else "") for c in name)
    assert normalise_name(varied.upper() if upper else varied) == normalise_name(name)


@short
@given(name=_words.filter(lambda n: normalise_name(n) == n and not n.startswith("the ")),
       article=st.sampled_from(["The ", "the ", "al-", "Al ", "el-"]))
def test_properties_name_fold_drops_leading_article(name, article):
    assert normalise_name(article + name) == name


# -- HTML ---------------------------------------------------------------------------
HIDDEN = "zqxhiddenzqx"  # a word only script and style elements carry
_visible = st.lists(st.sampled_from(["Fighters", "clashed", "near", "Velm", "&amp;", "the", "Front", "2020."]),
                    min_size=1, max_size=12).map(" ".join)


def _element(children):
    tag = st.sampled_from(["div", "p", "span", "b", "section", "article", "li", "td", "font", "main"])
    return st.builds(lambda t, inner: f"<{t}>{''.join(inner)}</{t}>", tag, st.lists(children, max_size=4))


_hidden = st.sampled_from([f"<script>var {HIDDEN} = '<p>x</p>';</script>", f"<style>.{HIDDEN} {{color: red}}</style>",
                           f"<script type=module>document.write('{HIDDEN}')"])  # the last one never closed
_trees = st.recursive(st.one_of(_visible, _hidden), _element, max_leaves=30)


@short
@given(body=_trees, unclosed=st.booleans())
def test_properties_html_reader_never_returns_scripts_or_markup(body, unclosed):
    page = f"<html><head><title>T</title></head><body>{body}" + ("" if unclosed else "</body></html>")
    try:
        parsed = parse_html(page, Path("a.html"))
    except ReadError as error:
        assert error.code == "E207"
        return
    assert HIDDEN not in parsed.text and "<" not in parsed.text


@short
@given(page=st.text(max_size=400))
@example("<" * 300 + "p>" * 300)
def test_properties_html_reader_takes_any_text(page):
    try:
        parse_html(page, Path("a.html"))
    except ReadError as error:
        assert error.code == "E207"
