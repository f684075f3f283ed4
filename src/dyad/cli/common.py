"""What every command shares: the store and date options, and one-line errors.

A user-fixable failure (a ``DyadError`` or a module's own coded error) is printed as
one ``error:`` line on stderr with exit status 1, or 2 when the arguments are wrong;
anything else is a bug and keeps its traceback.
"""
from __future__ import annotations

import json
from typing import Any

import click

from dyad.api import DEFAULT_DB, DyadError, checked_date


def _user_errors() -> tuple[type[Exception], ...]:
    """Error classes whose message is already a coded one-liner meant for the user."""
    from dyad.analyse.rules import RulesError
    from dyad.export.report import ReportError
    from dyad.kb import KBError
    from dyad.store.errors import StoreError

    return DyadError, KBError, ReportError, RulesError, StoreError


class CliError(click.ClickException):
    """Prints ``error: <message>`` and nothing else."""

    def show(self, file=None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


class DyadGroup(click.Group):
    """A click group that turns user errors raised by any subcommand into one line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except _user_errors() as exc:
            error = CliError(" ".join(str(exc).split()))
            error.exit_code = 2 if getattr(exc, "usage", False) else 1
            raise error from None


class DateParam(click.ParamType):
    """An ISO prefix date (YYYY, YYYY-MM, YYYY-MM-DD); a bad one is a usage error (status 2)."""

    name = "YYYY[-MM[-DD]]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return checked_date(value)
        except DyadError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateParam()

db_option = click.option(
    "--db", default=DEFAULT_DB, show_default=True, metavar="FILE|URL", envvar="DYAD_DB",
    help="The store: a SQLite file (relative to the current directory) or a SQLAlchemy URL "
         "(postgresql+psycopg://...); env DYAD_DB.",
)
rules_option = click.option(
    "--rules", type=click.Path(exists=True, dir_okay=False), default=None,
    help="A YAML file of dyad level rules that replaces the built-in ones.",
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Plain text for reading, JSON for other programs.",
)


def as_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def echo_json(data: Any) -> None:
    click.echo(as_json(data))
