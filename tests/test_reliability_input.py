"""A batch of hostile and broken files, generated here: each bad file is one error line,
the good ones are stored whole, and the exit status says the batch partly failed."""
from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.cli import cli
from dyad.store import Store

SENTENCE = "The Copper Coast Front clashed with the Northern Star Army near Velm in June 2020."
LATIN = "Le Front de la Côte a attaqué l'Armée de l'Étoile du Nord près de Velm en juin 2020.\n"


def _text(n: int) -> str:
    """A short article of its own (distinct texts, so none is skipped as a repeat)."""
    return f"Report {n}. {SENTENCE} Witnesses counted {n} trucks on the road {n * 7} kilometres north of Velm.\n"


def _write(data: bytes | str):
    def make(path: Path) -> None:
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return make


def _sparse(size: int):
    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.write(_text(0).encode())
            handle.truncate(size)  # instant, and as big as a real file by its size
    return make


def _symlink_loop(path: Path) -> None:
    partner = path.with_name("loop_b.txt")
    path.symlink_to(partner.name)
    partner.symlink_to(path.name)


HTML_ACTIVE = ("<html><head><script>alert('head')</script></head><body>"
               "<script>document.write('INJECTED')</script><iframe src='javascript:alert(1)'></iframe>"
               f"<p onclick=\"alert(2)\">{SENTENCE}</p><style>p {{color: red}}</style></body></html>")
NESTED = "<html><body>" + "<div>" * 20_000 + f"<p>{SENTENCE} Deep.</p>" + "</div>" * 20_000 + "</body></html>"

# file name -> (how to make it, the error code it must give, or None: stored)
CORPUS: dict[str, tuple] = {
    "00_good.txt": (_write(_text(1)), None),
    "empty.txt": (_write(b""), "E204"),
    "whitespace.txt": (_write(b" \n\t\r\n   \n"), "E204"),
    "binary.txt": (_write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 64), "E205"),
    "truncated utf-8.txt": (_write(LATIN.encode("utf-8")[:LATIN.encode("utf-8").index(b"\xc3") + 1]), "E206"),
    "truncated.html": (_write(f"<html><body><p>{SENTENCE} Cut off mid-tag <a hre"), None),
    "truncated utf-16.txt": (_write(codecs.BOM_UTF16_LE + _text(2).encode("utf-16-le")[:-1]), "E206"),
    "invalid utf-8.txt": (_write(b"Velm \xff\xfe\xfa fighters " * 10), "E206"),
    "utf-16 bom.txt": (_write(codecs.BOM_UTF16_LE + _text(3).encode("utf-16-le")), None),
    "latin-1.txt": (_write(LATIN.encode("latin-1")), "E206"),
    "nul after sample.txt": (_write(_text(4) * 3000 + "\x00"), "E205"),
    "huge 100 MB.txt": (_sparse(100 * 2**20), "E203"),
    "one 5 MB line.txt": (_write("word " * (2**20)), "E213"),
    "nested.html": (_write(NESTED), None),
    "active content.html": (_write(HTML_ACTIVE), None),
    "loop_a.txt": (_symlink_loop, "E202"),
    "تقرير الأمن.txt": (_write(_text(5)), None),
    "доклад о боях.md": (_write(f"# Доклад\n\n{_text(6)}"), None),
    "報告 2020.txt": (_write(_text(7)), None),
    "zz last good.txt": (_write(_text(8)), None),
}
FAILS = {name: code for name, (_, code) in CORPUS.items() if code} | {"loop_b.txt": "E202"}
STORED = [name for name, (_, code) in CORPUS.items() if code is None]


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad") / "corpus"
    folder.mkdir()
    for name, (make, _) in CORPUS.items():
        make(folder / name)
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")  # a folder loop: walked once, not forever
    return folder


def _ingest(folder: Path, db: Path, *options: str):
    return CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), *options])


