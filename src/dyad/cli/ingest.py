"""Commands that put documents into a store: ``ingest`` and the bundled ``demo``."""
from __future__ import annotations

from contextlib import nullcontext

import click

from dyad.api import DEMO_DB, Dyad, IngestReport, example_corpus
from dyad.cli import show
from dyad.cli.common import DATE, db_option


def _print_report(report: IngestReport) -> None:
    for _path, message in report.failed:
        click.echo(f"error: {message}", err=True)
    click.echo(report.summary())


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--published", type=DATE, default=None,
              help="Publication date of these files (a .meta.json sidecar's date wins over it).")
@click.option("--kb", "kb_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A YAML knowledge-base file that extends the built-in one (repeatable).")
@click.option("--model", type=click.Path(exists=True, dir_okay=False), default=None, envvar="DYAD_MODEL",
              help="A relation model trained with `dyad train` (default: the one dyad ships; env DYAD_MODEL).")
@click.option("--max-mb", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Refuse files larger than this many megabytes, unread (default 20).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Parse on this many Ray workers at once (needs the 'scale' extra; default: one, no Ray).")
@click.option("--ray-address", default=None, metavar="ADDR",
              help="Parse on an existing Ray cluster (e.g. ray://head:10001); workers default to its CPUs.")
def ingest(paths: tuple[str, ...], db: str, published: str | None, kb_files: tuple[str, ...],
           model: str | None, max_mb: float | None, workers: int | None, ray_address: str | None) -> None:
    """Read articles (.txt, .md, .html; folders are searched) into the store.

    Re-running is safe: texts already stored are skipped. A file that fails is
    reported on stderr and the others are still stored; the exit status is 1 when
    any file failed. A second ingest into the same SQLite file refuses while one runs.
    With --workers or --ray-address documents are parsed in parallel on Ray; the store
    is written by this process alone and ends as a serial run leaves it.

    \b
    Example:
      dyad ingest articles/ --published 2020-05 --kb my_groups.yaml
      dyad ingest articles/ --workers 4
    """
    with _parallel(kb_files, model, workers, ray_address) as extractor:
        report = Dyad(db, kb_files=kb_files, model=model, extractor=extractor).ingest(
            paths, published=published, progress=True, max_bytes=int(max_mb * 2**20) if max_mb else None)
    _print_report(report)
    if not report.ok:
        raise SystemExit(1)


def _parallel(kb_files: tuple[str, ...], model: str | None, workers: int | None, ray_address: str | None):
    """Ray workers when asked for (the extractor ingest then uses), else no extractor of our own."""
    if (workers or 1) == 1 and not ray_address:
        return nullcontext(None)
    from functools import partial
    from pathlib import Path

    from dyad.scale import RayExtractor, load_pipeline

    kb_files = tuple(str(Path(f).resolve()) for f in kb_files)  # workers may run elsewhere
    model = str(Path(model).resolve()) if model else None
    return RayExtractor(partial(load_pipeline, kb_files, model), workers=workers, address=ray_address)


@click.command()
@click.option("--db", default=DEMO_DB, show_default=True, metavar="FILE",
              help="Where to store the example corpus.")
def demo(db: str) -> None:
    """Ingest the bundled fictional example articles and show what was found.

    \b
    Example:
      dyad demo && dyad actors --db dyad-demo.db
    """
    dyad = Dyad(db)
    _print_report(dyad.ingest([example_corpus()], progress=True))
    click.echo(f"store: {db}\n")
    show.groups(dyad)
    click.echo()
    show.dyads(dyad, dyad.dyads(limit=show.DYADS_SHOWN))
    click.echo(f"\nnext: dyad actors --db {db}   dyad claims --db {db}   dyad report --db {db} -o report.html")
