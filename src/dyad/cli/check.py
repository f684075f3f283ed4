"""``dyad check``: verify a store is whole, e.g. after a crash or a killed ingest."""
from __future__ import annotations

import click

from dyad.api import Dyad
from dyad.cli.common import db_option


@click.command()
@db_option
def check(db: str) -> None:
    """Check the store: every reference points at a stored row, every evidence offset at its text.

    Prints one line per problem and exits with status 1 when there is any; a store an
    ingest left (even one killed midway) should always pass.

    \b
    Example:
      dyad check --db dyad.db
    """
    report = Dyad(db).check()
    for problem in report.problems:
        click.echo(f"problem: {problem}", err=True)
    click.echo(report.summary())
    if not report.ok:
        raise SystemExit(1)
