"""Parse documents on Ray workers; the store stays the driver's.

Each worker is a Ray actor that loads the pipeline once. A batch is cut into small chunks
that go to whichever worker is free (so one long document does not idle the others), and
the driver gets the extractions back in document order, writing each in its own
transaction as a serial ingest does while the workers read on: only the parsing moves,
so the store ends the same (and SQLite keeps its single writer). ``RayExtractor`` offers the two methods ingest calls
on an ``Extractor``, so ingest needs no second code path.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from dyad.model import Document, Extraction

CHUNKS_PER_WORKER = 4  # per batch: small enough to balance uneven documents, big enough for spaCy's batching


def load_pipeline(kb_files: Sequence[str] = (), model: str | None = None) -> Any:
    """The pipeline a serial ingest with these KB files and relation model uses (built in a worker)."""
    from dyad.api import Dyad

    return Dyad(kb_files=kb_files, model=model).extractor


class _Worker:
    """Holds one loaded pipeline for the life of the run (loading takes seconds)."""

    def __init__(self, make_extractor: Callable[[], Any]):
        self.extractor = make_extractor()

    def ready(self) -> bool:
        return True

    def extract_many(self, documents: list[Document]) -> list[Extraction]:
        return list(self.extractor.extract_many(documents))


class RayExtractor:
    """``workers`` Ray actors, each built by ``make_extractor``, on a local Ray (``address`` None)
    or an existing cluster (``address``; workers default to its CPUs). Use it as a context
    manager: leaving it shuts down the Ray this process started or joined."""

    def __init__(self, make_extractor: Callable[[], Any], workers: int | None = None, address: str | None = None):
        try:
            import ray
        except ImportError:
            from dyad.api import DyadError

            raise DyadError("E510 --workers and --ray-address need Ray: pip install 'dyad[scale]'") from None
        self._ray = ray
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no reporting home
        quiet = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.ERROR}
        if address:
            ray.init(address=address, **quiet)
        else:
            ray.init(num_cpus=workers or os.cpu_count(), **quiet)
        count = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1)(_Worker)
        self._workers = [actor.remote(make_extractor) for _ in range(count)]
        # here, not at the first batch: a pipeline that cannot load fails the run, as serially
        self._get([w.ready.remote() for w in self._workers])
        self._pool = ray.util.ActorPool(self._workers)

    def __enter__(self) -> RayExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self._ray.shutdown()

    @contextmanager
    def _worker_errors(self) -> Iterator[None]:
        """A worker's own exception instead of Ray's wrapper, so a failure reads as it does serially."""
        try:
            yield
        except self._ray.exceptions.RayTaskError as error:
            cause = getattr(error, "cause", None)
            raise (cause if isinstance(cause, Exception) else error) from None

    def _get(self, futures: Any) -> Any:
        with self._worker_errors():
            return self._ray.get(futures)

    def extract_many(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        """Every document's extraction, in order; chunks of about a quarter of a worker's share."""
        documents = list(documents)
        size = max(1, -(-len(documents) // (CHUNKS_PER_WORKER * len(self._workers))))
        chunks = [documents[i:i + size] for i in range(0, len(documents), size)]
        with self._worker_errors():
            for extractions in self._pool.map(lambda worker, chunk: worker.extract_many.remote(chunk), chunks):
                yield from extractions

    def extract(self, document: Document) -> Extraction:
        return self._get(self._workers[0].extract_many.remote([document]))[0]
