"""Commands that put documents into a store: ``ingest`` and the bundled ``demo``."""
from __future__ import annotations

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
def ingest(paths: tuple[str, ...], db: str, published: str | None, kb_files: tuple[str, ...],
           model: str | None, max_mb: float | None) -> None:
    """Read articles (.txt, .md, .html; folders are searched) into the store.

    Re-running is safe: texts already stored are skipped. A file that fails is
    reported on stderr and the others are still stored; the exit status is 1 when
    any file failed. A second ingest into the same SQLite file refuses while one runs.

    \b
    Example:
      dyad ingest articles/ --published 2020-05 --kb my_groups.yaml
    """
    report = Dyad(db, kb_files=kb_files, model=model).ingest(paths, published=published, progress=True,
                                                             max_bytes=int(max_mb * 2**20) if max_mb else None)
    _print_report(report)
    if not report.ok:
        raise SystemExit(1)


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
    show.dyads(dyad, dyad.dyads())
    click.echo(f"\nnext: dyad actors --db {db}   dyad claims --db {db}   dyad report --db {db} -o report.html")
