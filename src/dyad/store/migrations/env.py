"""Alembic environment: migrations run on the connection that ``dyad.store`` hands over.

There is no alembic.ini: ``dyad.store.engine.alembic_config`` builds the configuration in
code, so the migrations ship inside the package and every ``Store(...)`` upgrades on open.
"""
from alembic import context

from dyad.store.schema import Base, include_name

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "E420 dyad migrations need a connection: open the database with dyad.store.Store(url), "
        "or pass one via dyad.store.engine.alembic_config(connection)"
    )
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  include_name=include_name)
with context.begin_transaction():
    context.run_migrations()
