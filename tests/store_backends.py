"""The PostgreSQL side of the store tests: whether a server is given, and a fresh schema on it."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager


POSTGRES_URL = os.environ.get("DYAD_TEST_POSTGRES_URL")
NO_POSTGRES = ("set DYAD_TEST_POSTGRES_URL to a PostgreSQL database (needs the 'postgres' extra: psycopg; "
               ".ci/run starts one) to run the store's tests on PostgreSQL too")


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose connections live in a new, empty schema of the test database; dropped after.

    A schema per test keeps tests apart (and apart from other users of the database) without
    the rights to create databases."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
