"""Files on disk -> Documents: the entry point of the read stage.

Each file is read, decoded, parsed by its format, given its sidecar's metadata and a
publication date, and identified by the hash of its text, so the same text always
gets the same id. A batch never stops on a bad file: errors come back as items.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dyad.model import Document, content_id
from dyad.read.decode import (
    DEFAULT_MAX_BYTES,
    declared_html_charset,
    decode_text,
    read_bytes,
)
from dyad.read.discover import discover, format_of
from dyad.read.errors import ReadError
from dyad.read.formats import Parsed, parse_markdown, parse_txt
from dyad.read.html import parse_html
from dyad.read.metadata import read_sidecar
from dyad.read.pubdate import parse_date_prefix, published_from

PARSERS: dict[str, Callable[[str, Path], Parsed]] = {"txt": parse_txt, "md": parse_markdown, "html": parse_html}
# spaCy's own limit (nlp.max_length): a longer text would fail in extraction, after minutes
# of parsing and gigabytes of memory, so it is refused here with the fix.
MAX_CHARS = 1_000_000


def document_name(path: str | Path) -> str:
    """What users and the scorer call a document: the file name up to its first dot."""
    return Path(path).name.split(".")[0]


def _published(sidecar: str | None, given: str | None, embedded: str | None, name: str,
               text: str) -> tuple[str | None, bool]:
    """(date, inferred): sidecar > given for the batch > the file's own > guessed from name and text."""
    if sidecar:
        return sidecar, False
    if given:
        return given, False
    if embedded:
        try:
            return parse_date_prefix(embedded), False
        except ValueError:
            pass  # a page's own date is often junk; the text may still tell
    inferred = published_from(name, text)
    return inferred, inferred is not None


def read_document(path: str | Path, published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """One file as a Document; ReadError for a file that cannot be one.

    ``published`` is the date given for the whole batch (``--published``); a value
    that is not a date raises ValueError before the file is touched.
    """
    given = parse_date_prefix(published) if published is not None else None
    path = Path(path)
    fmt = format_of(path)
    if fmt is None:
        raise ReadError(path, "E209", suffix=path.suffix or "(none)")
    data = read_bytes(path, max_bytes)
    text = decode_text(data, path, declared_html_charset(data) if fmt == "html" else None)
    parsed = PARSERS[fmt](text, path)
    if not parsed.text.strip():
        raise ReadError(path, "E204")
    if len(parsed.text) > MAX_CHARS:
        raise ReadError(path, "E213", size=len(parsed.text), limit=MAX_CHARS)
    sidecar = read_sidecar(path)
    metadata = sidecar.over(parsed.metadata)
    date, inferred = _published(sidecar.published, given, parsed.metadata.published, path.name, parsed.text)
    return Document(
        id=content_id(parsed.text),
        name=document_name(path),
        text=parsed.text,
        path=str(path.absolute()),
        format=fmt,
        title=metadata.title,
        source=metadata.source,
        url=metadata.url,
        author=metadata.author,
        published=date,
        published_inferred=inferred,
    )


def iter_documents(
    paths: Iterable[str | Path], published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | ReadError]:
    """Every document found under ``paths``, with each unreadable file as a ReadError item.

    A bad ``published`` raises ValueError here, at the call, not midway through a batch.
    """
    if published is not None:
        parse_date_prefix(published)
    files = discover(paths)
    return _read_all(files, published, max_bytes)


def _read_all(files: list[Path], published: str | None, max_bytes: int) -> Iterator[Document | ReadError]:
    for path in files:
        try:
            yield read_document(path, published, max_bytes)
        except ReadError as error:
            yield error
