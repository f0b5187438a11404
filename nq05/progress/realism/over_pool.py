"""OVER_POOL (error): a line's n is larger than its pool (the number of eligible people at R).
One finding per line; figures ``planned``, ``pool``."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from nq05.classes.eligibility import covers, eligible, programme_facts, reason_conditions
from nq05.extensions import db
from nq05.plans.models import PlanLine
from nq05.progress.realism.findings import Finding
from nq05.progress.realism.terms import Terms
from nq05.reference.models import Programme
from nq05.staff.models import Assignment, Person, Unit


def pool_members(terms: Terms):
    """SELECT of (line_id, person_id): the people in the pool of each line of the plans in force
    for Y (a person may appear twice for a line: count them distinct)."""
    pif = terms.in_force
    a = aliased(Assignment)
    p = aliased(Person)
    # The candidates are U's staff at R in the line's category, so the unit check is already met.
    # Over every unit, their levels at R come from one pass over the qualifications, not a
    # look-up per (line, person); a unit's check looks up its few people's.
    levels = terms.levels
    facts = programme_facts(terms.at_r)
    g = facts.c
    conds = reason_conditions(p, g, terms.at_r, terms.settings, plan_year=terms.year, levels=levels)
    stmt = (
        select(PlanLine.id.label("line_id"), a.person_id)
        .join(pif, pif.c.plan_id == PlanLine.plan_id)
        .join(facts, g.id == PlanLine.programme_id)
        .join(a, a.unit_id == pif.c.unit_id)
        .join(p, p.id == a.person_id)
        .where(
            pif.c.year == terms.year,
            covers(a, terms.at_r),
            (PlanLine.category.is_(None)) | (a.category == PlanLine.category),
            eligible(conds),
        )
    )
    return stmt if levels is None else stmt.outerjoin(levels, levels.c.person_id == p.id)


def pools(terms: Terms) -> dict[int, int]:
    """line id -> pool, for every line of the plans in force for Y (lines with no one: absent)."""
    members = pool_members(terms).subquery("pool_members")
    stmt = select(members.c.line_id, func.count(func.distinct(members.c.person_id))).group_by(
        members.c.line_id
    )
    return dict(db.session.execute(stmt).all())


def findings(terms: Terms) -> list[Finding]:
    pif = terms.in_force
    pool = pools(terms)
    rows = db.session.execute(
        select(
            PlanLine.id,
            PlanLine.category,
            PlanLine.planned_count,
            Programme.code,
            Unit.code,
            Unit.id,
            pif.c.plan_id,
        )
        .join(pif, pif.c.plan_id == PlanLine.plan_id)
        .join(Programme, Programme.id == PlanLine.programme_id)
        .join(Unit, Unit.id == pif.c.unit_id)
        .where(pif.c.year == terms.year)
    ).all()
    out = []
    for line_id, category, planned, programme, unit, unit_id, plan_id in rows:
        n = pool.get(line_id, 0)
        if planned > n:
            out.append(
                Finding(
                    "OVER_POOL",
                    unit,
                    terms.year,
                    programme=programme,
                    category=category,
                    figures={"planned": planned, "pool": n},
                    unit_id=unit_id,
                    plan_id=plan_id,
                    line_id=line_id,
                )
            )
    return out
