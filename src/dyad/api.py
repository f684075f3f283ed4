"""The Python face of dyad: one object over a store, used by the CLI and by scripts.

Every user-visible operation lives here once, so the command line stays a thin layer
of argument parsing and printing, and a notebook gets exactly what the CLI gets.
Failures a user can fix are raised as :class:`DyadError`, one line with a code and
the fix.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

from rapidfuzz import fuzz, process

from dyad import resolve
from dyad.model import Document, Extraction

DEFAULT_DB = "dyad.db"  # relative to the current working directory
DEMO_DB = "dyad-demo.db"
_BATCH = 32  # documents handed to the extractor at once (spaCy batches them)


class DyadError(Exception):
    """A failure the user can fix; ``str()`` is one line: code, what is wrong, what to do."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage  # True when the arguments themselves are wrong


def example_corpus() -> Path:
    """The bundled fictional articles (``dyad demo`` reads them)."""
    return Path(str(resources.files("dyad").joinpath("data", "example")))


def checked_date(value: str, what: str | None = None) -> str:
    """``value`` as an ISO prefix date, or a usage DyadError (naming the option when given)."""
    from dyad.read.pubdate import parse_date_prefix  # the date parser alone: the rest of the read stage loads slowly

    try:
        return parse_date_prefix(value)
    except ValueError:
        named = f"{what} " if what else ""
        raise DyadError(f"E502 {named}{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD "
                        f"(e.g. 2019-03)", usage=True) from None


@dataclass
class IngestReport:
    """What one ``ingest`` did; ``failed`` holds (path, one-line reason) per file."""

    added: int = 0
    skipped_identical: int = 0
    near_duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (f"ingested {self.added}, unchanged {self.skipped_identical}, "
                f"near-duplicates {self.near_duplicates}, failed {len(self.failed)}")


class DyadList(list):
    """The first pairs of a list of dyads (``Dyad.dyads``), with ``total``: how many it holds in all."""

    def __init__(self, pairs: Iterable = (), total: int = 0):
        super().__init__(pairs)
        self.total = total


