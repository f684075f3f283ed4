"""Decoded file text -> document text and the metadata the file itself carries.

Plain text and markdown keep their text as the user sees it in an editor, so evidence
offsets point at the same characters there. Each parser returns ``Parsed``; the
HTML parser lives in ``html.py``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from dyad.read.errors import ReadError
from dyad.read.metadata import Metadata

_TITLE_MAX_CHARS = 200
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_H1 = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t#]*$", re.MULTILINE)


@dataclass(frozen=True)
class Parsed:
    text: str
    metadata: Metadata = field(default_factory=Metadata)


def title_from_first_line(text: str, markup: str = "") -> str | None:
    """The first line with words, when it reads like a headline: short, not ending in "." or ":".

    ``markup`` lists leading characters that are syntax, not words (markdown's ``#``).
    """
    line = next((ln.strip().lstrip(markup).strip() for ln in text.split("\n") if re.search(r"\w", ln)), "")
    return line if line and len(line) < _TITLE_MAX_CHARS and not line.endswith((".", ":")) else None


def parse_txt(text: str, path: Path) -> Parsed:
    """The text as is; its headline stays in it."""
    return Parsed(text, Metadata(title=title_from_first_line(text)))


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """The short part of a YAML error, with its line in the file (after the opening ---)."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return f"{problem} (line {mark.line + 2})" if mark else problem


def _front_matter(text: str, path: Path) -> tuple[Metadata, str]:
    """Metadata from a leading YAML block, and the text without it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return Metadata(), text
    try:
        loaded = yaml.safe_load(match.group("yaml") or "")
    except yaml.YAMLError as exc:
        raise ReadError(path, "E210", detail=_yaml_problem(exc)) from None
    if not isinstance(loaded, dict):  # a leading thematic break, not front matter
        return Metadata(), text
    return Metadata.from_mapping(loaded), text[match.end() :]


def parse_markdown(text: str, path: Path) -> Parsed:
    """Markdown kept as written, minus YAML front matter; title from the first '# ' heading."""
    metadata, body = _front_matter(text, path)
    heading = _H1.search(body)
    title = heading.group("title") if heading else title_from_first_line(body, markup="#")
    return Parsed(body, metadata.over(Metadata(title=title)))
