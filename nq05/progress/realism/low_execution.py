"""LOW_EXECUTION (warning): U has a plan in force for Y; U's plans in force that are approved,
for the years of the period containing Y before Y, plan 5 people or more in all; the distinct
people who completed a class of those years whose programme is on a line of those plans, and who
were U's staff at that class's start, are fewer than ``low_execution_threshold`` of that number;
and U's plan in force for Y plans at least as many people as its plan in force for Y-1 (zero if
none). One finding per unit; figures ``rate`` (2 decimals), ``planned_prior``, ``completed_prior``."""

from __future__ import annotations

from fractions import Fraction

from sqlalchemy import func, select

from nq05.classes.eligibility import covers
from nq05.classes.models import Enrolment, TrainingClass
from nq05.domain.rounding import exact, round_half_away
from nq05.extensions import db
from nq05.plans.models import PlanLine
from nq05.progress.realism.findings import Finding
from nq05.progress.realism.terms import Terms
from nq05.sql.dates import SqlDate
from nq05.sql.lists import in_ids
from nq05.staff.models import Assignment, Unit

MINIMUM_PLANNED = 5


def planned_totals(terms: Terms, years, approved_only=False) -> dict[int, int]:
    """unit id -> planned people in all lines of its plans in force for ``years``."""
    pif = terms.in_force
    stmt = (
        select(pif.c.unit_id, func.coalesce(func.sum(PlanLine.planned_count), 0))
        .select_from(pif)
        .outerjoin(PlanLine, PlanLine.plan_id == pif.c.plan_id)
        .where(pif.c.year.in_(list(years)))
        .group_by(pif.c.unit_id)
    )
    if approved_only:
        stmt = stmt.where(pif.c.status == "approved")
    return {u: int(n) for u, n in db.session.execute(stmt)}


def completed_prior(terms: Terms, prior_years) -> dict[int, int]:
    """unit id -> distinct people who completed a class of the prior years whose programme is on a
    line of the unit's approved plans in force for those years, and were its staff at the start."""
    pif = terms.in_force
    prior = list(prior_years)
    planned = (
        select(pif.c.unit_id, PlanLine.programme_id)
        .join(PlanLine, PlanLine.plan_id == pif.c.plan_id)
        .where(pif.c.year.in_(prior), pif.c.status == "approved")
        .distinct()
        .cte("planned")
    )
    was_planned = (
        select(planned.c.unit_id)
        .where(planned.c.unit_id == Assignment.unit_id, planned.c.programme_id == TrainingClass.programme_id)
        .exists()
    )
    # From each completion to the unit the person was in at the class start (one assignment at
    # most), then keep it when that unit planned the programme.
    stmt = (
        select(Assignment.unit_id, func.count(func.distinct(Enrolment.person_id)))
        .select_from(Enrolment)
        .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
        .join(Assignment, Assignment.person_id == Enrolment.person_id)
        .where(
            terms.of_unit(Assignment.unit_id),
            TrainingClass.year.in_(prior),
            Enrolment.status == "completed",
            covers(Assignment, SqlDate.column(TrainingClass.start_date)),
            was_planned,
        )
        .group_by(Assignment.unit_id)
    )
    return {u: int(n) for u, n in db.session.execute(stmt)}


def findings(terms: Terms) -> list[Finding]:
    period = terms.period
    y = terms.year
    if period is None:
        return []
    prior_years = range(period.start_date.year, y)
    if not prior_years:
        return []
    this_year = planned_totals(terms, [y])
    planned_prior = {
        u: n
        for u, n in planned_totals(terms, prior_years, approved_only=True).items()
        if n >= MINIMUM_PLANNED
    }
    candidates = set(this_year) & set(planned_prior)
    if not candidates:
        return []
    done = completed_prior(terms, prior_years)
    last_year = planned_totals(terms, [y - 1])
    threshold = exact(terms.settings.low_execution_threshold)
    units = dict(db.session.execute(select(Unit.id, Unit.code).where(in_ids(Unit.id, candidates))).all())
    plans = dict(
        db.session.execute(
            select(terms.in_force.c.unit_id, terms.in_force.c.plan_id).where(terms.in_force.c.year == y)
        ).all()
    )
    out = []
    for unit_id in candidates:
        planned, completed = planned_prior[unit_id], done.get(unit_id, 0)
        if completed < threshold * planned and this_year[unit_id] >= last_year.get(unit_id, 0):
            out.append(
                Finding(
                    "LOW_EXECUTION",
                    units[unit_id],
                    y,
                    figures={
                        "rate": round_half_away(Fraction(completed, planned), 2),
                        "planned_prior": planned,
                        "completed_prior": completed,
                    },
                    unit_id=unit_id,
                    plan_id=plans.get(unit_id),
                    details={
                        "first_year": prior_years.start,
                        "last_year": y - 1,
                        "planned_now": this_year[unit_id],
                        "planned_before": last_year.get(unit_id, 0),
                        "threshold": terms.settings.low_execution_threshold,
                    },
                )
            )
    return out
