"""plans: the review loop (errors counted on a decision)

Revision ID: i12review
Revises: i10a
"""

import sqlalchemy as sa
from alembic import op

revision = "i12review"
down_revision = "i14term"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("plan_events") as batch:
        batch.add_column(sa.Column("errors", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("plan_events") as batch:
        batch.drop_column("errors")
