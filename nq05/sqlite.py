"""Every SQLite connection, set up the same way: the embedded default must keep the rules
PostgreSQL keeps.

- ``PRAGMA foreign_keys = ON``: SQLite declares foreign keys but checks them only when asked, per
  connection.
- ``PRAGMA journal_mode = WAL`` and a busy timeout: readers never wait for the writer, and a writer
  waits its turn (up to ``BUSY_TIMEOUT_MS``) instead of failing with "database is locked".
- Transactions mean what SQLAlchemy says (the "Transactions with SQLite" section of SQLAlchemy's
  SQLite dialect documentation): the sqlite3 driver's own BEGIN handling is off, and SQLAlchemy's
  ``begin`` event emits BEGIN. With the driver's handling, a SELECT or a SAVEPOINT began no
  transaction, so ``session.begin_nested()`` opened before any write became the real transaction
  and its RELEASE committed it: a rollback afterwards kept half an action.
- Work that will write begins with ``BEGIN IMMEDIATE``: it takes the write lock before its first
  read, so it waits for another writer at BEGIN (busy timeout) rather than failing later: a
  transaction that read first and then writes after someone else committed gets "database is
  locked" at once (SQLite cannot move its snapshot, and never waits on an upgrade). Which work
  will write: a request whose method is not GET, HEAD or OPTIONS; Celery tasks, the in-process
  runner and CLI commands (they say so with ``writing()``). Everything else, and a block in
  ``reading()`` (the recompute's long read), begins with a plain BEGIN and never blocks a writer.
- ``nq05_fold(text)``: the search function of nq05/search.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from nq05.search import fold

#: how long a transaction waits for the write lock before "database is locked"
BUSY_TIMEOUT_MS = 20_000
#: request methods that only read
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_begin: ContextVar[str | None] = ContextVar("nq05_sqlite_begin", default=None)
_installed = False


@contextmanager
def _begin_with(statement: str) -> Iterator[None]:
    token = _begin.set(statement)
    try:
        yield
    finally:
        _begin.reset(token)


def writing():
    """Transactions begun inside this block will write: ``BEGIN IMMEDIATE`` on SQLite."""
    return _begin_with("BEGIN IMMEDIATE")


def reading():
    """Transactions begun inside this block only read: a plain ``BEGIN`` that blocks no writer."""
    return _begin_with("BEGIN")


def begin_statement() -> str:
    """The BEGIN a transaction starting now emits on SQLite."""
    chosen = _begin.get()
    if chosen is not None:
        return chosen
    if has_request_context() and request.method not in SAFE_METHODS:
        return "BEGIN IMMEDIATE"
    return "BEGIN"


def _sql_fold(value):
    return fold(value) if isinstance(value, str) else value


def _on_connect(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.isolation_level = None  # the driver emits no BEGIN of its own
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        dbapi_connection.execute("PRAGMA journal_mode = WAL")
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.create_function("nq05_fold", 1, _sql_fold, deterministic=True)


def _on_begin(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return
    if conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
        return
    dbapi_connection = conn.connection.driver_connection
    if isinstance(dbapi_connection, sqlite3.Connection):
        # resetting an AUTOCOMMIT connection for the pool hands the driver its BEGIN back
        dbapi_connection.isolation_level = None
    conn.exec_driver_sql(begin_statement())


def install() -> None:
    """Set up every SQLite connection any engine of this process opens (once per process)."""
    global _installed
    if not _installed:
        event.listen(Engine, "connect", _on_connect)
        event.listen(Engine, "begin", _on_begin)
        _installed = True
