"""Reading plans: versions, the plan in force, the unit's staff who may be named, diffs."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from nq05.domain.codes import PLAN_IN_FORCE_STATUSES
from nq05.domain.plan_diff import LineContent, LineKey, PlanDiff, diff_plans
from nq05.extensions import db
from nq05.plans.models import Plan, PlanLine, PlanNominee
from nq05.reference.models import Programme
from nq05.staff.access import person_clause
from nq05.staff.models import Assignment, Person


def versions_of(unit_id: int, year: int, session: Session | None = None) -> list[Plan]:
    """All versions of a unit's plan for a year, the first one first."""
    session = session or db.session
    return list(
        session.scalars(select(Plan).where(Plan.unit_id == unit_id, Plan.year == year).order_by(Plan.version))
    )


def latest_version(unit_id: int, year: int, session: Session | None = None) -> Plan | None:
    session = session or db.session
    return session.scalars(
        select(Plan).where(Plan.unit_id == unit_id, Plan.year == year).order_by(Plan.version.desc()).limit(1)
    ).first()


def plan_in_force(
    unit_id: int, year: int, *, below_version: int | None = None, session: Session | None = None
) -> Plan | None:
    """The highest version that is submitted or approved (realism.md, "Terms").

    With ``below_version``, the one that was in force before that version was made.
    """
    session = session or db.session
    query = select(Plan).where(
        Plan.unit_id == unit_id, Plan.year == year, Plan.status.in_(PLAN_IN_FORCE_STATUSES)
    )
    if below_version is not None:
        query = query.where(Plan.version < below_version)
    return session.scalars(query.order_by(Plan.version.desc()).limit(1)).first()


def approved_in_force(unit_id: int, year: int, session: Session | None = None) -> Plan | None:
    """The version the pages call "đang có hiệu lực": the highest approved one (glossary: only
    once approved). The engine's ``plan_in_force`` also counts a submitted version."""
    session = session or db.session
    return session.scalars(
        select(Plan)
        .where(Plan.unit_id == unit_id, Plan.year == year, Plan.status == "approved")
        .order_by(Plan.version.desc())
        .limit(1)
    ).first()


def plans_in_force(year: int, session: Session | None = None, unit_ids=None) -> dict[int, Plan]:
    """Every unit's plan in force for ``year`` (of ``unit_ids`` only, when given), by unit id
    (one query)."""
    session = session or db.session
    found: dict[int, Plan] = {}
    query = (
        select(Plan)
        .where(Plan.year == year, Plan.status.in_(PLAN_IN_FORCE_STATUSES))
        .order_by(Plan.unit_id, Plan.version)
    )
    if unit_ids is not None:
        query = query.where(Plan.unit_id.in_(sorted(unit_ids)))
    for plan in session.scalars(query):
        found[plan.unit_id] = plan  # the highest version comes last
    return found


def staff_dates(year: int, today: date) -> tuple[date, date]:
    """The dates at which someone counts as the unit's staff for a plan of ``year``."""
    return date(year, 1, 1), today


def unit_staff_ids(unit_id: int, year: int, today: date, session: Session | None = None) -> set[int]:
    """People who may be named on the unit's plan: its staff on 1 January of the year or today.

    Staff of the unit itself, never its sub-units (realism.md, "Terms").
    """
    session = session or db.session
    covers = [
        (Assignment.start_date <= day) & (or_(Assignment.end_date.is_(None), Assignment.end_date >= day))
        for day in staff_dates(year, today)
    ]
    return set(
        session.scalars(
            select(Assignment.person_id).where(Assignment.unit_id == unit_id, or_(*covers)).distinct()
        )
    )


def nameable_person_ids(
    unit_id: int, year: int, today: date, actor, session: Session | None = None
) -> set[int]:
    """People ``actor`` may name on the unit's plan for ``year``: the unit's staff for that year
    (``unit_staff_ids``) who are still within the actor's own scope today. A head naming people
    for a past year never reaches someone who has since moved to another unit.

    No actor (the command line, an import) or an admin: the unit's staff for the year.
    """
    session = session or db.session
    ids = unit_staff_ids(unit_id, year, today, session)
    if not ids or actor is None or actor.role == "admin":
        return ids
    in_scope = select(Person.id).where(Person.id.in_(ids), person_clause(actor, write=True))
    return set(session.scalars(in_scope))


