"""Commands that move results to and from other tools: export, import, the knowledge base."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from dyad.api import Dyad, DyadError
from dyad.cli.common import as_json, db_option, rules_option

FORMATS = ("json", "stix", "graphml", "gexf", "csv", "ftm")


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="json: the scorer's schema; stix: a STIX 2.1 bundle; graphml, gexf: the network; "
                   "csv: a folder of tables (and Parquet with pyarrow); ftm: FollowTheMoney entities, one a line.")
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE|FOLDER",
              help="File to write ('-' writes to stdout); a folder for csv.")
@db_option
@rules_option
def export(fmt: str, output: str, db: str, rules: str | None) -> None:
    """Export the store for other tools (docs/interop.md shows each format).

    \b
    Example:
      dyad export --format json -o export.json
      dyad export --format stix -o bundle.json
      dyad export --format gexf -o network.gexf
      dyad export --format csv -o tables/
    """
    dyad = Dyad(db, rules=rules)
    if fmt == "csv":
        if output == "-":
            raise DyadError("E804 --format csv writes a folder of tables: give it with -o FOLDER", usage=True)
        written = dyad.export_tables(output)
        click.echo(f"wrote {', '.join(p.name for p in written)} in {output}")
    elif fmt in ("graphml", "gexf"):
        dyad.export_graph(fmt, sys.stdout.buffer if output == "-" else output)
    elif fmt == "json":  # streamed: a million claims' text is never held whole
        if output == "-":
            dyad.write_export(sys.stdout.buffer)
        else:
            with open(output, "wb") as out:
                dyad.write_export(out)
    else:
        if fmt == "ftm":
            text = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in dyad.export_ftm())
        else:
            text = as_json(dyad.export_stix()) + "\n"
        _write(output, text)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@db_option
def import_(file: str, db: str) -> None:
    """Import a STIX 2.1 bundle (from OpenCTI, MISP or dyad) or a dyad JSON export.

    Its actors, aliases and relationships become claims with provenance "imported from
    FILE", kept apart from the claims read from text; importing a file twice adds nothing.

    \b
    Example:
      dyad import opencti-bundle.json --db dyad.db
    """
    counts = Dyad(db).import_file(file)
    click.echo(counts.summary())
    for line in counts.skipped:
        click.echo(f"skipped: {line}", err=True)


@click.group()
def kb() -> None:
    """The curated knowledge base as YAML: export the store's actors, import a file's.

    \b
    Example:
      dyad kb export -o my_groups.yaml
      dyad kb import my_groups.yaml --db other.db
    """


@kb.command("export")
@click.option("-o", "--output", default="-", show_default=True, help="YAML file to write; '-' writes to stdout.")
@db_option
def kb_export(output: str, db: str) -> None:
    """Write the store's actors as curated (merges, renames, aliases) with their structure, as
    knowledge-base YAML that `dyad ingest --kb` and `dyad kb import` read.

    \b
    Example:
      dyad kb export -o my_groups.yaml
    """
    _write(output, Dyad(db).kb_export())


@kb.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@db_option
def kb_import(file: str, db: str) -> None:
    """Store a knowledge-base YAML file's actors, names and structure (validated as --kb is).

    \b
    Example:
      dyad kb import my_groups.yaml
    """
    click.echo(Dyad(db).kb_import(file).summary())


def _write(output: str, text: str) -> None:
    if output == "-":
        click.echo(text, nl=False)
    else:
        Path(output).write_text(text, encoding="utf-8")
