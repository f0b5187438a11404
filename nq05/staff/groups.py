"""People's groups in SQL: a person's group in a breakdown (nq05.domain.groups.group_of) and the
composition of a set of people (how many women, minority, Kinh, unrecorded), the same on SQLite and
PostgreSQL. Tests hold these in agreement with the domain functions, odd spellings included.
"""

from __future__ import annotations

from sqlalchemy import Select, case, func, literal, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from nq05.domain.groups import GROUPINGS, KINH, WHITESPACE, Composition, groups
from nq05.extensions import db
from nq05.staff.models import Person


def group_column(by: str, person) -> ColumnElement[str]:
    """SQL: the group of ``person`` (Person or an alias in the caller's FROM) in the breakdown ``by``.

    Select it as a column and group by that column (PostgreSQL does not see that two copies of an
    expression with bind parameters are the same).
    """
    groups(by)  # ValueError for an unknown breakdown
    if by == "gender":
        return person.gender
    # One evaluation of the trimmed, lower-cased text per row: a simple CASE compares it once.
    folded = func.lower(func.trim(func.coalesce(person.ethnicity, ""), WHITESPACE))
    return case({"": "unknown", KINH: "kinh"}, value=folded, else_="minority")


def compositions(keyed: Select) -> dict:
    """key -> Composition of the people of each key. ``keyed`` selects (key, person id) pairs; a
    person counts once per key. One query, whatever the number of keys or people."""
    return compositions_of_rows(db.session.execute(compositions_query(keyed)))


def compositions_query(keyed: Select) -> Select:
    """The query ``compositions`` runs: (key, gender, ethnic group, count) rows, for
    ``compositions_of_rows``; a caller may keep it and run it again."""
    pairs = keyed.distinct().subquery("keyed")
    key, person_id = list(pairs.c)[:2]
    p = aliased(Person)
    tagged = (
        select(key.label("key"), p.gender.label("gender"), group_column("minority", p).label("ethnic"))
        .join(p, p.id == person_id)
        .subquery("tagged")
    )
    columns = (tagged.c.key, tagged.c.gender, tagged.c.ethnic)
    return select(*columns, func.count()).group_by(*columns)


def compositions_of_rows(rows) -> dict:
    """key -> Composition, from the rows of ``compositions_query``."""
    counts: dict = {}
    for k, gender, ethnic, n in rows:
        found = counts.setdefault(k, {})
        found[gender] = found.get(gender, 0) + n
        found[ethnic] = found.get(ethnic, 0) + n
    return {k: Composition(c) for k, c in counts.items()}


def composition_of(person_ids: Select) -> Composition:
    """The composition of the people whose ids ``person_ids`` selects (its first column)."""
    ids = person_ids.subquery("ids")
    return compositions(select(literal(1).label("key"), list(ids.c)[0])).get(1, Composition())


def composition_window(person) -> list[ColumnElement[int]]:
    """Columns to add to a query of one row per person (``person``: Person or an alias in its
    FROM): on every row, how many of ALL its rows are in each group, before any LIMIT. A page of
    a list then brings the list's composition, and its count, without a query of its own;
    ``composition_of_row`` reads them back."""
    folded = {"gender": person.gender, "minority": group_column("minority", person)}
    return [
        func.count().filter(folded[by] == group).over().label(f"composition_{group}")
        for by, names in GROUPINGS.items()
        for group in names
    ]


def composition_of_row(row) -> Composition:
    """The composition that the ``composition_window`` columns of a row count."""
    found = {}
    for names in GROUPINGS.values():
        for group in names:
            n = row._mapping[f"composition_{group}"]
            if n:
                found[group] = n
    return Composition(found)
