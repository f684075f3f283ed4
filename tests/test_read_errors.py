"""Every kind of bad input gives a ReadError whose message is one line naming the file."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from dyad.read import ReadError, read_document


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _huge(path: Path) -> Path:
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant to make, 50 MB by size
    return path


def _broken_symlink(path: Path) -> Path:
    path.symlink_to(path.with_name("gone.txt"))
    return path


def _directory(path: Path) -> Path:
    path.mkdir()
    return path


def _sidecar(path: Path, content: str) -> Path:
    path.write_text("Head\nBody text.\n", encoding="utf-8")
    path.with_suffix(".meta.json").write_text(content, encoding="utf-8")
    return path


BAD_INPUTS = {
    "empty": ("a.txt", lambda p: _write(p, b""), "E204"),
    "whitespace": ("a.txt", lambda p: _write(p, b" \n\t\r\n  "), "E204"),
    "bom only": ("a.txt", lambda p: _write(p, b"\xef\xbb\xbf\n"), "E204"),
    "binary nul": ("a.txt", lambda p: _write(p, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20), "E205"),
    "binary control": ("a.txt", lambda p: _write(p, bytes(range(1, 9)) * 100), "E205"),
    "invalid utf-8": ("a.txt", lambda p: _write(p, "Le Front attaqué.\n".encode("latin-1")), "E206"),
    "html wrong charset": (
        "a.html",
        lambda p: _write(p, b'<meta charset="utf-8"><p>attaqu\xe9 \xe9</p>'),
        "E206",
    ),
    "too large": ("a.txt", _huge, "E203"),
    "missing": ("a.txt", lambda p: p, "E201"),
    "directory": ("a.txt", _directory, "E202"),
    "broken symlink": ("a.txt", _broken_symlink, "E202"),
    "html no text": (
        "a.html",
        lambda p: _write(p, b"<html><head><title>T</title><script>var a = 1;</script></head><body><div></div></body></html>"),
        "E207",
    ),
    "html junk markup": ("a.html", lambda p: _write(p, b"<<<>>> </ <!-- -->"), "E207"),
    "md front matter only": ("a.md", lambda p: _write(p, b"---\ntitle: T\n---\n\n"), "E204"),
    "md bad front matter": ("a.md", lambda p: _write(p, b"---\ntitle: [unclosed\n---\nBody.\n"), "E210"),
    "sidecar invalid json": ("a.txt", lambda p: _sidecar(p, "{title: no quotes}"), "E208"),
    "sidecar not an object": ("a.txt", lambda p: _sidecar(p, '["a list"]'), "E208"),
    "sidecar bad date": ("a.txt", lambda p: _sidecar(p, '{"published": "someday"}'), "E208"),
    "unsupported type": ("a.pdf", lambda p: _write(p, b"%PDF-1.4"), "E209"),
}


@pytest.mark.parametrize(("filename", "make", "code"), list(BAD_INPUTS.values()), ids=list(BAD_INPUTS))
def test_read_errors_bad_input_gives_one_line_coded_error(tmp_path, filename, make, code):
    path = make(tmp_path / filename)
    with pytest.raises(ReadError) as caught:
        read_document(path)
    error = caught.value
    message = str(error)
    assert (error.code, error.path) == (code, str(path))
    assert message.startswith(f"{path}: {code} ") and " — " in message
    assert "\n" not in message


@pytest.mark.parametrize("content", ["{not json"])
def test_read_errors_sidecar_error_names_sidecar(tmp_path, content):
    path = _sidecar(tmp_path / "a.txt", content)
    with pytest.raises(ReadError, match="a.meta.json"):
        read_document(path)


@pytest.mark.parametrize("limit", [1024])
def test_read_errors_size_limit_is_configurable(tmp_path, limit):
    path = _write(tmp_path / "a.txt", b"word " * limit)
    with pytest.raises(ReadError, match="E203"):
        read_document(path, max_bytes=limit)
    assert read_document(path, max_bytes=limit * 5).text.startswith("word")


@pytest.mark.parametrize("size_mb", [50])
def test_read_errors_huge_file_rejected_without_reading(tmp_path, size_mb):
    path = tmp_path / "a.txt"
    path.write_bytes(b"All the words. " * (size_mb * 1024 * 1024 // 15 + 1))
    started = time.perf_counter()
    with pytest.raises(ReadError, match="E203"):
        read_document(path)
    assert time.perf_counter() - started < 0.1


@pytest.mark.parametrize("mode", [0o000])
def test_read_errors_unreadable_permissions(tmp_path, mode):
    path = _write(tmp_path / "a.txt", b"Head\nBody.\n")
    path.chmod(mode)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges that ignore file modes (root): the directory and symlink cases cover E202")
        with pytest.raises(ReadError, match="E202"):
            read_document(path)
    finally:
        path.chmod(0o644)
