"""The store as a folder of flat tables for R, Stata, pandas or a spreadsheet.

``actors``, ``interactions`` (one claim a row, with its PLOVER code), ``dyad_periods``
(one period of one dyad a row) and ``structure``, as CSV, and as Parquet beside them
when pyarrow is installed. Columns are fixed (``COLUMNS``) so scripts can rely on them.
"""
from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from typing import Any

from dyad.ontology import INTERACTION_TYPES
from dyad.store import Store

COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("id", "name", "type", "kb_id", "aliases"),
    "interactions": ("id", "source", "source_name", "target", "target_name", "type", "plover", "polarity",
                     "certainty", "time_start", "time_end", "time_text", "attributed_to", "place", "confidence",
                     "doc_id", "doc_name", "ev_start", "ev_end", "sentence", "cue", "origin", "provenance"),
    "dyad_periods": ("a", "a_name", "b", "b_name", "period", "start", "end", "cooperation", "hostility",
                     "tentative", "undated", "documents", "claims", "rules"),
    "structure": ("source", "source_name", "target", "target_name", "type", "start", "end", "former", "role",
                  "origin", "doc_id", "sentence", "provenance"),
}
ALIAS_SEPARATOR = "; "


def tables(store: Store, histories: list) -> dict[str, list[dict[str, Any]]]:
    """Every table as rows (dicts with the table's columns)."""
    actors = store.actors()
    names = {key: a.name for a in actors for key in (a.key, *a.members)}
    docs = {d.id: d.name for d in store.documents()}
    return {
        "actors": [{"id": a.key, "name": a.name, "type": a.type, "kb_id": a.kb_id,
                    "aliases": ALIAS_SEPARATOR.join(s.alias for s in a.aliases)} for a in actors],
        "interactions": [_claim(c, names, docs) for c in store.interactions()],
        "dyad_periods": [
            {"a": h.a, "a_name": names.get(h.a), "b": h.b, "b_name": names.get(h.b), "period": i, "start": p.start,
             "end": p.end, "cooperation": p.cooperation, "hostility": p.hostility, "tentative": p.tentative,
             "undated": p.undated, "documents": p.documents, "claims": ALIAS_SEPARATOR.join(p.claims),
             "rules": ALIAS_SEPARATOR.join(p.rules)}
            for h in histories for i, p in enumerate(h.periods)],
        "structure": [
            {"source": e.source, "source_name": names.get(e.source), "target": e.target,
             "target_name": names.get(e.target), "type": e.type, "start": e.start, "end": e.end, "former": e.former,
             "role": e.role, "origin": e.origin, "doc_id": e.evidence.doc if e.evidence else None,
             "sentence": e.evidence.text if e.evidence else None, "provenance": e.provenance}
            for e in store.structure()],
    }


def _claim(c, names: dict[str, str], docs: dict[str, str]) -> dict[str, Any]:
    kind, time, ev = INTERACTION_TYPES[c.type], c.time, c.evidence
    return {
        "id": c.id, "source": c.source, "source_name": names.get(c.source), "target": c.target,
        "target_name": names.get(c.target), "type": c.type, "plover": kind.plover, "polarity": kind.polarity,
        "certainty": c.certainty, "time_start": time.start if time else None, "time_end": time.end if time else None,
        "time_text": time.text if time else None, "attributed_to": c.attributed_to,
        "place": c.place.name if c.place else None, "confidence": c.confidence, "doc_id": ev.doc,
        "doc_name": docs.get(ev.doc), "ev_start": ev.start, "ev_end": ev.end, "sentence": ev.text, "cue": c.cue,
        "origin": c.origin, "provenance": c.provenance,
    }


def parquet_available() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


def write_tables(store: Store, histories: list, folder: str | Path) -> list[Path]:
    """Write ``<table>.csv`` (and ``<table>.parquet`` with pyarrow) into ``folder``; the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables(store, histories).items():
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=COLUMNS[name])
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
        if parquet_available():
            written.append(_write_parquet(name, rows, folder / f"{name}.parquet"))
    return written


def _write_parquet(name: str, rows: list[dict[str, Any]], path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {column: [row[column] for row in rows] for column in COLUMNS[name]}
    pq.write_table(pa.table(columns), path)
    return path
