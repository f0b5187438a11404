"""progress_findings.details: names and numbers the wording of a finding needs beyond its figures

Revision ID: i13findings
Revises: i10a
"""

import sqlalchemy as sa
from alembic import op

revision = "i13findings"
down_revision = "i12review"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("progress_findings") as batch:
        batch.add_column(sa.Column("details", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("progress_findings") as batch:
        batch.drop_column("details")
