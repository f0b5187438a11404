"""Search of Vietnamese text that ignores case and diacritics: "nguyen van an" finds "Nguyễn Văn An".

Both databases compare ``nq05_fold(column)`` with the folded needle. The function strips the
Vietnamese diacritics by a fixed letter table, then lowers ASCII, so it does not depend on the
database's collation (PostgreSQL's lower() folds nothing beyond ASCII under the C locale, SQLite's
never does). On SQLite it is a Python function registered on each connection (nq05/sqlite.py); on
PostgreSQL an SQL function created by migration 0003 with the same table.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import func

_LOWER = "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ"
#: the letters with diacritics and their bare letters; migration 0003 holds a copy for PostgreSQL
FOLD_FROM = _LOWER + _LOWER.upper()
FOLD_TO = "".join("d" if c == "đ" else unicodedata.normalize("NFD", c)[0] for c in _LOWER)
FOLD_TO += FOLD_TO.upper()
_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text: str) -> str:
    """The form names are compared in: composed, bare letters, ASCII lowered."""
    folded = unicodedata.normalize("NFC", text).translate(_TABLE)
    return "".join(c.lower() if c.isascii() else c for c in folded)


def folded(column):
    """SQL for the folded form of a text column."""
    return func.nq05_fold(column)
