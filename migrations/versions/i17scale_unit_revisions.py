"""per-unit revisions: a unit's pages know whether its stored figures are fresh; stored views

progress_stored_views: the report's figures per combination of dates, computed by the queue.

unit_revisions: the outbox bumps a unit's revision with each recompute request; a recompute
records the revision it computed from. Empty at upgrade: every page reads as "not computed" (and
computes as before) until the next recompute (`nq05 recompute`, or the nightly run).

Revision ID: i17scale
Revises: i10a
"""

import sqlalchemy as sa
from alembic import op

revision = "i17scale"
down_revision = "i13findings"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "unit_revisions",
        sa.Column("unit_code", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), server_default="0", nullable=False),
        sa.Column("computed_revision", sa.Integer(), nullable=True),
        sa.Column("computed_at", sa.DateTime(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("unit_code", name=op.f("pk_unit_revisions")),
    )
    op.create_table(
        "progress_stored_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("computed_at", sa.DateTime(), nullable=True),
        sa.Column("requested_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_stored_views")),
        sa.UniqueConstraint("kind", "key", name="uq_progress_stored_views_kind_key"),
    )


def downgrade():
    op.drop_table("progress_stored_views")
    op.drop_table("unit_revisions")