class Dyad:
    """A dyad store and the operations on it.

    ``db`` is a SQLite file (default ``dyad.db`` in the current directory) or a
    SQLAlchemy URL; ``kb_files`` extend the built-in knowledge base; ``rules`` is a
    YAML file of dyad level rules. ``extractor`` lets a caller share one loaded
    pipeline between stores; ``embedder`` replaces the sentence embedder of semantic search
    (by default MiniLM from the ``semantic`` extra, loaded on first use).
    """

    def __init__(self, db: str | Path = DEFAULT_DB, kb_files: Iterable[str | Path] = (),
                 rules: Path | None = None, extractor: Any = None, model: str | Path | None = None,
                 embedder: Any = None):
        self.db = str(db)
        self.kb_files = tuple(kb_files)
        self.model = str(model) if model else os.environ.get("DYAD_MODEL") or None
        self.rules = rules
        self._extractor = extractor
        self._embedder = embedder
        self._store = None
        self._histories = None
        self._claims = None  # every claim, judgements applied: read once, filtered per call
        self._seen = None  # the store's last change when the caches were made

    # -- the store ---------------------------------------------------------------
    def _is_url(self) -> bool:
        return "://" in self.db

    def exists(self) -> bool:
        """Whether there is a store to read (a URL is assumed to exist)."""
        return self._is_url() or Path(self.db).is_file()

    @property
    def store(self):
        """The store for reading: E501 when there is none yet."""
        if self._store is None and not self.exists():
            raise DyadError(f"E501 no store at {self.db} — run `dyad ingest PATH` first, "
                            f"or pass --db to point to an existing store")
        return self._open()

    def open(self):
        """The store, created empty when there is none yet (the web app may start on a new file)."""
        return self._open()

    def _open(self):
        if self._store is None:
            from dyad.store import Store

            self._store = Store(self.db)
        return self._store

    def _changed(self) -> None:
        self._histories = None  # derived from claims and judgements: recomputed on next use
        self._claims = None

    def _fresh(self) -> None:
        """Drop the caches when the store changed since they were made (another process may
        ingest or judge while a long-lived ``Dyad``, the web app's, keeps reading)."""
        stamp = self.store.last_change()
        if stamp != self._seen:
            self._changed()
            self._seen = stamp

    def _all_claims(self):
        self._fresh()
        if self._claims is None:
            self._claims = self.store.interactions()
        return self._claims

    @property
    def extractor(self):
        """The NLP pipeline, loaded on first use only (reading commands never pay for it)."""
        if self._extractor is None:
            versions = tuple((str(p), Path(p).stat().st_mtime_ns if Path(p).exists() else 0)
                             for p in (*self.kb_files, *([self.model] if self.model else [])))
            self._extractor = _extractor_for(versions[:len(self.kb_files)], versions[len(self.kb_files):])
        return self._extractor

    # -- ingest ------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | Path], published: str | None = None,
               progress: bool = False, max_bytes: int | None = None) -> IngestReport:
        """Read, extract and store every document under ``paths``.

        Each document is stored in its own transaction, so a failure (unreadable file,
        or an error in extraction or storage) is recorded and the batch goes on, and
        whatever landed before stays. Identical texts already stored are skipped;
        near-duplicates are stored and marked with the document they repeat. Files over
        ``max_bytes`` (default 20 MB) are refused unread. A second ingest into the same
        SQLite file while this one runs refuses with E412.
        """
        paths = [str(p) for p in paths]
        if published is not None:
            published = checked_date(published, "--published date")
        store = self._open()
        with store.ingesting():
            report = self._read_and_store(paths, published, progress, max_bytes)
            # Also after a run that stored nothing new: a killed run may have stored documents
            # without resolving them, and a re-run must end where an uninterrupted one would.
            actors = store.actors()
            resolve.apply(store, resolve.cross_document(actors) + resolve.declared_aliases(actors))
        self._changed()
        store.refresh_histories(self.rules)  # the kept histories take in this run: later reads start warm
        return report

    def _read_and_store(self, paths: list[str], published: str | None, progress: bool,
                        max_bytes: int | None) -> IngestReport:
        """Read each file, skip texts stored already, extract and store the rest in batches."""
        from dyad.read import DEFAULT_MAX_BYTES, NearDuplicateIndex, ReadError, iter_documents, signature

        store = self._store
        index = NearDuplicateIndex.from_signatures(store.minhashes())
        report = IngestReport()
        seen: set[str] = set()
        batch: dict[str, tuple[Document, list[int]]] = {}  # id -> (document, MinHash signature)
        with _progress_bar(paths, progress) as advance:
            for item in iter_documents(paths, published=published, max_bytes=max_bytes or DEFAULT_MAX_BYTES):
                advance()
                if isinstance(item, ReadError):
                    report.failed.append((item.path, str(item)))
                    continue
                if item.id in seen or store.has_document(item.id):
                    report.skipped_identical += 1
                    continue
                seen.add(item.id)
                similar = index.query(item.text)
                if similar:
                    item.near_duplicate_of = similar[0]
                batch[item.id] = (item, signature(item.text))
                index.add_signature(item.id, batch[item.id][1])
                if len(batch) >= _BATCH:
                    self._store_batch(batch, report)
                    batch = {}
            self._store_batch(batch, report)
        return report

    def _store_batch(self, batch: dict[str, tuple[Document, list[int]]], report: IngestReport) -> None:
        """Extract a batch together (spaCy is faster so); if that fails midway, the rest go one by one."""
        if not batch:
            return
        extractor = self.extractor  # outside the guard: a pipeline that cannot load fails the run
        pending = dict(batch)
        try:
            for extraction in extractor.extract_many([doc for doc, _ in batch.values()]):
                _doc, minhash = pending.pop(extraction.document.id)
                self._store_one(extraction, minhash, report)
        except Exception:  # noqa: BLE001 - one bad document must not sink the batch
            for doc, minhash in pending.values():
                try:
                    extraction = extractor.extract(doc)
                except Exception as exc:  # noqa: BLE001
                    report.failed.append((doc.path, _failure(doc, "extraction", exc)))
                    continue
                self._store_one(extraction, minhash, report)

    def _store_one(self, extraction: Extraction, minhash: list[int], report: IngestReport) -> None:
        doc = extraction.document
        try:
            added = self._store.add_extraction(extraction, minhash=minhash, merges_by=resolve.AUTHOR)
        except Exception as exc:  # noqa: BLE001 - the store rolled this document back
            report.failed.append((doc.path, _failure(doc, "storing", exc)))
            return
        if not added:
            report.skipped_identical += 1
        elif doc.near_duplicate_of:
            report.added += 1
            report.near_duplicates += 1
        else:
            report.added += 1

    # -- reading -----------------------------------------------------------------
    def check(self):
        """Whether the store is whole (references, evidence offsets): a CheckReport."""
        return self.store.check()

    def documents(self):
        return self.store.documents()

    def document(self, name_or_id: str):
        found = self.store.document(name_or_id)
        if found is None:
            names = [d.name for d in self.store.documents()]
            raise DyadError(f"E504 no document {name_or_id!r} in {self.db}{_close(name_or_id, names)}; "
                            f"list them with `dyad documents`")
        return found

    def actors(self, type: str | None = None):
        return self.store.actors(type=type)

    def actor(self, name: str):
        """The actor known by this name, alias or key; E503 with close matches otherwise."""
        found = self.store.actor(name)
        if found is None:
            names = [n for a in self.store.actors() for n in (a.name, *(s.alias for s in a.aliases))]
            raise DyadError(f"E503 no actor {name!r} in {self.db}{_close(name, names)}; "
                            f"list actors with `dyad actors`")
        return found

    def claims(self, actor: str | None = None, type: str | None = None, doc: str | None = None):
        """Interactions, optionally of one actor, one type or one document."""
        if type is not None:
            from dyad.ontology import check

            try:
                check("interaction", type)
            except ValueError as exc:
                raise DyadError(str(exc), usage=True) from None
        key = self.actor(actor).key if actor else None
        doc_id = self.document(doc).id if doc else None
        return [c for c in self._all_claims() if (type is None or c.type == type)
                and (key is None or key in (c.source, c.target)) and (doc_id is None or c.evidence.doc == doc_id)]

    def structure(self, actor: str | None = None):
        """Structure edges (PART_OF, LEADER_OF, ...), optionally those touching one actor."""
        return self.store.structure(actor=self.actor(actor).key if actor else None)

    def search(self, query: str, limit: int = 50, mode: str = "text"):
        """Evidence sentences, a SentenceHit each: holding every word and "phrase" of ``query``,
        best first (``mode="text"``), or nearest it in meaning (``"semantic"``, the semantic extra)."""
        if mode == "text":
            return self.store.search_sentences(query, limit)
        if mode != "semantic":
            raise DyadError(f"E511 unknown search mode {mode!r}: use text or semantic", usage=True)
        if self._embedder is None:
            from dyad.store.semantic import MiniLM

            self._embedder = MiniLM()
        return self.store.search_similar(query, self._embedder, limit)

    def review_queue(self, limit: int | None = 20, actor: str | None = None, type: str | None = None):
        """Claims nobody has reviewed yet, those the relation model is least sure of first
        (claims the rules alone made, with no confidence, come last)."""
        open_claims = [c for c in self.claims(actor=actor, type=type) if c.review is None]
        ranked = sorted(open_claims, key=lambda c: (c.confidence is None, c.confidence or 0.0, c.id))
        return ranked[:limit] if limit else ranked

    def train(self, corpus: Iterable[str | Path], with_reviews: bool = False, cv: bool = True,
              compare: Iterable[str] = (), seed: int = 0, progress: Callable[[str], None] | None = None):
        """A relation model trained on annotated folders (and this store's reviews when asked);
        it is returned, not installed: save it and pass it as ``model`` to use it."""
        from dyad.learn.reviews import review_examples
        from dyad.learn.train import train

        extractor = self._rules_extractor()
        extra = review_examples(self.store, extractor) if with_reviews else []
        if with_reviews and not extra:
            raise DyadError(f"E509 no reviewed claims in {self.db} to train on; review some with "
                            f"`dyad review --queue` then `dyad review CLAIM_ID --accept|--reject`")
        try:
            return train(corpus, extractor, extra=extra, cv=cv, compare=compare, seed=seed, progress=progress)
        except (ValueError, RuntimeError) as exc:
            raise DyadError(str(exc)) from None

    def _rules_extractor(self):
        """The pipeline without a relation model: what training reads documents with."""
        from dyad.kb import load_kb
        from dyad.nlp.extract import Extractor

        return Extractor(kb=load_kb(self.kb_files), disabled=("model",))

    # -- analysis ----------------------------------------------------------------
    def histories(self):
        """Every dyad's history, derived from claims and judgements: kept in the store and
        recomputed there for the pairs each write touched (and held here until a change)."""
        self._fresh()
        if self._histories is None:
            self._histories = self.store.histories(rules=self.rules)
        return self._histories

    def dyads(self, actor: str | None = None, at: str | None = None, limit: int | None = None) -> DyadList:
        """(summary, (cooperation, hostility)) per dyad, optionally of one actor, most important
        first: by the state's severity (hostility's level, then cooperation's), then claim
        count, then keys (``analyse.dyads.listing_order``). The state is the latest evidence's,
        or that at ``at``, when only pairs with a period then are listed. ``limit`` keeps the
        first so many (None or 0: all); ``.total`` says how many there are. Read by SQL from
        the store's kept rows: no history is decoded (``history`` gives one)."""
        if limit is not None and limit < 0:
            raise DyadError(f"E512 --limit {limit} is below 0; give a number of dyads, or 0 for all", usage=True)
        key = self.actor(actor).key if actor else None
        when = checked_date(at, "--at date") if at else None
        found = self.store.states(rules=self.rules, at=when, actor=key, limit=limit or None)
        return DyadList(found.pairs, found.total)

    def history(self, a: str, b: str):
        """The history of the dyad between two actors; E505 when they have none."""
        first, second, found = self.store.named_pair_history(a, b, rules=self.rules)
        if first is None or second is None:
            self.actor(a if first is None else b)  # E503, with close matches
        if found is not None:
            return found
        raise DyadError(f"E505 no claims link {first.name} and {second.name} in {self.db}; "
                        f"see the dyads there with `dyad dyads --actor {_quoted(first.name)}`")

    def history_claims(self, history) -> list:
        """The interaction claims behind a history (its own and those rolled up into it)."""
        return self.store.interactions_by_id(history.claims)

    def network(self, at: str | None = None, metrics: bool = True) -> dict:
        """Who is tied to whom at ``at``; with ``metrics``, also brokers and blocs (costly on a big store)."""
        from dyad.analyse.network import network_at

        when = checked_date(at, "--at date") if at else None
        return network_at(self.histories(), self.store.actors(), when, metrics=metrics)

    def report(self, pair: tuple[str, str] | None = None, fmt: str = "html") -> str:
        """An HTML or Markdown report of all dyads, or of one pair."""
        from dyad.export.report import render_report

        if pair:
            found = self.history(*pair)
            pair = (found.a, found.b)
        store = self.store
        return render_report(self.histories(), store.actors(), store.documents(), store.interactions(),
                             fmt, pair=pair)

    def export(self) -> dict:
        """Everything in the store as the JSON document the scorer reads."""
        from dyad.analyse.dyads import dyads_for_export
        from dyad.export.json_export import export_json
        from dyad.store.bulk import collector_paused

        with collector_paused():  # every claim, actor and period becomes a dict
            return export_json(self.store, dyads=dyads_for_export(self.histories()))

    def write_export(self, out: BinaryIO) -> None:
        """``export()`` as ``dyad export`` writes it (UTF-8, with a last newline) to ``out``, an
        item at a time: the same bytes as its text, without it or every item's dict in memory."""
        from dyad.analyse.dyads import dyads_for_export
        from dyad.export.json_export import export_sections, write_export
        from dyad.store.bulk import collector_paused

        with collector_paused():
            write_export(export_sections(self.store, dyads=dyads_for_export(self.histories(), lazy=True)), out)
        out.write(b"\n")

    # -- other tools' formats (docs/interop.md) ------------------------------------
    def export_stix(self) -> dict:
        """A STIX 2.1 bundle (JSON-ready) of actors, places, documents and claims."""
        from dyad.export.stix import export_stix

        return export_stix(self.store)

    def export_graph(self, fmt: str, path: str | Path) -> None:
        """The network as ``graphml`` or ``gexf`` (with time spells) at ``path``."""
        from dyad.export import graph

        write = {"graphml": graph.write_graphml, "gexf": graph.write_gexf}[fmt]
        write(graph.build_graph(self.store, self.histories()), path)

    def export_tables(self, folder: str | Path) -> list[Path]:
        """actors, interactions, dyad_periods and structure as CSV (and Parquet with pyarrow)."""
        from dyad.export.tables import write_tables

        return write_tables(self.store, self.histories(), folder)

    def export_ftm(self) -> Iterator[dict]:
        """FollowTheMoney entities, one dict each, for OCCRP Aleph."""
        from dyad.export.ftm import export_ftm

        return export_ftm(self.store)

    def import_file(self, path: str | Path):
        """Store a STIX 2.1 bundle's or a dyad JSON export's actors and claims, kept apart from
        those read from text (origin ``import``, provenance "imported from <file>")."""
        from dyad.imports import ImportFileError, read_import

        try:
            batch = read_import(path)
        except ImportFileError as exc:
            raise DyadError(str(exc)) from None
        return self._imported(batch)

    def kb_export(self) -> str:
        """The store's curated actors and structure as knowledge-base YAML (``--kb`` reads it)."""
        from dyad.kb.curated import dump_kb, kb_entries

        return dump_kb(kb_entries(self.store))

    def kb_import(self, path: str | Path):
        """Store a knowledge-base YAML file's actors, names and structure."""
        from dyad.kb.curated import kb_batch

        return self._imported(kb_batch(path))

    def _imported(self, batch):
        counts = self._open().add_import(batch)
        self._changed()
        return counts

    # -- analyst judgements (each recorded, re-applied after ingest, undoable) ------
    def _judge(self, write: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Record a judgement through the store; derived histories are stale afterwards."""
        result = write(*args, **kwargs)
        self._changed()
        return result

    def review(self, claim_id: str, decision: str, edits: dict[str, str] | None = None, reason: str = "") -> int:
        """ACCEPT, REJECT or EDIT (with ``edits``) one claim; returns the judgement id."""
        return self._judge(self.store.review_claim, claim_id, decision, edits or None, reason=reason)

    def merge(self, keep: str, drop: str, reason: str) -> int:
        """Treat ``drop`` as ``keep`` from now on; returns the judgement id."""
        return self._judge(self.store.merge_actors, self.actor(keep).key, self.actor(drop).key, reason=reason)

    def split(self, actor: str, reason: str) -> int:
        """Take the actor named (a member's key or own name) out of the actor it was merged into."""
        from dyad.nlp.mentions import text_key

        holder = self.actor(actor)
        member = next((k for k in (actor, text_key(actor)) if k in holder.members), holder.key)
        return self._judge(self.store.split_actor, member, reason=reason)

    def add_alias(self, actor: str, alias: str, reason: str) -> int:
        return self._judge(self.store.add_alias, self.actor(actor).key, alias, reason=reason)

    def undo(self, judgement_id: int | str) -> None:
        if not str(judgement_id).isdigit():
            raise DyadError(f"E506 judgement id {judgement_id!r} is not a number; list ids with `dyad judgements`",
                            usage=True)
        self._judge(self.store.undo, int(judgement_id))

    def judgements(self):
        return self.store.judgements()


@lru_cache(maxsize=2)
def _extractor_for(kb_versions: tuple[tuple[str, int], ...], model_version: tuple[tuple[str, int], ...] = ()):
    """One loaded pipeline per set of KB files and relation model (and their versions) in a
    process: loading takes seconds."""
    from dyad.kb import load_kb
    from dyad.nlp.extract import Extractor

    try:
        return Extractor(kb=load_kb(path for path, _ in kb_versions),
                         model=model_version[0][0] if model_version else None)
    except ValueError as exc:
        if str(exc).startswith("E61"):
            raise DyadError(str(exc)) from None
        raise


def _close(name: str, choices: list[str]) -> str:
    """'; close matches: A, B' for the choices most like ``name`` (empty when none is)."""
    matches = process.extract(name, list(dict.fromkeys(choices)), scorer=fuzz.WRatio, limit=3, score_cutoff=70)
    return f"; close matches: {', '.join(m[0] for m in matches)}" if matches else ""


def _quoted(name: str) -> str:
    return f'"{name}"' if " " in name else name


def _failure(doc: Document, stage: str, exc: Exception) -> str:
    detail = " ".join(str(exc).split()) or type(exc).__name__
    return f"{doc.path}: E507 {stage} failed ({type(exc).__name__}: {detail}) — the other documents were kept; " \
           f"report this with the file attached"


@contextmanager
def _progress_bar(paths: list[str], wanted: bool) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr when asked for and stderr is a terminal; else a no-op."""
    if not (wanted and sys.stderr.isatty()):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    from dyad.read import discover

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingesting", total=len(discover(paths)))
        yield lambda: bar.advance(task)


__all__ = ["DEFAULT_DB", "DEMO_DB", "Dyad", "DyadError", "DyadList", "IngestReport", "checked_date", "example_corpus"]

