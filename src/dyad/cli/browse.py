"""Commands that read the store as extracted: documents, actors, one actor, claims."""
from __future__ import annotations

import click

from dyad.api import Dyad
from dyad.cli import show
from dyad.cli.common import db_option, format_option
from dyad.ontology import ACTOR_TYPES, INTERACTION_TYPES


@click.command()
@db_option
@click.option("--type", "type_", type=click.Choice(ACTOR_TYPES), default=None, help="Only actors of this type.")
def actors(db: str, type_: str | None) -> None:
    """List actors: canonical name, type, aliases and how often each is mentioned.

    \b
    Example:
      dyad actors --type ARMED_GROUP
    """
    show.actor_table(Dyad(db).actors(type=type_))


@click.command()
@click.argument("name")
@db_option
def actor(name: str, db: str) -> None:
    """Show one actor (by name, alias or key): aliases and where each was seen,
    structure with dates and evidence, mentions per document.

    \b
    Example:
      dyad actor "Red Hills Brigades"
    """
    dyad = Dyad(db)
    show.actor_detail(dyad, dyad.actor(name))


@click.command()
@db_option
def documents(db: str) -> None:
    """List stored documents: name, publication date, title, source, near-duplicate of.

    \b
    Example:
      dyad documents --db dyad-demo.db
    """
    show.document_table(Dyad(db).documents())


@click.command()
@click.option("--actor", "actor_name", default=None, help="Only claims where this actor is source or target.")
@click.option("--type", "type_", type=click.Choice(list(INTERACTION_TYPES)), default=None,
              help="Only claims of this interaction type.")
@click.option("--doc", default=None, help="Only claims read from this document (name or id).")
@db_option
@format_option
def claims(actor_name: str | None, type_: str | None, doc: str | None, db: str, fmt: str) -> None:
    """List interaction claims with their evidence sentence, time, certainty,
    attribution and the cue that produced them.

    \b
    Example:
      dyad claims --actor RHB --type TRAINING --format json
    """
    dyad = Dyad(db)
    show.claims(dyad, dyad.claims(actor=actor_name, type=type_, doc=doc), fmt, "claim(s)")
