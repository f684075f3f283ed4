"""Parsing on Ray workers changes nothing in the store: same export, same failures as a serial run."""
from __future__ import annotations

import json
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from dyad.api import Dyad, example_corpus

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[scale]')")

DYAD = str(Path(sys.executable).with_name("dyad"))
ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import the tests


def _export(db: Path) -> str:
    return json.dumps(Dyad(db).export(), sort_keys=True)


class FailsOn:
    """The real pipeline, except that it raises on documents whose text holds ``word``."""

    def __init__(self, word: str):
        from dyad.scale import load_pipeline

        self.word, self.extractor = word, load_pipeline()

    def extract_many(self, documents):
        for doc in documents:
            if self.word in doc.text:
                raise ValueError(f"cannot read {doc.name}")
            yield from self.extractor.extract_many([doc])

    def extract(self, document):
        return next(self.extract_many([document]))


@pytest.mark.parametrize("workers", [2])
def test_scale_ray_ingest_exports_what_a_serial_ingest_does(tmp_path, extractor, workers):
    serial = Dyad(tmp_path / "serial.db", extractor=extractor).ingest([example_corpus()])
    run = subprocess.run([DYAD, "ingest", str(example_corpus()), "--db", str(tmp_path / "ray.db"),
                          "--workers", str(workers)], capture_output=True, text=True, timeout=600)
    assert (run.returncode, run.stdout.strip()) == (0, serial.summary()), run.stderr
    assert _export(tmp_path / "ray.db") == _export(tmp_path / "serial.db")


@pytest.mark.parametrize("word", ["Tarsk"])
def test_scale_ray_failed_document_is_reported_as_serially(tmp_path, word):
    from dyad.scale import RayExtractor

    serial = Dyad(tmp_path / "serial.db", extractor=FailsOn(word)).ingest([example_corpus()])
    with RayExtractor(partial(FailsOn, word), workers=2) as pool:
        parallel = Dyad(tmp_path / "ray.db", extractor=pool).ingest([example_corpus()])
    assert parallel.failed == serial.failed and len(serial.failed) >= 1
    assert parallel.added == serial.added > 0
    assert _export(tmp_path / "ray.db") == _export(tmp_path / "serial.db")
