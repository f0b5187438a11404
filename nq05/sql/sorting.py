"""A stored sort key: a column that holds ``vn_sort_key`` of a name column, kept in step.

The key is computed in Python (``nq05.domain.sorting``) and stored, indexed, so that an ORDER BY
is the same plain comparison on SQLite and PostgreSQL (docs/dev/sorting.md says why). It is kept:
- on every ORM change of the name (an attribute event: forms, operations, factories);
- on every INSERT that does not give it (a column default computed from the row's name: the
  bundle import's and the demo's bulk inserts).
An UPDATE statement that changes a name without the ORM must set the key itself.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import String, event
from sqlalchemy.orm import mapped_column

from nq05.domain.sorting import vn_sort_key

#: enough for a 255-character name (two digits a letter, three a word)
KEY_LENGTH = 1024


def sort_key_column(source: str, key: Callable[[str], str] = vn_sort_key):
    """The ``sort_key`` column of a model whose ``source`` column holds the name."""

    def default(context) -> str:
        return key(context.get_current_parameters().get(source) or "")

    return mapped_column(String(KEY_LENGTH), default=default, index=True)


def keeps_sort_key(source: str, key: Callable[[str], str] = vn_sort_key):
    """Class decorator: setting ``source`` on an instance sets its ``sort_key``."""

    def decorate(cls):
        def on_set(target, value, _old, _initiator):
            target.sort_key = key(value or "")

        event.listen(getattr(cls, source), "set", on_set)
        return cls

    return decorate
