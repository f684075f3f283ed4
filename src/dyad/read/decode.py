"""Bytes on disk -> text, refusing what would be wrong rather than guessing.

A wrong decoding (mojibake) would silently corrupt every name and offset after it,
so only UTF-8 (with or without BOM), a UTF-16 BOM, or a charset the HTML itself
declares are accepted. Size is checked before reading, so a huge file is refused at
once without loading it.
"""
from __future__ import annotations

import codecs
import re
import stat
from pathlib import Path

from dyad.read.errors import ReadError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_SAMPLE = 64 * 1024
# Bytes that never occur in text of any 8-bit or UTF encoding (whitespace excluded).
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\b") + b"\x7f"
_CONTROL_SHARE = 0.05
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or ReadError when it is missing, unreadable or too big."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise ReadError(path, "E202", detail="broken symbolic link") from None
        raise ReadError(path, "E201") from None
    except OSError as exc:
        raise ReadError(path, "E202", detail=exc.strerror or exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(path, "E202", detail="it is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(path, "E202", detail="not a regular file")
    if info.st_size > max_bytes:
        raise ReadError(path, "E203", size=info.st_size, limit=max_bytes)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(path, "E202", detail=exc.strerror or exc) from None
    if len(data) > max_bytes:  # grew since stat
        raise ReadError(path, "E203", size=f"more than {max_bytes}", limit=max_bytes)
    return data


def declared_html_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its start."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _binary_reason(data: bytes) -> str | None:
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return "contains NUL bytes"
    controls = sum(sample.count(b) for b in _CONTROL)
    if controls > _CONTROL_SHARE * len(sample):
        return f"{controls} control bytes in the first {len(sample)}"
    return None


def _decode_declared(data: bytes, charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        return data.decode(codecs.lookup(charset).name)
    except (LookupError, UnicodeDecodeError):
        return None


def decode_text(data: bytes, path: Path, declared_charset: str | None = None) -> str:
    """Text with newlines normalised to ``\\n``; otherwise as in the file."""
    if not data.strip():
        raise ReadError(path, "E204")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(path, "E206", detail=f"broken UTF-16 at byte {exc.start}") from None
    else:
        reason = _binary_reason(data)
        if reason:
            raise ReadError(path, "E205", detail=reason)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = _decode_declared(data, declared_charset)
            if text is None:
                bad = data[exc.start : exc.start + 1].hex()
                raise ReadError(path, "E206", detail=f"byte 0x{bad} at offset {exc.start}") from None
    if "\x00" in text:  # past the sample, or in UTF-16: the store's text columns cannot hold it
        raise ReadError(path, "E205", detail="contains NUL characters")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(path, "E204")
    return text
