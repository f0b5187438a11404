"""sort keys: people, units, programmes, centres and positions in Vietnamese order

Each table gets ``sort_key``, the name's key computed in Python (nq05/domain/sorting.py; why in
docs/dev/sorting.md), filled here for the rows already there, indexed, never empty.

Revision ID: i13order
Revises: i17scale
"""

import sqlalchemy as sa
from alembic import op

from nq05.domain.sorting import vn_name_key, vn_sort_key

revision = "i13order"
down_revision = "i17scale"
branch_labels = None
depends_on = None

#: table, the name column, the key
TABLES = (
    ("people", "full_name", vn_name_key),
    ("units", "name", vn_sort_key),
    ("programmes", "name", vn_sort_key),
    ("centres", "name", vn_sort_key),
    ("positions", "name", vn_sort_key),
)


def upgrade():
    bind = op.get_bind()
    for table, source, key in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("sort_key", sa.String(length=1024), nullable=True))
        t = sa.table(table, sa.column("id", sa.Integer), sa.column(source, sa.String), sa.column("sort_key"))
        rows = bind.execute(sa.select(t.c.id, t.c[source])).all()
        if rows:
            bind.execute(
                t.update().where(t.c.id == sa.bindparam("row_id")).values(sort_key=sa.bindparam("key")),
                [{"row_id": row_id, "key": key(name or "")} for row_id, name in rows],
            )
        with op.batch_alter_table(table) as batch:
            batch.alter_column("sort_key", existing_type=sa.String(length=1024), nullable=False)
            batch.create_index(batch.f(f"ix_{table}_sort_key"), ["sort_key"], unique=False)


def downgrade():
    for table, _source, _key in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_index(batch.f(f"ix_{table}_sort_key"))
            batch.drop_column("sort_key")
