"""retired_on: a position, programme or centre in use is retired rather than deleted

Revision ID: i12retire
Revises: i13order
"""

import sqlalchemy as sa
from alembic import op

revision = "i12retire"
down_revision = "i13order"
branch_labels = None
depends_on = None

TABLES = ("programmes", "centres", "positions")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("retired_on", sa.Date(), nullable=True))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("retired_on")
