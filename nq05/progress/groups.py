"""A person's group in a breakdown (nq05.domain.groups.group_of) as SQL, the same on both databases.

Tests hold this expression in agreement with the domain function, odd spellings included.
"""

from __future__ import annotations

from sqlalchemy import case, func
from sqlalchemy.sql.elements import ColumnElement

from nq05.domain.groups import KINH, WHITESPACE, groups


def group_column(by: str, person) -> ColumnElement[str]:
    """SQL: the group of ``person`` (Person or an alias in the caller's FROM) in the breakdown ``by``.

    Select it as a column and group by that column (PostgreSQL does not see that two copies of an
    expression with bind parameters are the same).
    """
    groups(by)  # ValueError for an unknown breakdown
    if by == "gender":
        return person.gender
    trimmed = func.trim(func.coalesce(person.ethnicity, ""), WHITESPACE)
    return case((trimmed == "", "unknown"), (func.lower(trimmed) == KINH, "kinh"), else_="minority")
