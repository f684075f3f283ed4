"""Analyst judgements: review a claim, merge, split, add an alias, undo, list.

Each is recorded beside the data (never a deletion), re-applied after every ingest,
and undone by id.
"""
from __future__ import annotations

import click

from dyad.api import Dyad, DyadError
from dyad.cli import show
from dyad.cli.common import db_option, format_option

reason_option = click.option("--reason", required=True, help="Why: kept with the judgement for whoever reads it later.")


def _recorded(judgement_id: int) -> None:
    click.echo(f"recorded judgement {judgement_id} (undo with `dyad undo {judgement_id}`)")


def _edits(pairs: tuple[str, ...]) -> dict[str, str]:
    edits = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        if not sep or not field.strip():
            raise DyadError(f"E508 --edit {pair!r} is not field=value; write e.g. --edit certainty=ALLEGED",
                            usage=True)
        edits[field.strip()] = value.strip()
    return edits


@click.command()
@click.argument("claim_id", required=False)
@click.option("--accept", "decision", flag_value="ACCEPT", help="The claim is right as read.")
@click.option("--reject", "decision", flag_value="REJECT", help="The claim is wrong: it stops counting.")
@click.option("--edit", "edits", multiple=True, metavar="FIELD=VALUE",
              help="Correct a field (type, certainty, source, target, time_start, time_end...); repeatable.")
@click.option("--reason", default=None, help="Why: kept with the judgement for whoever reads it later (required "
                                             "to record a review).")
@click.option("--queue", is_flag=True, help="List the claims not yet reviewed, those the model is least sure of first.")
@click.option("--limit", type=int, default=20, show_default=True, help="How many claims --queue lists (0: all).")
@click.option("--actor", "actor_name", default=None, help="With --queue: only claims of this actor.")
@db_option
@format_option
def review(claim_id: str | None, decision: str | None, edits: tuple[str, ...], reason: str | None, queue: bool,
           limit: int, actor_name: str | None, db: str, fmt: str) -> None:
    """Accept, reject or correct one claim (ids are shown by `dyad claims`), or list
    with --queue the claims to review next: those the relation model is least sure of.

    \b
    Example:
      dyad review --queue --limit 10
      dyad review 3f2a9c0d1e4b5a6c --edit certainty=ALLEGED --reason "hedged in the source"
    """
    dyad = Dyad(db)
    if queue:
        if claim_id or decision or edits:
            raise DyadError("E508 --queue lists claims; review one with `dyad review CLAIM_ID --accept|...`",
                            usage=True)
        show.claims(dyad, dyad.review_queue(limit=limit or None, actor=actor_name), fmt,
                    "claim(s) to review, least sure first")
        return
    if not claim_id:
        raise DyadError("E508 give a CLAIM_ID to review, or --queue to list claims to review", usage=True)
    if bool(decision) == bool(edits):
        raise DyadError("E508 give exactly one of --accept, --reject or --edit FIELD=VALUE", usage=True)
    if not reason:
        raise DyadError("E508 a review needs --reason: say why, for whoever reads it later", usage=True)
    _recorded(dyad.review(claim_id, decision or "EDIT", _edits(edits), reason))


@click.command()
@click.argument("keep")
@click.argument("drop")
@reason_option
@db_option
def merge(keep: str, drop: str, reason: str, db: str) -> None:
    """Treat DROP as the same actor as KEEP (KEEP's name stays canonical).

    \b
    Example:
      dyad merge "Red Hills Brigades" "Kestrian Liberation Front" --reason "renamed in 2018"
    """
    _recorded(Dyad(db).merge(keep, drop, reason))


@click.command()
@click.argument("actor_name", metavar="ACTOR")
@reason_option
@db_option
def split(actor_name: str, reason: str, db: str) -> None:
    """Undo the merging of ACTOR into another actor, so it stands alone again.

    \b
    Example:
      dyad split "Sabre Battalion" --reason "a distinct unit"
    """
    _recorded(Dyad(db).split(actor_name, reason))


@click.group()
def alias() -> None:
    """Manage an actor's aliases.

    \b
    Example:
      dyad alias add "Red Hills Brigades" "the Brigades" --reason "used so in local press"
    """


@alias.command("add")
@click.argument("actor_name", metavar="ACTOR")
@click.argument("name", metavar="ALIAS")
@reason_option
@db_option
def alias_add(actor_name: str, name: str, reason: str, db: str) -> None:
    """Record ALIAS as another name of ACTOR.

    \b
    Example:
      dyad alias add "Red Hills Brigades" "the Brigades" --reason "used so in local press"
    """
    _recorded(Dyad(db).add_alias(actor_name, name, reason))


@click.command()
@click.argument("judgement_id")
@db_option
def undo(judgement_id: str, db: str) -> None:
    """Undo a judgement by its id (listed by `dyad judgements`); it stays in the log.

    \b
    Example:
      dyad undo 4
    """
    Dyad(db).undo(judgement_id)
    click.echo(f"undone judgement {judgement_id}")


@click.command()
@db_option
def judgements(db: str) -> None:
    """List every analyst judgement, newest last, with its reason and whether it was undone.

    \b
    Example:
      dyad judgements --db dyad.db
    """
    for j in Dyad(db).judgements():
        undone = f"  UNDONE {j.undone_at:%Y-%m-%d}" if j.undone_at else ""
        target = f" → {j.object}" if j.object else ""
        click.echo(f"{j.id}  {j.created_at:%Y-%m-%d %H:%M}  {j.kind}  {j.subject}{target}  \"{j.reason}\"{undone}")
