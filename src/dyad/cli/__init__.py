"""The ``dyad`` command: a thin click layer over :mod:`dyad.api`.

Each command parses its arguments, calls one ``Dyad`` method and prints the result;
the commands live in modules by what they do (ingest, browse, analyse, judge).
"""
from __future__ import annotations

import click

from dyad import __version__
from dyad.cli.analyse import dyads, history, network, report
from dyad.cli.browse import actor, actors, claims, documents
from dyad.cli.check import check
from dyad.cli.common import DyadGroup
from dyad.cli.ingest import demo, ingest
from dyad.cli.interop import export, import_, kb
from dyad.cli.judge import alias, judgements, merge, review, split, undo
from dyad.cli.learn import train
from dyad.cli.serve import serve

COMMANDS = (demo, ingest, documents, actors, actor, claims, export, dyads, history, network, report,
            review, merge, split, alias, undo, judgements, train, check, import_, kb, serve)


@click.group(cls=DyadGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dyad")
def cli() -> None:
    """Read reporting on armed groups; see who cooperates with or fights whom, when, on what evidence.

    The store is ./dyad.db unless --db says otherwise.

    \b
    Example:
      dyad demo
      dyad ingest articles/ && dyad dyads
    """


for _command in COMMANDS:
    cli.add_command(_command)


def main() -> None:
    cli(prog_name="dyad")
