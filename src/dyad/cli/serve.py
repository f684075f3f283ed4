"""``dyad serve``: the analysts' web app over a store (pages and a JSON API)."""
from __future__ import annotations

import click

from dyad.api import Dyad
from dyad.cli.common import db_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any other than loopback needs --token.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", envvar="DYAD_TOKEN", default=None,
              help="Access token that judgements and ingest need (env DYAD_TOKEN); required off loopback.")
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Start the web app: network over time, dyad timelines, evidence search, review, ingest.

    The JSON API is documented at /openapi.json (and browsable at /docs).

    \b
    Example:
      dyad serve --db dyad-demo.db
      dyad serve --host 0.0.0.0 --token "$(openssl rand -hex 16)"
    """
    import uvicorn

    from dyad.web import create_app
    from dyad.web.security import check_binding

    check_binding(host, token)
    click.echo(f"dyad: serving {db} on http://{host}:{port}/ (API: /openapi.json)", err=True)
    uvicorn.run(create_app(Dyad(db), token=token), host=host, port=port, log_level="warning")
