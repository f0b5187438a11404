"""results of an enrolment (result, grade, score, certificate number and date); a programme's score
scale and minimum attendance rate

Revision ID: i14roster
Revises: i10a
"""

import sqlalchemy as sa
from alembic import op

revision = "i14roster"
down_revision = "i12today"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("result", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("grade", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("score", sa.Numeric(precision=7, scale=2), nullable=True))
        batch_op.add_column(sa.Column("certificate_no", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("certificate_on", sa.Date(), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f("ck_enrolments_result"),
            "result IS NULL OR result IN ('completed', 'failed', 'unfinished')",
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_enrolments_result_matches_status"),
            "result IS NULL OR (status = 'completed' AND result = 'completed')"
            " OR (status = 'failed' AND result IN ('failed', 'unfinished'))",
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_enrolments_grade"),
            "grade IS NULL OR grade IN ('excellent', 'good', 'fair', 'average')",
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_enrolments_score_not_negative"), "score IS NULL OR score >= 0"
        )
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("score_scale", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("min_attendance", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f("ck_programmes_score_scale_positive"), "score_scale IS NULL OR score_scale > 0"
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_programmes_min_attendance_percent"),
            "min_attendance IS NULL OR (min_attendance >= 0 AND min_attendance <= 100)",
        )


def downgrade():
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_programmes_min_attendance_percent"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_programmes_score_scale_positive"), type_="check")
        batch_op.drop_column("min_attendance")
        batch_op.drop_column("score_scale")
    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_enrolments_score_not_negative"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_enrolments_grade"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_enrolments_result_matches_status"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_enrolments_result"), type_="check")
        batch_op.drop_column("certificate_on")
        batch_op.drop_column("certificate_no")
        batch_op.drop_column("score")
        batch_op.drop_column("grade")
        batch_op.drop_column("result")
