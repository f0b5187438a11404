"""Who may see and change what: the ONE place for access rules (domain.md, "Roles").

- admin: everything.
- unit_head: their own unit read/write; the staff (and plans) of its sub-units read-only.
- centre_staff: their own centre's classes and enrolments; the people nominated to those classes.

A record outside the user's scope is a 404 (its existence is not revealed); a record the user may
read but not change, asked for with ``write=True``, is a 403. Views load records only through the
``*_or_404`` loaders and list them only through the ``*_query_for`` queries, so a new route gets
the rules by using them.

A person belongs to the unit of their latest assignment (the one that starts last), so a person
who moved is seen by their new unit only, and a person who left stays with their last unit.
"""

from __future__ import annotations

import functools

from flask import abort, g
from flask_login import current_user, login_required
from sqlalchemy import Select, and_, exists, false, select, true

from nq05.extensions import db

ADMIN, UNIT_HEAD, CENTRE_STAFF = "admin", "unit_head", "centre_staff"


def _user(user):
    return current_user if user is None else user


def require_roles(*roles: str):
    """View decorator: sign-in required, and the user's role must be one of ``roles`` (else 403)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return login_required(wrapper)

    return decorator


def is_admin(user=None) -> bool:
    user = _user(user)
    return user.is_authenticated and user.role == ADMIN


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


def _load_or_404(model, record_id):
    record = db.session.get(model, record_id)
    if record is None:
        abort(404)
    return record


def _check(readable: bool, writable: bool, write: bool) -> None:
    if not readable:
        abort(404)
    if write and not writable:
        abort(403)


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


# --- centres, classes, enrolments ----------------------------------------------------------------


def centre_or_404(centre_id: int, write: bool = False, user=None):
    """Admin: any centre; centre staff: their own (read-only); unit heads: any centre, read-only."""
    from nq05.reference.models import Centre

    user = _user(user)
    centre = _load_or_404(Centre, centre_id)
    readable = user.role in (ADMIN, UNIT_HEAD) or (user.role == CENTRE_STAFF and user.centre_id == centre.id)
    _check(readable, user.role == ADMIN, write)
    return centre


def class_clause(user=None, write: bool = False):
    """SQL condition on TrainingClass: admin all; centre staff their centre's; unit heads published."""
    from nq05.classes.models import TrainingClass

    user = _user(user)
    if not user.is_authenticated:
        return false()
    if user.role == ADMIN:
        return true()
    if user.role == CENTRE_STAFF and user.centre_id is not None:
        return TrainingClass.centre_id == user.centre_id
    if user.role == UNIT_HEAD and not write:
        return TrainingClass.is_published.is_(True)
    return false()


def classes_query_for(user=None, write: bool = False) -> Select:
    from nq05.classes.models import TrainingClass

    return select(TrainingClass).where(class_clause(user, write))


def class_or_404(class_id: int, write: bool = False, user=None):
    """A class the user may read; with write=True one they may run (the centre's staff, admin)."""
    from nq05.classes.models import TrainingClass

    user = _user(user)
    training_class = _load_or_404(TrainingClass, class_id)
    readable = _matches(TrainingClass, training_class.id, class_clause(user))
    _check(
        readable, readable and write and _matches(TrainingClass, class_id, class_clause(user, True)), write
    )
    return training_class


def enrolment_clause(user=None, write: bool = False):
    """SQL condition on Enrolment: the centre's staff for their classes; unit heads for their people."""
    from nq05.classes.models import Enrolment, TrainingClass

    user = _user(user)
    if not user.is_authenticated:
        return false()
    if user.role == ADMIN:
        return true()
    if user.role == CENTRE_STAFF and user.centre_id is not None:
        return exists(
            select(TrainingClass.id).where(
                TrainingClass.id == Enrolment.class_id, TrainingClass.centre_id == user.centre_id
            )
        )
    if user.role == UNIT_HEAD:
        return person_clause(user, write, Enrolment.person_id)
    return false()


def enrolments_query_for(user=None, write: bool = False) -> Select:
    from nq05.classes.models import Enrolment

    return select(Enrolment).where(enrolment_clause(user, write))


def enrolment_or_404(enrolment_id: int, write: bool = False, user=None):
    from nq05.classes.models import Enrolment

    user = _user(user)
    enrolment = _load_or_404(Enrolment, enrolment_id)
    readable = _matches(Enrolment, enrolment.id, enrolment_clause(user))
    writable = readable and write and _matches(Enrolment, enrolment.id, enrolment_clause(user, True))
    _check(readable, writable, write)
    return enrolment


# --- plans ---------------------------------------------------------------------------------------


def plan_clause(user=None, write: bool = False):
    from nq05.plans.models import Plan

    user = _user(user)
    if not user.is_authenticated or user.role == CENTRE_STAFF:
        return false()
    return unit_clause(Plan.unit_id, user, write)


def plans_query_for(user=None, write: bool = False) -> Select:
    from nq05.plans.models import Plan

    return select(Plan).where(plan_clause(user, write))


def plan_or_404(plan_id: int, write: bool = False, user=None):
    """A plan of the user's unit (or a sub-unit's, read-only); admin any plan."""
    from nq05.plans.models import Plan

    user = _user(user)
    plan = _load_or_404(Plan, plan_id)
    if user.role == CENTRE_STAFF:
        abort(404)
    _check(plan.unit_id in readable_unit_ids(user), plan.unit_id in writable_unit_ids(user), write)
    return plan


def _matches(model, record_id: int, clause) -> bool:
    return bool(db.session.execute(select(model.id).where(and_(model.id == record_id, clause))).first())
