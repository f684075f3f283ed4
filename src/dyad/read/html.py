"""HTML -> main article text and page metadata, via trafilatura.

Pages carry menus, footers and comments; trafilatura keeps the article body and reads
title, author, date, canonical url and site name from the page's metadata. Pages too
small or odd for it fall back to the visible text of <body>.
"""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import trafilatura
from lxml.etree import ParserError
from trafilatura.metadata import extract_metadata

from dyad.read.errors import ReadError
from dyad.read.formats import Parsed
from dyad.read.metadata import Metadata

_INVISIBLE = ("head", "script", "style", "noscript", "template")


def _body_text(html: str) -> str:
    """Visible text, one block per line; empty when the markup yields none."""
    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return ""
    for element in list(root.iter(*_INVISIBLE)):
        if element.getparent() is not None:
            element.drop_tree()
    lines = (re.sub(r"\s+", " ", line).strip() for line in root.text_content().split("\n"))
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
