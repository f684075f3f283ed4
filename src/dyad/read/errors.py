"""Why a file could not be read, with a code and the fix, in one line.

A batch keeps going past a bad file, so each error must stand alone in a log:
``path: E2xx reason — what to do``.
"""
from __future__ import annotations

import re
from pathlib import Path

# code -> (reason, what to do): templates filled from ReadError.details.
MESSAGES: dict[str, tuple[str, str]] = {
    "E201": ("not found", "check the path"),
    "E202": ("cannot be read: {detail}", "point to a readable regular file (check permissions and links)"),
    "E203": (
        "is {size} bytes, over the {limit}-byte limit",
        "split the file or raise the limit (dyad ingest --max-mb)",
    ),
    "E204": ("is empty or only whitespace", "add the article text or remove the file"),
    "E205": ("looks binary ({detail})", "convert it to a .txt, .md or .html text file"),
    "E206": (
        "is not valid UTF-8 or UTF-16 ({detail})",
        "re-save it as UTF-8 (HTML may instead declare its charset in <meta charset>)",
    ),
    "E207": ("HTML yields no main text", "check the page has an article body, or save its text as .txt"),
    "E208": (
        "sidecar {sidecar} is not valid: {detail}",
        "make it a JSON object with any of title, url, source, author, published (YYYY, YYYY-MM or YYYY-MM-DD)",
    ),
    "E209": ("unsupported file type {suffix!r}", "use .txt, .md, .html or .htm"),
    "E210": ("front matter is not valid YAML: {detail}", "fix the leading --- block or remove it"),
    "E213": ("its text is {size} characters, over the {limit}-character limit of the parser",
             "split it into articles of under {limit} characters"),
}


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class ReadError(Exception):
    """A file that cannot become a Document; ``str()`` is one self-contained line."""

    def __init__(self, path: str | Path, code: str, **details: object) -> None:
        template, fix = MESSAGES[code]
        filled = {k: str(v) for k, v in details.items()}
        self.path = str(path)
        self.code = code
        self.details = details
        self.reason = _one_line(template.format(**filled))
        self.fix = fix.format(**filled)
        super().__init__(f"{self.path}: {code} {self.reason} — {self.fix}")
