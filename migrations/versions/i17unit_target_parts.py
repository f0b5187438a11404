"""progress_target_parts: each unit's part of the targets of no unit, so that a unit's recompute
adds the parts up instead of counting the whole province again. Empty at upgrade: the first
unit's recompute counts them all. An index of the stored findings by (code, year, programme):
a unit's recompute reads and replaces the OVER_CAPACITY findings of the programmes it plans.

Revision ID: i17unit
Revises: i12retire
"""

import sqlalchemy as sa
from alembic import op

revision = "i17unit"
down_revision = "i12retire"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "progress_target_parts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("planned", sa.Integer(), nullable=False),
        sa.Column("named", sa.Integer(), nullable=False),
        sa.Column("nominated", sa.Integer(), nullable=False),
        sa.Column("completed", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("base", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["periods.id"],
            name=op.f("fk_progress_target_parts_period_id_periods"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_target_parts")),
    )
    op.create_index(
        "ix_progress_target_parts_period_unit",
        "progress_target_parts",
        ["period_id", "unit_id"],
        unique=False,
    )
    op.create_index(
        "ix_progress_findings_code_year_programme",
        "progress_findings",
        ["code", "year", "programme"],
        unique=False,
    )


def downgrade():
    op.drop_index("ix_progress_findings_code_year_programme", table_name="progress_findings")
    op.drop_index("ix_progress_target_parts_period_unit", table_name="progress_target_parts")
    op.drop_table("progress_target_parts")
