"""Reading each format into a Document: text, metadata, ids, dates."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.model import content_id
from dyad.read import read_document

FIXTURES = Path(__file__).parent / "fixtures" / "read"


@pytest.mark.parametrize(
    ("name", "fmt"), [("truce.txt", "txt"), ("split.md", "md"), ("clash.html", "html"), ("joins.txt", "txt")]
)
def test_read_document_format_and_identity(name, fmt):
    doc = read_document(FIXTURES / name)
    assert (doc.format, doc.name, doc.path) == (fmt, name.split(".")[0], str((FIXTURES / name).absolute()))
    assert doc.id == content_id(doc.text)


@pytest.mark.parametrize("name", ["truce.txt"])
def test_read_document_txt_keeps_text_as_in_file(name):
    doc = read_document(FIXTURES / name)
    assert doc.text == (FIXTURES / name).read_text(encoding="utf-8")
    assert doc.title == "Northern Front and River Brigade agree truce"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(b"Head line\r\nBody text.\r\n", "Head line\nBody text.\n"), (b"Head line\rBody.\r", "Head line\nBody.\n")],
)
def test_read_document_txt_normalises_newlines(tmp_path, raw, expected):
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    assert read_document(path).text == expected


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Truce agreed in the north", "Truce agreed in the north"),
        ("The truce was agreed on Monday.", None),
        ("By A. Writer:", None),
        ("x" * 250, None),
    ],
)
def test_read_document_txt_title_from_short_first_line(tmp_path, first_line, title):
    path = tmp_path / "a.txt"
    path.write_text(f"\n{first_line}\nBody text follows here.\n", encoding="utf-8")
    assert read_document(path).title == title


@pytest.mark.parametrize("raw", [b"\xef\xbb\xbfHead\nBody.\n", "Head\nBody.\n".encode("utf-16")])
def test_read_document_drops_byte_order_mark(tmp_path, raw):
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    assert read_document(path).text == "Head\nBody.\n"


@pytest.mark.parametrize("name", ["split.md"])
def test_read_document_md_front_matter_is_metadata_not_text(name):
    doc = read_document(FIXTURES / name)
    assert doc.text.startswith("# The River Brigade splits in two\n")
    assert "---" not in doc.text
    assert (doc.title, doc.author, doc.source, doc.url, doc.published, doc.published_inferred) == (
        "The brigade splits",
        "A. Writer",
        "Example Monitor",
        "https://monitor.example.org/brigade-split",
        "2018-11-20",
        False,
    )


@pytest.mark.parametrize(
    ("markdown", "title"),
    [
        ("Intro line\n\n# Main heading #\n\nBody.\n", "Main heading"),
        ("## Section heading\n\nBody text.\n", "Section heading"),
        ("---\n\nA thematic break, then text.\n\n---\n\nMore.\n", None),
    ],
)
def test_read_document_md_title_from_heading_or_first_line(tmp_path, markdown, title):
    path = tmp_path / "a.md"
    path.write_text(markdown, encoding="utf-8")
    doc = read_document(path)
    assert doc.title == title
    assert doc.text == markdown


@pytest.mark.parametrize("name", ["clash.html"])
def test_read_document_html_main_text_and_metadata(name):
    doc = read_document(FIXTURES / name)
    assert "attacked positions held by the River Brigade" in doc.text
    assert "Copyright" not in doc.text and "Contact" not in doc.text
    assert (doc.title, doc.author, doc.url, doc.source, doc.published, doc.published_inferred) == (
        "Rival factions clash near river town",
        "Jane Doe",
        "https://news.example.org/2015/07/rival-factions",
        "Example News",
        "2015-07-03",
        False,
    )


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<html><body><p>Short note about the truce.</p></body></html>", "Short note about the truce."),
        ("<p>Unclosed <b>tags <i>everywhere", "Unclosed tags everywhere"),
    ],
)
def test_read_document_html_small_or_malformed_falls_back_to_body_text(tmp_path, html, expected):
    path = tmp_path / "a.html"
    path.write_text(html, encoding="utf-8")
    assert read_document(path).text == expected


@pytest.mark.parametrize("charset", ["iso-8859-1", "windows-1252"])
def test_read_document_html_honours_declared_charset(tmp_path, charset):
    path = tmp_path / "a.htm"
    page = f'<html><head><meta charset="{charset}"></head><body><p>Le Front du Nord a attaqué la brigade.</p></body></html>'
    path.write_bytes(page.encode(charset))
    assert "attaqué" in read_document(path).text


@pytest.mark.parametrize("name", ["joins.txt"])
def test_read_document_sidecar_overrides_file_metadata(name):
    doc = read_document(FIXTURES / name, published="2020-05-02")
    assert (doc.title, doc.author, doc.source, doc.url, doc.published, doc.published_inferred) == (
        "Sidecar title",
        "Sidecar Author",
        "Sidecar Wire",
        "https://wire.example.org/joins",
        "2020-06",
        False,
    )


@pytest.mark.parametrize("sidecar_name", ["a.meta.json", "a.txt.meta.json"])
def test_read_document_sidecar_names(tmp_path, sidecar_name):
    (tmp_path / "a.txt").write_text("Head\nBody text.\n", encoding="utf-8")
    (tmp_path / sidecar_name).write_text(json.dumps({"source": "Wire"}), encoding="utf-8")
    assert read_document(tmp_path / "a.txt").source == "Wire"


@pytest.mark.parametrize(
    ("sidecar", "given", "expected"),
    [
        ({"published": "2016-01-05"}, "2017", ("2016-01-05", False)),  # sidecar beats --published
        ({}, "2017-02", ("2017-02", False)),  # --published beats the page's own date
        ({}, None, ("2015-07-03", False)),  # the page's own date beats the text
    ],
)
def test_read_document_published_precedence(tmp_path, sidecar, given, expected):
    page = (FIXTURES / "clash.html").read_text(encoding="utf-8")
    (tmp_path / "p.html").write_text(page.replace("on Friday", "on 9 August 2015"), encoding="utf-8")
    (tmp_path / "p.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    doc = read_document(tmp_path / "p.html", published=given)
    assert (doc.published, doc.published_inferred) == expected


@pytest.mark.parametrize("name", ["truce.txt"])
def test_read_document_published_inferred_from_text(name):
    doc = read_document(FIXTURES / name)
    assert (doc.published, doc.published_inferred) == ("2019-03", True)


@pytest.mark.parametrize("value", ["yesterday", "2015-13-01", "soon", ""])
def test_read_document_bad_published_argument_raises_value_error(value):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        read_document(FIXTURES / "truce.txt", published=value)


@pytest.mark.parametrize(("first", "second"), [("a.txt", "b.txt")])
def test_read_document_identical_text_identical_id(tmp_path, first, second):
    for name in (first, second):
        (tmp_path / name).write_text("Same head\nSame body.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Same head\nOther body.\n", encoding="utf-8")
    ids = [read_document(tmp_path / n).id for n in (first, second, "c.txt")]
    assert ids[0] == ids[1] != ids[2]


@pytest.mark.parametrize(("filename", "name"), [("foo.txt", "foo"), ("foo.tar.txt", "foo"), ("2021_x.y.md", "2021_x")])
def test_read_document_name_is_first_dot_part(tmp_path, filename, name):
    (tmp_path / filename).write_text("Head\nBody.\n", encoding="utf-8")
    assert read_document(tmp_path / filename).name == name


def test_read_document_published_from_file_name(tmp_path):
    text = (FIXTURES / "truce.txt").read_text(encoding="utf-8")
    (tmp_path / "truce_2020.txt").write_text(text, encoding="utf-8")
    (tmp_path / "truce_2019.txt").write_text(text, encoding="utf-8")
    assert (read_document(tmp_path / "truce_2020.txt").published, read_document(tmp_path / "truce_2019.txt").published) == (
        "2020", "2019-03")  # the name outranks the text; the text refines a name it agrees with
