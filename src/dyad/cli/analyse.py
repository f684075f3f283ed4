"""Commands over dyads: their states, one pair's history, the network at a date, reports."""
from __future__ import annotations

from pathlib import Path

import click

from dyad.api import Dyad, DyadError
from dyad.cli import show
from dyad.cli.common import DATE, db_option, echo_json, format_option, rules_option


limit_option = click.option(
    "--limit", type=click.IntRange(min=0), default=show.DYADS_SHOWN, show_default=True,
    help="Show the first N dyads, most hostile then closest first, then by claim count; 0: all.")


@click.command()
@click.option("--actor", "actor_name", default=None, help="Only dyads this actor is part of.")
@click.option("--at", type=DATE, default=None,
              help="Each dyad's state at this date instead of its latest; only dyads with a state then.")
@limit_option
@db_option
@rules_option
def dyads(actor_name: str | None, at: str | None, limit: int, db: str, rules: str | None) -> None:
    """List dyads: each pair's cooperation and hostility levels (latest, or at a date),
    the most hostile first, then the closest, then the busiest.

    \b
    Example:
      dyad dyads --actor "Red Hills Brigades" --at 2019-06
      dyad dyads --at 2019 --limit 0 > all-2019.txt
    """
    dyad = Dyad(db, rules=rules)
    show.dyads(dyad, dyad.dyads(actor=actor_name, at=at, limit=limit), at=at)


@click.command()
@click.argument("a")
@click.argument("b")
@db_option
@rules_option
def history(a: str, b: str, db: str, rules: str | None) -> None:
    """Show how the relation between actors A and B changed: periods, transitions, evidence.

    \b
    Example:
      dyad history "Red Hills Brigades" "Lowland Province"
    """
    dyad = Dyad(db, rules=rules)
    show.history(dyad, dyad.history(a, b))


@click.command()
@click.option("--at", type=DATE, default=None, help="The date to show (default: the latest state of each dyad).")
@db_option
@rules_option
@format_option
def network(at: str | None, db: str, rules: str | None, fmt: str) -> None:
    """Show the network of cooperation and hostility between actors at a date.

    \b
    Example:
      dyad network --at 2020-06 --format json
    """
    from dyad.analyse.network import format_network_text

    net = Dyad(db, rules=rules).network(at=at)
    if fmt == "json":
        echo_json(net)
    else:
        click.echo(format_network_text(net))


@click.command()
@click.argument("pair", nargs=-1, metavar="[A B]")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="FILE.html or FILE.md: the suffix picks the format.")
@db_option
@rules_option
def report(pair: tuple[str, ...], output: str, db: str, rules: str | None) -> None:
    """Write a report of every dyad, or of the pair A B, as HTML or Markdown.

    \b
    Example:
      dyad report "Red Hills Brigades" "Azure Dawn Movement" -o rhb-adm.html
    """
    if len(pair) not in (0, 2):
        raise DyadError(f"E509 give two actors for one dyad, or none for all; got {len(pair)}", usage=True)
    fmt = Path(output).suffix.lower().lstrip(".")
    text = Dyad(db, rules=rules).report(pair=tuple(pair) or None, fmt=fmt)
    Path(output).write_text(text, encoding="utf-8")
    click.echo(f"wrote {output}")
