"""Search of Vietnamese text that ignores case and diacritics: "nguyen van an" finds "Nguyễn Văn An".

Both databases compare ``nq05_fold(column)`` with the folded needle. The function strips the
Vietnamese diacritics by a fixed letter table, then lowers ASCII, so it does not depend on the
database's collation (PostgreSQL's lower() folds nothing beyond ASCII under the C locale, SQLite's
never does). On SQLite it is a Python function registered on each connection; on PostgreSQL an SQL
function created by migration 0003 with the same table.
"""

from __future__ import annotations

import sqlite3
import unicodedata

from sqlalchemy import event, func
from sqlalchemy.engine import Engine

_LOWER = "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ"
#: the letters with diacritics and their bare letters; migration 0003 holds a copy for PostgreSQL
FOLD_FROM = _LOWER + _LOWER.upper()
FOLD_TO = "".join("d" if c == "đ" else unicodedata.normalize("NFD", c)[0] for c in _LOWER)
FOLD_TO += FOLD_TO.upper()
_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)

_installed = False


def fold(text: str) -> str:
    """The form names are compared in: composed, bare letters, ASCII lowered."""
    folded = unicodedata.normalize("NFC", text).translate(_TABLE)
    return "".join(c.lower() if c.isascii() else c for c in folded)


def folded(column):
    """SQL for the folded form of a text column."""
    return func.nq05_fold(column)


def _sql_fold(value):
    return fold(value) if isinstance(value, str) else value


def _on_connect(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_function("nq05_fold", 1, _sql_fold, deterministic=True)


def install_sqlite_fold() -> None:
    global _installed
    if not _installed:
        event.listen(Engine, "connect", _on_connect)
        _installed = True
