"""Store views as JSON-ready dicts: the one shape the API answers and the pages read."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any


def claim(view: Any) -> dict:
    """An interaction claim with its stored id (``asdict`` drops the ``id`` property)."""
    return {**asdict(view), "id": view.id}


def actor(view: Any) -> dict:
    data = asdict(view)
    data["activity"] = sum(view.mentions_per_doc.values())
    return data


def document(doc: Any, with_text: bool = False) -> dict:
    data = doc.to_dict()
    if not with_text:
        data.pop("text")
    return data


def history(h: Any, names: dict[str, str]) -> dict:
    return {**asdict(h), "a_name": names.get(h.a, h.a), "b_name": names.get(h.b, h.b)}
