"""Claims say where they come from: read from text, or imported from another tool's file.

Imported claims (a STIX bundle, a dyad export) are stored beside extracted ones and told
apart by ``origin``; ``provenance`` names the file. Existing claims were all read from text.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-20
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("interactions") as batch:
        batch.add_column(sa.Column("origin", sa.String(16), nullable=False, server_default="text"))
        batch.add_column(sa.Column("provenance", sa.Text(), nullable=True))
    with op.batch_alter_table("structure") as batch:
        batch.add_column(sa.Column("provenance", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("structure") as batch:
        batch.drop_column("provenance")
    with op.batch_alter_table("interactions") as batch:
        batch.drop_column("provenance")
        batch.drop_column("origin")
