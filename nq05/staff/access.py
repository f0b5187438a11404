"""Who may see and change units and people, and the records that hang off a person.

A unit head reads their own unit and its sub-units, and changes their own unit only. A person
belongs to the unit of their latest assignment (the one that starts last), so a person who moved
is seen by their new unit only, and a person who left stays with their last unit. Centre staff see
the people nominated to their classes: that rule is the classes feature's (classes/access.py).
"""

from __future__ import annotations

from flask import g
from sqlalchemy import Select, false, select, true

from nq05.auth.access import (
    ADMIN,
    UNIT_HEAD,
    acting_user,
    belonging_or_404,
    check,
    clause,
    guards,
    load_or_404,
    record_rule,
)
from nq05.extensions import db
from nq05.staff.models import Assignment, Person, Qualification, Unit

# --- units ---------------------------------------------------------------------------------------


def unit_and_descendants(unit_id: int) -> frozenset[int]:
    """The unit and its sub-units, at any depth: one recursive query over that branch only (the
    units' parent index), remembered for the request."""
    cache = g.setdefault("_nq05_unit_branches", {})
    found = cache.get(unit_id)
    if found is None:
        branch = select(Unit.id).where(Unit.id == unit_id).cte("branch", recursive=True)
        branch = branch.union(select(Unit.id).join(branch, Unit.parent_id == branch.c.id))
        found = cache[unit_id] = frozenset(db.session.scalars(select(branch.c.id)))
    return found


def all_unit_ids() -> frozenset[int]:
    found = g.get("_nq05_all_units")
    if found is None:
        found = g._nq05_all_units = frozenset(db.session.scalars(select(Unit.id)))
    return found


def readable_unit_ids(user=None) -> frozenset[int]:
    """Units whose staff, plans and records the user may read."""
    user = acting_user(user)
    if not user.is_authenticated:
        return frozenset()
    if user.role == ADMIN:
        return all_unit_ids()
    if user.role == UNIT_HEAD and user.unit_id is not None:
        return unit_and_descendants(user.unit_id)
    return frozenset()


def writable_unit_ids(user=None) -> frozenset[int]:
    """Units whose staff, plans and records the user may change."""
    user = acting_user(user)
    if not user.is_authenticated:
        return frozenset()
    if user.role == ADMIN:
        return all_unit_ids()
    if user.role == UNIT_HEAD and user.unit_id is not None:
        return frozenset({user.unit_id})
    return frozenset()


def unit_clause(column, user=None, write: bool = False):
    """SQL condition: ``column`` (a unit id) is within the user's read (or write) scope."""
    user = acting_user(user)
    if user.is_authenticated and user.role == ADMIN:
        return true()
    ids = writable_unit_ids(user) if write else readable_unit_ids(user)
    return column.in_(sorted(ids)) if ids else false()


def units_query_for(user=None) -> Select:
    return select(Unit).where(unit_clause(Unit.id, user)).order_by(Unit.sort_key, Unit.code)


@guards("unit_id")
def unit_or_404(unit_id: int, write: bool = False, user=None) -> Unit:
    user = acting_user(user)
    unit = load_or_404(Unit, unit_id)
    check(unit.id in readable_unit_ids(user), unit.id in writable_unit_ids(user), write)
    return unit


# --- people --------------------------------------------------------------------------------------


def person_unit_sql(person_id_column=None):
    """SQL scalar: the unit of a person's latest assignment (None without assignments)."""
    column = Person.id if person_id_column is None else person_id_column
    return (
        select(Assignment.unit_id)
        .where(Assignment.person_id == column)
        .order_by(Assignment.start_date.desc(), Assignment.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def person_unit_id(person_id: int) -> int | None:
    """The unit a person belongs to (their latest assignment's)."""
    return db.session.execute(
        select(Assignment.unit_id)
        .where(Assignment.person_id == person_id)
        .order_by(Assignment.start_date.desc(), Assignment.id.desc())
        .limit(1)
    ).scalar()


@record_rule("person", UNIT_HEAD)
def _people_of_the_units(user, write: bool, person_id_column):
    return unit_clause(person_unit_sql(person_id_column), user, write)


def person_clause(user=None, write: bool = False, person_id_column=None):
    """SQL condition on a person id column: the person is within the user's scope."""
    column = Person.id if person_id_column is None else person_id_column
    return clause("person", user, write, column)


def person_clause_by_unit(latest_unit_column, user=None, write: bool = False):
    """``person_clause`` for a query that already joins each person's latest assignment: the
    same rule, on ``latest_unit_column`` (that assignment's unit) instead of a subquery per row."""
    user = acting_user(user)
    if user.is_authenticated and user.role == UNIT_HEAD:
        return unit_clause(latest_unit_column, user, write)
    return person_clause(user, write)


def people_query_for(user=None, write: bool = False) -> Select:
    """``select(Person)`` limited to the people the user may read (or change)."""
    return select(Person).where(person_clause(user, write))


def can_read_person(person_id: int, user=None) -> bool:
    return bool(
        db.session.execute(select(Person.id).where(Person.id == person_id, person_clause(user))).first()
    )


def can_write_person(person_id: int, user=None) -> bool:
    return bool(
        db.session.execute(
            select(Person.id).where(Person.id == person_id, person_clause(user, write=True))
        ).first()
    )


@guards("person_id")
def person_or_404(person_id: int, write: bool = False, user=None) -> Person:
    """The person, if the user may read it (404 otherwise); with write=True, change it (403)."""
    user = acting_user(user)
    person = load_or_404(Person, person_id)
    readable = can_read_person(person.id, user)
    check(readable, readable and write and can_write_person(person.id, user), write)
    return person


@guards("assignment_id")
def assignment_or_404(person: Person, assignment_id: int) -> Assignment:
    """One of the assignments of ``person`` (already loaded through ``person_or_404``)."""
    return belonging_or_404(Assignment, assignment_id, person_id=person.id)


@guards("qualification_id")
def qualification_or_404(person: Person, qualification_id: int) -> Qualification:
    """One of the qualifications of ``person`` (already loaded through ``person_or_404``)."""
    return belonging_or_404(Qualification, qualification_id, person_id=person.id)
