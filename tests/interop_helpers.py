"""Shared by the interoperability tests: a store's export written to a file, and a claim
compared without the fields that say where it came from."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

WHERE_FROM = ("origin", "provenance")


def write_json(data: Any, path: Path) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def without_origin(items: list[dict[str, Any]], drop: tuple[str, ...] = WHERE_FROM) -> list[dict[str, Any]]:
    return [{k: v for k, v in item.items() if k not in drop} for item in items]
