"""uncertain deliveries of reminders; recompute outbox versions that never repeat, and claims

reminders: data_started_at, unconfirmed, status 'uncertain'. recompute_outbox: a random version
instead of a counter restarting at 1, the first request of a burst, the claim of the worker holding it.

Revision ID: i10a
Revises: i11a
"""

import sqlalchemy as sa
from alembic import op

revision = "i10a"
down_revision = "i11a"
branch_labels = None
depends_on = None

OLD_STATUSES = "status IS NULL OR status IN ('pending', 'sending', 'sent', 'failed')"
NEW_STATUSES = "status IS NULL OR status IN ('pending', 'sending', 'sent', 'failed', 'uncertain')"


def upgrade():
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("data_started_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("unconfirmed", sa.Integer(), server_default="0", nullable=False))
        batch_op.drop_constraint(batch_op.f("ck_reminders_status"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_reminders_status"), NEW_STATUSES)

    with op.batch_alter_table("recompute_outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("first_requested_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("claim_token", sa.String(length=32), nullable=True))
    # rows waiting at upgrade time (workers are stopped): any version, and nobody holds them
    op.execute(
        "UPDATE recompute_outbox SET version = 'r' || CAST(revision AS VARCHAR(20)), "
        "first_requested_at = requested_at, queued_at = NULL"
    )
    with op.batch_alter_table("recompute_outbox", schema=None) as batch_op:
        batch_op.alter_column("version", existing_type=sa.String(length=32), nullable=False)
        batch_op.alter_column("first_requested_at", existing_type=sa.DateTime(), nullable=False)
        batch_op.drop_column("revision")


def downgrade():
    with op.batch_alter_table("recompute_outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), server_default="1", nullable=False))
        batch_op.drop_column("claim_token")
        batch_op.drop_column("first_requested_at")
        batch_op.drop_column("version")

    op.execute("UPDATE reminders SET status = 'failed' WHERE status = 'uncertain'")
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_reminders_status"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_reminders_status"), OLD_STATUSES)
        batch_op.drop_column("unconfirmed")
        batch_op.drop_column("data_started_at")
