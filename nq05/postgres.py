"""Every PostgreSQL transaction, set up the same way; the planner's statistics after bulk loads.

- ``statement_timeout``: the server cancels a statement that runs longer than
  ``STATEMENT_TIMEOUT_WEB`` seconds in a web request, or ``STATEMENT_TIMEOUT_TASKS`` in a task or
  a command (config; 0 = no limit). Without it a statement of a request whose client gave up runs
  on for as long as it takes. It is set per transaction (``SET LOCAL``) as the transaction
  begins, so a pooled connection carries nothing from a request to a task. docs/deploy.md says
  how to tune it, and what applies on SQLite.
- ``analyze()``: ``ANALYZE`` after ``nq05 demo`` and ``nq05 import``: the planner chooses its
  joins from the statistics, and before autovacuum gets to a freshly loaded table it has none (the
  rules then ran seven times slower at K = 1, and minutes at K = 10).
- ``begin_snapshot_read()`` / ``share_snapshot()``: the full recompute's read transaction, and a
  second connection that reads the same snapshot (docs/benchmarks.md, "The full recompute").
"""

from __future__ import annotations

import re

from flask import current_app, has_app_context, has_request_context
from sqlalchemy import Column, MetaData, Table, event, text
from sqlalchemy.engine import Connection, Engine

_installed = False


def statement_timeout_ms() -> int:
    """The limit for a statement begun now, in milliseconds (0: none)."""
    key = "STATEMENT_TIMEOUT_WEB" if has_request_context() else "STATEMENT_TIMEOUT_TASKS"
    return round(float(current_app.config.get(key) or 0) * 1000)


def _on_begin(conn: Connection) -> None:
    if conn.dialect.name != "postgresql" or not has_app_context():
        return
    if conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
        return  # SET LOCAL outside a transaction does nothing
    limit = statement_timeout_ms()
    if limit > 0:
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {limit}")


def install() -> None:
    """Set up every PostgreSQL transaction any engine of this process begins (once per process)."""
    global _installed
    if not _installed:
        event.listen(Engine, "begin", _on_begin)
        _installed = True


def analyze(session) -> None:
    """Refresh the planner's statistics of every table and commit (PostgreSQL only: SQLite's
    planner does without them). ANALYZE reads a sample of each table: seconds, whatever the size."""
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(text("ANALYZE"))
    session.commit()


def begin_snapshot_read(session) -> str | None:
    """Begin ``session``'s transaction as one long read on PostgreSQL and return its snapshot's id
    (None elsewhere: SQLite's read transaction already sees one snapshot, and nothing else can
    share it).

    ``REPEATABLE READ``: every statement sees the data as of the first one (in READ COMMITTED
    each statement of a recompute could see another commit), and ``share_snapshot`` lets another
    connection read exactly the same data. ``work_mem`` (config ``RECOMPUTE_WORK_MEM``): the
    rules sort and hash hundreds of thousands of (line, person) pairs at national size, which
    spill to disk at PostgreSQL's default 4 MB. Call it first thing after a commit."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    work_mem = current_app.config.get("RECOMPUTE_WORK_MEM")
    if work_mem:
        session.execute(text("SELECT set_config('work_mem', :v, true)"), {"v": str(work_mem)})
    return session.execute(text("SELECT pg_export_snapshot()")).scalar_one()


def temporary_table(session, name: str, select) -> Table:
    """The rows of ``select`` as a temporary table of the session's transaction (dropped at its
    end), analysed for the planner; returns it, its columns those of ``select``. For a result
    several statements of the transaction read: computed once instead of in each."""
    if not _TABLE_NAME.match(name):
        raise ValueError(f"not a table name: {name!r}")
    connection = session.connection()
    sql = select.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    connection.exec_driver_sql(f"CREATE TEMPORARY TABLE {name} ON COMMIT DROP AS {sql}")
    connection.exec_driver_sql(f"ANALYZE {name}")
    return Table(name, MetaData(), *(Column(c.name, c.type) for c in select.selected_columns))


_TABLE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")

#: the form of a snapshot id pg_export_snapshot() returns (it is written into the SQL text)
_SNAPSHOT_ID = re.compile(r"^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$")


def share_snapshot(session, snapshot: str) -> None:
    """Begin ``session``'s transaction on the snapshot another transaction exported (that one must
    still be open), with the same settings: it reads exactly what the other reads."""
    if not _SNAPSHOT_ID.match(snapshot):
        raise ValueError(f"not a snapshot id: {snapshot!r}")
    session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    session.execute(text(f"SET TRANSACTION SNAPSHOT '{snapshot}'"))
    work_mem = current_app.config.get("RECOMPUTE_WORK_MEM")
    if work_mem:
        session.execute(text("SELECT set_config('work_mem', :v, true)"), {"v": str(work_mem)})
