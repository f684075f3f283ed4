"""The Python API: ingest bookkeeping, failure isolation, near-duplicates, actor lookup."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dyad.api import Dyad, DyadError, IngestReport, checked_date


class FailingExtractor:
    """Wraps the real extractor and raises for documents whose text contains ``poison``."""

    def __init__(self, inner, poison: str):
        self.inner, self.poison = inner, poison

    def extract(self, doc):
        if self.poison in doc.text:
            raise RuntimeError("simulated extractor bug")
        return self.inner.extract(doc)

    def extract_many(self, docs):
        for doc in docs:
            yield self.extract(doc)


@pytest.mark.parametrize("report, line", [
    (IngestReport(3, 1, 0, [("a.txt", "a.txt: E204 ...")]), "ingested 3, unchanged 1, near-duplicates 0, failed 1"),
    (IngestReport(), "ingested 0, unchanged 0, near-duplicates 0, failed 0"),
])
def test_api_ingest_report_summary(report: IngestReport, line: str):
    assert report.summary() == line


@pytest.mark.parametrize("value, expected", [("2019", "2019"), ("2019-03", "2019-03"), ("2019-03-07", "2019-03-07"),
                                             ("July 2015", "2015-07"), ("3 July 2015", "2015-07-03"),
                                             ("2015-07-03T10:00", "2015-07-03")])
def test_api_checked_date_accepts_iso_prefix(value: str, expected: str):
    assert checked_date(value) == expected


@pytest.mark.parametrize("module", ["datasketch", "trafilatura", "dyad.read.dedupe"])
def test_api_checked_date_loads_only_the_date_parser(module: str):
    """Regression: `dyad dyads --at` paid half a second importing the whole read stage."""
    check = f"from dyad.api import checked_date; checked_date('2019-03'); import sys; print({module!r} in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"


@pytest.mark.parametrize("value", ["2019-13", "soon", ""])
def test_api_checked_date_rejects_non_date_as_usage_error(value: str):
    with pytest.raises(DyadError, match="E502") as caught:
        checked_date(value)
    assert caught.value.usage


@pytest.mark.parametrize("poison", ["clashed"])
def test_api_ingest_keeps_going_past_extraction_failure(tmp_path: Path, corpus_dir: Path, extractor, poison: str):
    dyad = Dyad(tmp_path / "t.db", extractor=FailingExtractor(extractor, poison))
    report = dyad.ingest([corpus_dir])
    assert report.added == 1 and len(report.failed) == 1
    path, message = report.failed[0]
    assert path.endswith("coast_clash.txt") and "E507" in message and "simulated extractor bug" in message
    assert [d.name for d in dyad.documents()] == ["coast_training"]


@pytest.mark.parametrize("edit", [" Updated on Monday."])
def test_api_ingest_marks_near_duplicate(tmp_path: Path, extractor, small_corpus, corpus_writer, edit: str):
    text = " ".join(text for _, text in small_corpus.values())
    corpus = {"original": ("2020-07", text), "repost": ("2020-07", text + edit)}
    dyad = Dyad(tmp_path / "t.db", extractor=extractor)
    report = dyad.ingest([corpus_writer(tmp_path / "c", corpus)])
    assert (report.added, report.near_duplicates) == (2, 1)
    assert dyad.document("repost").near_duplicate_of == dyad.document("original").id


@pytest.mark.parametrize("times", [2])
def test_api_ingest_is_idempotent(tmp_path: Path, corpus_dir: Path, extractor, small_corpus, times: int):
    dyad = Dyad(tmp_path / "t.db", extractor=extractor)
    reports = [dyad.ingest([corpus_dir]) for _ in range(times)]
    assert (reports[-1].added, reports[-1].skipped_identical) == (0, len(small_corpus))


@pytest.mark.parametrize("name", ["CCF", "copper coast front", "Copper Coast Front"])
def test_api_actor_resolves_name_or_alias(ingested_db: str, name: str):
    assert Dyad(ingested_db).actor(name).name == "Copper Coast Front"


@pytest.mark.parametrize("typo", ["Copper Coast Frnt"])
def test_api_unknown_actor_lists_close_matches(ingested_db: str, typo: str):
    with pytest.raises(DyadError, match=r"E503 .*close matches: Copper Coast Front"):
        Dyad(ingested_db).actor(typo)


@pytest.mark.parametrize("method, args", [("actors", ()), ("claims", ()), ("export", ()), ("histories", ())])
def test_api_read_without_store_raises_e501(tmp_path: Path, method: str, args: tuple):
    with pytest.raises(DyadError, match="E501"):
        getattr(Dyad(tmp_path / "none.db"), method)(*args)
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("pair", [("CCF", "Northern Star Army")])
def test_api_history_is_symmetric_in_its_arguments(ingested_db: str, pair: tuple[str, str]):
    dyad = Dyad(ingested_db)
    assert dyad.history(*pair) == dyad.history(*reversed(pair))


@pytest.mark.parametrize("mode", ["fuzzy"])
def test_api_search_unknown_mode_is_a_usage_error(ingested_db: str, mode: str):
    with pytest.raises(DyadError, match="E511") as error:
        Dyad(ingested_db).search("clashed", mode=mode)
    assert error.value.usage


@pytest.mark.parametrize("limit", [-1])
def test_api_dyads_negative_limit_is_usage_error(ingested_db: str, limit: int):
    with pytest.raises(DyadError, match="E512") as caught:
        Dyad(ingested_db).dyads(limit=limit)
    assert caught.value.usage


@pytest.mark.parametrize("limit", [None, 0, 1])
def test_api_dyads_limit_keeps_the_first_and_total_counts_all(ingested_db: str, limit: int | None):
    everything = Dyad(ingested_db).dyads()
    found = Dyad(ingested_db).dyads(limit=limit)
    assert found == everything[:limit or None] and found.total == everything.total == len(everything) > 0
