"""Which files on disk are documents.

Folders are walked recursively; only text, markdown and HTML files are kept.
JSON files (``.meta.json`` sidecars, ``.gold.json`` answers) describe documents and
are never documents themselves. A path that does not exist is kept, and so is a link
under a folder that leads nowhere (broken, or a loop), so reading it reports an error
item instead of the batch silently shrinking.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

FORMATS: dict[str, str] = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}


def format_of(path: Path) -> str | None:
    """txt | md | html for a supported file, else None."""
    return FORMATS.get(path.suffix.lower())


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _documents_under(folder: Path) -> list[Path]:
    return [
        p
        for p in folder.rglob("*")
        if (p.is_file() or _is_dead_link(p)) and format_of(p) and not _is_hidden(p, folder)
    ]


def _is_dead_link(path: Path) -> bool:
    return path.is_symlink() and not path.exists()


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Files named or found under folders, sorted and without repeats.

    A named file of another type is kept (reading it says E209) unless it is JSON
    metadata; hidden files and folders under a named folder are skipped.
    """
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.update(_documents_under(path))
        elif path.suffix.lower() != ".json":
            found.add(path)
    return sorted(found)