def unit_staff(
    unit_id: int, year: int, today: date, actor=None, session: Session | None = None
) -> list[Person]:
    """The people ``nameable_person_ids`` gives, by name."""
    session = session or db.session
    ids = nameable_person_ids(unit_id, year, today, actor, session)
    if not ids:
        return []
    return list(
        session.scalars(select(Person).where(Person.id.in_(ids)).order_by(Person.sort_key, Person.code))
    )


def plan_with_content(plan_id: int, session: Session | None = None) -> Plan | None:
    """A plan with its lines, programmes and named people loaded in a few queries."""
    session = session or db.session
    return session.scalars(
        select(Plan)
        .where(Plan.id == plan_id)
        .options(
            selectinload(Plan.lines).selectinload(PlanLine.programme),
            selectinload(Plan.lines).selectinload(PlanLine.nominees).selectinload(PlanNominee.person),
        )
    ).first()


def plan_content(plan: Plan | None) -> dict[LineKey, LineContent]:
    """A plan version as plain values for nq05.domain.plan_diff."""
    if plan is None:
        return {}
    return {
        (line.programme.code, line.category): LineContent(
            line.planned_count, frozenset(n.person.code for n in line.nominees)
        )
        for line in plan.lines
    }


def diff_against_in_force(plan: Plan) -> tuple[Plan | None, PlanDiff]:
    """What this version changes against the version in force before it (None if there is none)."""
    base = plan_in_force(plan.unit_id, plan.year, below_version=plan.version)
    return base, diff_plans(plan_content(base), plan_content(plan))


def answered_version(plan: Plan, session: Session | None = None) -> Plan | None:
    """The version this one answers: the one just before it, from which it was made (a
    supplement, a correction or an upload always follows the latest version). After a return,
    that is the returned version, whose comment this one answers; None for a first version."""
    if plan.version <= 1:
        return None
    session = session or db.session
    return session.scalars(
        select(Plan)
        .where(Plan.unit_id == plan.unit_id, Plan.year == plan.year, Plan.version < plan.version)
        .order_by(Plan.version.desc())
        .limit(1)
        .options(
            selectinload(Plan.lines).selectinload(PlanLine.programme),
            selectinload(Plan.lines).selectinload(PlanLine.nominees).selectinload(PlanNominee.person),
        )
    ).first()


def diff_against_answered(plan: Plan) -> tuple[Plan | None, PlanDiff]:
    """What this version changes against the version it answers (``answered_version``), line by
    line and person by person; a first version against nothing (every line added)."""
    base = answered_version(plan)
    return base, diff_plans(plan_content(base), plan_content(plan))


def programmes_by_code() -> dict[str, Programme]:
    return {p.code: p for p in db.session.scalars(select(Programme))}


def programme_names(diff: PlanDiff) -> dict[str, str]:
    """Names of the programmes a diff mentions, by code (one query)."""
    codes = {change.key[0] for change in diff.changes}
    if not codes:
        return {}
    return dict(
        db.session.execute(select(Programme.code, Programme.name).where(Programme.code.in_(codes))).all()
    )


def line_counts(plan_ids: list[int]) -> dict[int, int]:
    if not plan_ids:
        return {}
    rows = db.session.execute(
        select(PlanLine.plan_id, func.count())
        .where(PlanLine.plan_id.in_(plan_ids))
        .group_by(PlanLine.plan_id)
    )
    return dict(rows.all())


def person_names(diff: PlanDiff) -> dict[str, str]:
    """Full names of the people a diff mentions, by person code (one query)."""
    codes = {c for change in diff.changes for c in (*change.names_added, *change.names_removed)}
    if not codes:
        return {}
    return dict(db.session.execute(select(Person.code, Person.full_name).where(Person.code.in_(codes))).all())
