"""a class's fee per head and funding source; a session day's lecturer and room

Revision ID: i14term
Revises: i10a
"""

import sqlalchemy as sa
from alembic import op

revision = "i14term"
down_revision = "i14roster"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("classes") as batch:
        batch.add_column(sa.Column("fee_per_head", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("funding_source", sa.String(length=255), nullable=True))
        batch.create_check_constraint(op.f("ck_classes_fee_not_negative"), "fee_per_head >= 0")
    with op.batch_alter_table("class_session_days") as batch:
        batch.add_column(sa.Column("lecturer", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("room", sa.String(length=255), nullable=True))


def downgrade():
    with op.batch_alter_table("class_session_days") as batch:
        batch.drop_column("room")
        batch.drop_column("lecturer")
    with op.batch_alter_table("classes") as batch:
        batch.drop_constraint(op.f("ck_classes_fee_not_negative"), type_="check")
        batch.drop_column("funding_source")
        batch.drop_column("fee_per_head")
