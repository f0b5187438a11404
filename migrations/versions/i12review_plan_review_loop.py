"""plans: the review loop (errors counted on a decision; two-level review by the district)

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
    with op.batch_alter_table("plans") as batch:
        batch.add_column(sa.Column("reviewer_unit_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("forwarded_on", sa.Date(), nullable=True))
        batch.create_index(batch.f("ix_plans_reviewer_unit_id"), ["reviewer_unit_id"], unique=False)
        batch.create_foreign_key(
            batch.f("fk_plans_reviewer_unit_id_units"), "units", ["reviewer_unit_id"], ["id"]
        )
    op.create_table(
        "plan_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_plan_settings")),
    )


def downgrade():
    op.drop_table("plan_settings")
    with op.batch_alter_table("plans") as batch:
        batch.drop_constraint(batch.f("fk_plans_reviewer_unit_id_units"), type_="foreignkey")
        batch.drop_index(batch.f("ix_plans_reviewer_unit_id"))
        batch.drop_column("forwarded_on")
        batch.drop_column("reviewer_unit_id")
    with op.batch_alter_table("plan_events") as batch:
        batch.drop_column("errors")
