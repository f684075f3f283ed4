"""Facts about a document that are not its text: from a sidecar, front matter or HTML.

A ``<name>.meta.json`` sidecar lets a user state title, url, source, author and
publication date for a file they cannot or should not edit; it wins over whatever
the file itself says.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from dyad.read.errors import ReadError
from dyad.read.pubdate import parse_date_prefix

SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class Metadata:
    """Optional facts; ``published`` is kept raw until it is validated."""

    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, object]) -> Metadata:
        """Known keys only; ``date`` is read as ``published`` (common in front matter)."""
        values = {f.name: mapping.get(f.name) for f in fields(cls)}
        if values["published"] is None:
            values["published"] = mapping.get("date")
        return cls(**{k: _as_text(v) for k, v in values.items()})

    def over(self, fallback: Metadata) -> Metadata:
        """These facts, with gaps filled from ``fallback``."""
        gaps = {f.name: getattr(fallback, f.name) for f in fields(self) if getattr(self, f.name) is None}
        return replace(self, **gaps)


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    return str(value).strip() or None


def sidecar_path(path: Path) -> Path | None:
    """``x.txt.meta.json`` (names one file) or else ``x.meta.json``, if present."""
    for candidate in (path.with_name(path.name + SIDECAR_SUFFIX), path.with_suffix(SIDECAR_SUFFIX)):
        if candidate.exists() or candidate.is_symlink():
            return candidate
    return None


def read_sidecar(path: Path) -> Metadata:
    """Metadata from the document's sidecar, its date checked; empty when there is none."""
    sidecar = sidecar_path(path)
    if sidecar is None:
        return Metadata()
    try:
        loaded = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReadError(path, "E208", sidecar=sidecar, detail=exc) from None
    if not isinstance(loaded, dict):
        raise ReadError(path, "E208", sidecar=sidecar, detail=f"a JSON {type(loaded).__name__}, not an object")
    metadata = Metadata.from_mapping(loaded)
    if metadata.published is None:
        return metadata
    try:
        return replace(metadata, published=parse_date_prefix(metadata.published))
    except ValueError:
        detail = f"published {metadata.published!r} is not a date"
        raise ReadError(path, "E208", sidecar=sidecar, detail=detail) from None
