"""one plan line per (plan, programme, category), an empty category counting as one value

Autogenerate cannot compare expression indexes, so this one is written by hand.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "CREATE UNIQUE INDEX uq_plan_lines_plan_programme_category "
        "ON plan_lines (plan_id, programme_id, coalesce(category, ''))"
    )


def downgrade():
    op.execute("DROP INDEX uq_plan_lines_plan_programme_category")
