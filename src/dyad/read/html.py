"""HTML -> main article text and page metadata, via trafilatura.

Pages carry menus, footers and comments; trafilatura keeps the article body and reads
title, author, date, canonical url and site name from the page's metadata. Pages too
small or odd for it fall back to the visible text of <body>, read by the standard
library's streaming parser: libxml2 (under trafilatura and lxml) silently drops
everything nested more than 256 elements deep, the streaming parser has no such limit.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import trafilatura
from trafilatura.metadata import extract_metadata

from dyad.read.errors import ReadError
from dyad.read.formats import Parsed
from dyad.read.metadata import Metadata

_INVISIBLE = frozenset({"head", "title", "script", "style", "noscript", "template"})


class _VisibleText(HTMLParser):
    """Collects the text outside invisible elements, however deep the nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden: list[str] = []  # open invisible elements, innermost last
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "body":  # a <head> left open ends where the body starts
            self.hidden.clear()
        elif tag in _INVISIBLE:
            self.hidden.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.hidden:  # closes it and whatever was left open inside it
            while self.hidden.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _body_text(html: str) -> str:
    """Visible text, one block per line; empty when the markup yields none."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _extract(html: str):
    """trafilatura's result (text and metadata), or None when it finds no article."""
    try:
        return trafilatura.bare_extraction(html, with_metadata=True)
    except Exception:  # a third-party parser failing on odd markup means: use the fallback
        return None


def _page_metadata(found) -> Metadata:
    if found is None:
        return Metadata()
    return Metadata(
        title=found.title, url=found.url, source=found.sitename, author=found.author, published=found.date
    )


def parse_html(text: str, path: Path) -> Parsed:
    """Main text and metadata; ReadError E207 when the page has no words at all."""
    extracted = _extract(text)
    body = (extracted.text or "").strip() if extracted else ""
    if not body:
        body = _body_text(text)
    if not re.search(r"\w", body):
        raise ReadError(path, "E207")
    if extracted is None:
        try:
            extracted = extract_metadata(text)
        except Exception:  # metadata is optional; odd markup must not lose the text
            extracted = None
    return Parsed(body, _page_metadata(extracted))
