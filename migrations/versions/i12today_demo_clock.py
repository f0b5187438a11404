"""demo_clock: the date a database made by ``nq05 demo`` lives on (absent: a real province)

Revision ID: i12today
Revises: i10a
"""

import sqlalchemy as sa
from alembic import op

revision = "i12today"
down_revision = "i10a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "demo_clock",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("today", sa.Date(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_demo_clock_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demo_clock")),
    )


def downgrade():
    op.drop_table("demo_clock")
