"""Who may see and change units and people."""

from __future__ import annotations

from flask import g
from sqlalchemy import Select, exists, false, select, true

from nq05.auth.access import ADMIN, CENTRE_STAFF, UNIT_HEAD, _check, _load_or_404, _user
from nq05.extensions import db

# --- units ---------------------------------------------------------------------------------------


def _unit_tree() -> dict[int, list[int]]:
    """parent id -> child ids, loaded once per request (one query)."""
    cache = g.get("_nq05_unit_tree")
    if cache is None:
        from nq05.staff.models import Unit

        cache = {}
        for unit_id, parent_id in db.session.execute(select(Unit.id, Unit.parent_id)):
            cache.setdefault(parent_id, []).append(unit_id)
        g._nq05_unit_tree = cache
    return cache


def unit_and_descendants(unit_id: int) -> frozenset[int]:
    tree = _unit_tree()
    found, todo = set(), [unit_id]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(tree.get(current, ()))
    return frozenset(found)


def all_unit_ids() -> frozenset[int]:
    tree = _unit_tree()
    return frozenset(uid for children in tree.values() for uid in children)


def readable_unit_ids(user=None) -> frozenset[int]:
    """Units whose staff, plans and records the user may read."""
    user = _user(user)
    if not user.is_authenticated:
        return frozenset()
    if user.role == ADMIN:
        return all_unit_ids()
    if user.role == UNIT_HEAD and user.unit_id is not None:
        return unit_and_descendants(user.unit_id)
    return frozenset()


def writable_unit_ids(user=None) -> frozenset[int]:
    """Units whose staff, plans and records the user may change."""
    user = _user(user)
    if not user.is_authenticated:
        return frozenset()
    if user.role == ADMIN:
        return all_unit_ids()
    if user.role == UNIT_HEAD and user.unit_id is not None:
        return frozenset({user.unit_id})
    return frozenset()


def unit_clause(column, user=None, write: bool = False):
    """SQL condition: ``column`` (a unit id) is within the user's read (or write) scope."""
    user = _user(user)
    if user.is_authenticated and user.role == ADMIN:
        return true()
    ids = writable_unit_ids(user) if write else readable_unit_ids(user)
    return column.in_(sorted(ids)) if ids else false()


def units_query_for(user=None) -> Select:
    from nq05.staff.models import Unit

    return select(Unit).where(unit_clause(Unit.id, user)).order_by(Unit.code)


def unit_or_404(unit_id: int, write: bool = False, user=None):
    from nq05.staff.models import Unit

    user = _user(user)
    unit = _load_or_404(Unit, unit_id)
    _check(unit.id in readable_unit_ids(user), unit.id in writable_unit_ids(user), write)
    return unit


# --- people --------------------------------------------------------------------------------------


def person_unit_sql(person_id_column=None):
    """SQL scalar: the unit of a person's latest assignment (None without assignments)."""
    from nq05.staff.models import Assignment, Person

    column = Person.id if person_id_column is None else person_id_column
    return (
        select(Assignment.unit_id)
        .where(Assignment.person_id == column)
        .order_by(Assignment.start_date.desc(), Assignment.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def person_unit_id(person_id: int) -> int | None:
    """The unit a person belongs to (their latest assignment's), for scoping and the audit log."""
    from nq05.staff.models import Assignment

    return db.session.execute(
        select(Assignment.unit_id)
        .where(Assignment.person_id == person_id)
        .order_by(Assignment.start_date.desc(), Assignment.id.desc())
        .limit(1)
    ).scalar()


def _nominated_to_centre(person_id_column, centre_id: int):
    from nq05.classes.models import Enrolment, TrainingClass

    return exists(
        select(Enrolment.id)
        .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
        .where(Enrolment.person_id == person_id_column, TrainingClass.centre_id == centre_id)
    )


def person_clause(user=None, write: bool = False, person_id_column=None):
    """SQL condition on a person id column: the person is within the user's scope."""
    from nq05.staff.models import Person

    user = _user(user)
    column = Person.id if person_id_column is None else person_id_column
    if not user.is_authenticated:
        return false()
    if user.role == ADMIN:
        return true()
    if user.role == UNIT_HEAD:
        return unit_clause(person_unit_sql(column), user, write)
    if user.role == CENTRE_STAFF and user.centre_id is not None and not write:
        return _nominated_to_centre(column, user.centre_id)
    return false()


def person_clause_by_unit(latest_unit_column, user=None, write: bool = False):
    """``person_clause`` for a query that already joins each person's latest assignment: the
    same rule, on ``latest_unit_column`` (that assignment's unit) instead of a subquery per row."""
    user = _user(user)
    if user.is_authenticated and user.role == UNIT_HEAD:
        return unit_clause(latest_unit_column, user, write)
    return person_clause(user, write)


def people_query_for(user=None, write: bool = False) -> Select:
    """``select(Person)`` limited to the people the user may read (or change)."""
    from nq05.staff.models import Person

    return select(Person).where(person_clause(user, write))


def can_read_person(person_id: int, user=None) -> bool:
    from nq05.staff.models import Person

    return bool(
        db.session.execute(select(Person.id).where(Person.id == person_id, person_clause(user))).first()
    )


def can_write_person(person_id: int, user=None) -> bool:
    from nq05.staff.models import Person

    return bool(
        db.session.execute(
            select(Person.id).where(Person.id == person_id, person_clause(user, write=True))
        ).first()
    )


def person_or_404(person_id: int, write: bool = False, user=None):
    """The person, if the user may read it (404 otherwise); with write=True, change it (403)."""
    from nq05.staff.models import Person

    user = _user(user)
    person = _load_or_404(Person, person_id)
    readable = can_read_person(person.id, user)
    _check(readable, readable and write and can_write_person(person.id, user), write)
    return person
