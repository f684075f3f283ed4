"""Open a database: URL from a path, SQLite tuned for one writer and many readers, schema upgraded.

SQLite gets WAL (readers never block the writer), foreign keys, a busy timeout, and
explicit ``BEGIN``/``BEGIN IMMEDIATE``: Python's sqlite3 otherwise starts transactions
late, so a read-then-write transaction could race another process. PostgreSQL write
transactions take one advisory lock first, the same guarantee: several processes can
ingest into one store, each document's read-then-write (is it stored? which actors
exist? is this pair merged already?) sees every write committed before it, so none is
stored twice and no insert fails on a key another process just wrote.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.pool import StaticPool

if TYPE_CHECKING:
    from alembic.config import Config

from .errors import StoreError

HEAD = "0007"  # the newest migration (tested against the scripts): a store at it opens without Alembic
BUSY_TIMEOUT_MS = 30_000
WRITER_LOCK = 0x647961640001  # pg_advisory_xact_lock key of dyad's writers ("dyad" + 1)
WRITE = "dyad_write"  # execution option: the transaction will write, so take the lock up front


def database_url(url_or_path: str | Path) -> str:
    """``sqlite:///<path>`` for a plain path; a URL as given, except that a bare ``postgresql://``
    gets the psycopg (3) driver the postgres extra installs (SQLAlchemy would pick psycopg2)."""
    text = str(url_or_path)
    if text.startswith("postgresql://"):
        return "postgresql+psycopg://" + text.removeprefix("postgresql://")
    if "://" in text:
        return text
    path = Path(text).expanduser()
    if not path.parent.is_dir():
        raise StoreError(f"E411 no folder {path.parent} for the database {path.name}: create the folder first")
    return f"sqlite:///{path.resolve()}"


def open_engine(url_or_path: str | Path) -> Engine:
    url = make_url(database_url(url_or_path))
    if url.get_backend_name() != "sqlite":
        engine = create_engine(url)
        if url.get_backend_name() == "postgresql":
            _serialise_postgres_writes(engine)
        return engine
    in_memory = url.database in (None, "", ":memory:")
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        # one shared connection, or every checkout would see a different empty database
        poolclass=StaticPool if in_memory else None,
    )
    _tune_sqlite(engine, wal=not in_memory)
    return engine


def _tune_sqlite(engine: Engine, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def _serialise_postgres_writes(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(WRITE, False):
            # released by the transaction's commit or rollback, or the server when the client dies
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A connection in one write transaction: committed on success, rolled back on any error."""
    with engine.connect().execution_options(**{WRITE: True}) as connection, connection.begin():
        yield connection


def alembic_config(connection: Connection) -> Config:
    """Alembic configuration built in code, pointing at the migrations shipped in this package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("dyad.store") / "migrations"))
    config.attributes["connection"] = connection
    return config


def revision(engine: Engine) -> str | None:
    """The store's migration; None for a new store (no ``alembic_version`` table yet)."""
    try:
        with engine.connect() as connection:
            return connection.scalar(text("SELECT version_num FROM alembic_version"))
    except (OperationalError, ProgrammingError):  # SQLite's and PostgreSQL's "no such table"
        return None


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration. A store already there is seen by one read:
    Alembic (its import, its scripts and a write transaction, a tenth of a ``dyad history``
    on PostgreSQL) is loaded only for a store that needs upgrading."""
    if revision(engine) == HEAD:
        return
    from alembic import command

    with writing(engine) as connection:
        command.upgrade(alembic_config(connection), "head")
