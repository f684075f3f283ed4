"""Files from other tools (or from another dyad) -> ImportBatch, the unit the store takes.

An import brings claims someone else made: they are stored beside the claims read from
text, with origin ``import`` and provenance "imported from <file>", and never merged into
them. The file's own shape decides how it is read: a STIX 2.1 bundle (``"type":
"bundle"``) or dyad's JSON export (``interactions``, ``actors``...).
"""
from __future__ import annotations

import json
from pathlib import Path

from dyad.model import IMPORTED, Document, ImportBatch, content_id

from .dyad_json import read_dyad_json
from .stix import read_stix


class ImportFileError(ValueError):
    """A file that cannot be imported; the message has a code and the fix."""


def read_import(path: str | Path) -> ImportBatch:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFileError(f"E801 {path}: cannot read the file ({exc}); give a UTF-8 JSON file") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"E802 {path}: not JSON ({exc.msg}, line {exc.lineno}); give a STIX 2.1 bundle "
                           f"or a `dyad export --format json` file") from None
    source = Document(id=content_id("import", text), name=path.name, text="", path=str(path), format=IMPORTED,
                      title=f"imported from {path.name}")
    try:
        if isinstance(data, dict) and data.get("type") == "bundle":
            return read_stix(data, source)
        if isinstance(data, dict) and {"actors", "interactions"} <= set(data):
            return read_dyad_json(data, source)
    except (KeyError, TypeError, ValueError) as exc:
        raise ImportFileError(f"E803 {path}: {type(exc).__name__}: {exc} — the file does not follow its format; "
                           f"re-export it") from None
    raise ImportFileError(f"E802 {path}: neither a STIX 2.1 bundle (\"type\": \"bundle\") nor a dyad JSON export "
                       f"(\"actors\", \"interactions\"); export it in one of those")


__all__ = ["ImportFileError", "read_import"]
