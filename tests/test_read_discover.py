"""Finding documents on disk and reading a batch that contains bad files."""
from __future__ import annotations

from pathlib import Path

import pytest

from dyad.model import Document
from dyad.read import ReadError, discover, iter_documents


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Head\nSome body text.\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            ["b.txt", "a.md", "sub/deeper/c.html", "sub/d.htm", "sub/D.TXT"],
            ["a.md", "b.txt", "sub/D.TXT", "sub/d.htm", "sub/deeper/c.html"],
        ),
        (["a.txt", "a.meta.json", "a.txt.meta.json", "a.gold.json", "notes.pdf", "x.csv"], ["a.txt"]),
        ([".hidden/a.txt", ".b.txt", "c.txt"], ["c.txt"]),
    ],
)
def test_read_discover_folders_recursive_filtered_sorted(tmp_path, names, expected):
    _tree(tmp_path, names)
    assert discover([tmp_path]) == [tmp_path / name for name in expected]


@pytest.mark.parametrize(
    ("named", "expected"),
    [
        (["a.txt", "a.txt", "."], ["a.txt", "b.md"]),  # repeats collapse
        (["missing.txt"], ["missing.txt"]),  # kept, so reading reports E201
        (["notes.pdf"], ["notes.pdf"]),  # kept, so reading reports E209
        (["a.meta.json"], []),  # JSON metadata is never a document
    ],
)
def test_read_discover_named_paths(tmp_path, named, expected):
    _tree(tmp_path, ["a.txt", "b.md", "notes.pdf", "a.meta.json"])
    assert discover(tmp_path / n for n in named) == [tmp_path / n for n in expected]


@pytest.mark.parametrize("bad", ["missing.txt", "empty.txt"])
def test_read_discover_iter_documents_yields_errors_and_continues(tmp_path, bad):
    _tree(tmp_path, ["a.txt", "z.txt"])
    (tmp_path / "empty.txt").write_bytes(b"")
    items = list(iter_documents([tmp_path / "a.txt", tmp_path / bad, tmp_path / "z.txt"]))
    assert [type(i) for i in items] == [Document, ReadError, Document]
    assert items[1].path == str(tmp_path / bad)


@pytest.mark.parametrize("published", ["not a date"])
def test_read_discover_iter_documents_checks_published_at_call(tmp_path, published):
    with pytest.raises(ValueError, match="not a date"):
        iter_documents([tmp_path], published=published)
