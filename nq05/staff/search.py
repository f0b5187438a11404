"""Case-insensitive search of Vietnamese names on SQLite too.

SQLite's built-in lower() only folds ASCII, so "đỗ" would not find "Đỗ"; PostgreSQL's lower()
folds every letter. On SQLite connections lower() is replaced by Python's str.lower.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

_installed = False


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def _on_connect(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)


def fold_case_in_sqlite() -> None:
    global _installed
    if not _installed:
        event.listen(Engine, "connect", _on_connect)
        _installed = True
