"""Read stage: files on disk -> ``dyad.model.Document``, with clear errors for bad input.

The names below load on first use (PEP 562): a command that only checks a date imports
``pubdate`` alone, not the near-duplicate index (datasketch) or the HTML reader (trafilatura),
which cost half a second.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {
    "DEFAULT_MAX_BYTES": "decode",
    "NearDuplicateIndex": "dedupe",
    "signature": "dedupe",
    "discover": "discover",
    "document_name": "document",
    "iter_documents": "document",
    "read_document": "document",
    "ReadError": "errors",
    "date_in_name": "pubdate",
    "infer_published": "pubdate",
    "parse_date_prefix": "pubdate",
    "published_from": "pubdate",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'dyad.read' has no attribute {name!r}")
    value = getattr(import_module(f"dyad.read.{_HOMES[name]}"), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
