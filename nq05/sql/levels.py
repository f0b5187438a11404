"""The rank of a level code in SQL (0 = the lowest of its track), the same on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import String, case, literal_column
from sqlalchemy.sql.elements import ColumnElement

from nq05.domain.levels import TRACK_LEVELS
from nq05.sql.dates import const


def _ranks_by_level() -> dict[str, int]:
    ranks: dict[str, int] = {}
    for levels in TRACK_LEVELS.values():
        for i, level in enumerate(levels):
            # A level code means the same rank on every track that has it (none, elementary,
            # intermediate), so one small CASE ranks any level once the track is matched.
            assert ranks.setdefault(level, i) == i, level
    return ranks


RANKS = _ranks_by_level()


def _code(code: str) -> ColumnElement[str]:
    """One of nq05's own level codes written into the SQL text."""
    assert code.replace("_", "").isalnum(), code
    return literal_column(f"'{code}'", String)


# Written into the SQL text rather than sent as bind parameters: the rules use this CASE dozens of
# times per statement, and a thousand placeholders cost the driver more than the query itself.
_RANK_WHENS = [(_code(level), const(rank)) for level, rank in RANKS.items()]


def level_rank(level) -> ColumnElement[int]:
    """SQL: the rank of a level code on its track (0 = lowest); callers match the track."""
    return case(*_RANK_WHENS, value=level, else_=None)