@pytest.fixture(scope="module")
def ingested(bad_corpus: Path, extractor):
    """(corpus folder, store, CLI result) of one ingest of the whole corpus, shared by the tests."""
    db = bad_corpus.parent / "dyad.db"
    return bad_corpus, db, _ingest(bad_corpus, db)


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


@pytest.mark.parametrize("status", [1])
def test_reliability_input_partial_failure_sets_exit_status(ingested, status):
    _, _, result = ingested
    assert result.exit_code == status
    assert f"ingested {len(STORED)}, unchanged 0" in result.stdout


@pytest.mark.parametrize(("name", "code"), sorted(FAILS.items()), ids=sorted(FAILS))
def test_reliability_input_bad_file_gives_one_coded_line(ingested, name, code):
    folder, _, result = ingested
    lines = [line for line in _error_lines(result.stderr) if f"{folder / name}:" in line]
    assert len(lines) == 1, result.stderr
    assert re.match(rf"error: {re.escape(str(folder / name))}: {code} \S.* — \S", lines[0])


@pytest.mark.parametrize("count", [len(FAILS)])
def test_reliability_input_only_bad_files_are_reported(ingested, count):
    assert len(_error_lines(ingested[2].stderr)) == count


@pytest.mark.parametrize("names", [STORED])
def test_reliability_input_good_files_are_stored_whole(ingested, names):
    _, db, _ = ingested
    with Store(db) as store:
        stored = sorted(d.name for d in store.documents())
        report = store.check()
    assert stored == sorted(name.split(".")[0] for name in names)
    assert report.ok, report.problems


@pytest.mark.parametrize(("name", "expected"), [("utf-16 bom", _text(3)), ("nested", f"{SENTENCE} Deep.")])
def test_reliability_input_odd_encodings_and_markup_keep_their_text(ingested, name, expected):
    with Store(ingested[1]) as store:
        assert store.document(name).text == expected


@pytest.mark.parametrize("active", ["alert(", "document.write", "INJECTED", "javascript:", "color: red"])
def test_reliability_input_html_scripts_are_not_text(ingested, active):
    with Store(ingested[1]) as store:
        assert active not in store.document("active content").text


@pytest.mark.parametrize("max_mb", ["0.001"])
def test_reliability_input_size_limit_is_an_option(tmp_path, extractor, max_mb):
    (tmp_path / "a.txt").write_text(_text(1) * 20, encoding="utf-8")
    result = _ingest(tmp_path / "a.txt", tmp_path / "dyad.db", "--max-mb", max_mb)
    assert result.exit_code == 1
    assert "E203" in result.stderr and "--max-mb" in result.stderr


def _vanish(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.unlink()


def _lose_permission(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.chmod(0o000)
    if os.access(path, os.R_OK):  # root ignores file modes: refuse the open as the kernel would
        original = Path.open

        def refuse(self, *args, **kwargs):
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return original(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refuse)


@pytest.mark.parametrize(("change", "code"), [(_vanish, "E20[12]"), (_lose_permission, "E202")],
                         ids=["vanishes", "loses permission"])
def test_reliability_input_file_changing_mid_batch_fails_alone(tmp_path, monkeypatch, extractor, change, code):
    """The file is listed, then changes while the batch is being read (after the first file)."""
    import dyad.read.document as reading

    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(_text(n), encoding="utf-8")
    victim = folder / "1.txt"
    read = reading.read_document

    def read_then_change(path, *args, **kwargs):
        document = read(path, *args, **kwargs)
        if Path(path).name == "0.txt":
            change(victim, monkeypatch)
        return document

    monkeypatch.setattr(reading, "read_document", read_then_change)
    result = _ingest(folder, tmp_path / "dyad.db")
    assert result.exit_code == 1
    assert [bool(re.match(rf"error: {re.escape(str(victim))}: {code} ", line))
            for line in _error_lines(result.stderr)] == [True]
    assert "ingested 2," in result.stdout
