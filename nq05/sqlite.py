"""Every SQLite connection, set up the same way: the embedded default must keep the rules
PostgreSQL keeps.

- ``PRAGMA foreign_keys = ON``: SQLite declares foreign keys but checks them only when asked, per
  connection.
- ``nq05_fold(text)``: the search function of nq05/search.py.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

from nq05.search import fold

_installed = False


def _sql_fold(value):
    return fold(value) if isinstance(value, str) else value


def _on_connect(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.create_function("nq05_fold", 1, _sql_fold, deterministic=True)


def install() -> None:
    """Set up every SQLite connection any engine of this process opens (once per process)."""
    global _installed
    if not _installed:
        event.listen(Engine, "connect", _on_connect)
        _installed = True
