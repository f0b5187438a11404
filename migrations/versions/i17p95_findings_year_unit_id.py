"""An index of the stored findings by (year, unit id): the findings page and the dashboard read a
year's findings of a unit's branch by their unit ids (and check that none is of another date),
which the (year, unit code) index reads the whole year for.

Revision ID: i17p95
Revises: i17unit
"""

from alembic import op

revision = "i17p95"
down_revision = "i17unit"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_progress_findings_year_unit_id", "progress_findings", ["year", "unit_id"], unique=False
    )


def downgrade():
    op.drop_index("ix_progress_findings_year_unit_id", table_name="progress_findings")
