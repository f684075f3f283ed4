"""Read stage: files on disk -> ``dyad.model.Document``, with clear errors for bad input."""
from dyad.read.decode import DEFAULT_MAX_BYTES
from dyad.read.dedupe import NearDuplicateIndex, signature
from dyad.read.discover import discover
from dyad.read.document import document_name, iter_documents, read_document
from dyad.read.errors import ReadError
from dyad.read.pubdate import (
    date_in_name,
    infer_published,
    parse_date_prefix,
    published_from,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "NearDuplicateIndex",
    "ReadError",
    "date_in_name",
    "discover",
    "document_name",
    "infer_published",
    "iter_documents",
    "parse_date_prefix",
    "published_from",
    "read_document",
    "signature",
]
