"""INELIGIBLE_NOMINEE (error), figures ``reasons``:

- a person named on a line is not eligible at R (one finding per person and line);
- a person with an enrolment nominated, accepted or waitlisted in a class of year Y is not
  eligible for its programme at the class start date: the unit check is skipped, this enrolment
  does not count as ``already_enrolled``, and the finding's unit is the person's unit at that date;
  with no assignment at that date the person gets ``not_in_scope``, under the last unit they had
  before it (one finding per person and class).
"""

from __future__ import annotations

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import aliased

from nq05.classes.eligibility import (
    covers,
    programme_facts,
    reason_columns,
    reason_conditions,
    reasons_of,
)
from nq05.classes.models import Enrolment, TrainingClass
from nq05.domain.codes import OPEN_ENROLMENT_STATUSES
from nq05.domain.eligibility import REASONS
from nq05.extensions import db
from nq05.plans.models import PlanLine, PlanNominee
from nq05.progress.realism.findings import Finding
from nq05.progress.realism.terms import Terms
from nq05.reference.models import Programme
from nq05.sql.dates import SqlDate
from nq05.sql.lists import in_ids
from nq05.staff.models import Assignment, Person, Unit


def nominee_findings(terms: Terms) -> list[Finding]:
    pif = terms.in_force
    p = aliased(Person)
    facts = programme_facts(terms.at_r)
    conds = reason_conditions(
        p,
        facts.c,
        terms.at_r,
        terms.settings,
        unit_id=pif.c.unit_id,
        category=PlanLine.category,
        plan_year=terms.year,
    )
    stmt = (
        select(
            PlanLine.id.label("line_id"),
            PlanLine.category,
            pif.c.plan_id,
            facts.c.code.label("programme"),
            Unit.id.label("unit_id"),
            Unit.code.label("unit"),
            p.id.label("person_id"),
            p.code.label("person"),
            p.full_name,
            *reason_columns(conds),
        )
        .join(pif, pif.c.plan_id == PlanLine.plan_id)
        .join(facts, facts.c.id == PlanLine.programme_id)
        .join(Unit, Unit.id == pif.c.unit_id)
        .join(PlanNominee, PlanNominee.line_id == PlanLine.id)
        .join(p, p.id == PlanNominee.person_id)
        .where(pif.c.year == terms.year, or_(*(c for _, c in conds)))
    )
    out = []
    for row in db.session.execute(stmt):
        out.append(
            Finding(
                "INELIGIBLE_NOMINEE",
                row.unit,
                terms.year,
                programme=row.programme,
                category=row.category,
                person=row.person,
                figures={"reasons": reasons_of(row)},
                unit_id=row.unit_id,
                plan_id=row.plan_id,
                line_id=row.line_id,
                person_id=row.person_id,
                person_name=row.full_name,
            )
        )
    return out


def _unit_at_class_start(person_id, at: SqlDate):
    """The person's unit at the date, else the unit of their last assignment before it."""
    a = aliased(Assignment)
    at_date = select(a.unit_id).where(a.person_id == person_id, covers(a, at)).limit(1).scalar_subquery()
    b = aliased(Assignment)
    before = (
        select(b.unit_id)
        .where(b.person_id == person_id, b.start_date <= at.value)
        .order_by(b.start_date.desc())
        .limit(1)
        .scalar_subquery()
    )
    return at_date, before


def enrolment_findings(terms: Terms) -> list[Finding]:
    p = aliased(Person)
    at = SqlDate.column(TrainingClass.start_date)
    conds = reason_conditions(p, Programme, at, terms.settings, ignore_enrolment_id=Enrolment.id)
    a = aliased(Assignment)
    no_assignment = ~exists().where(a.person_id == p.id, covers(a, at))
    conds = [("not_in_scope", no_assignment), *conds]
    unit_at, unit_before = _unit_at_class_start(p.id, at)
    stmt = (
        select(
            Enrolment.id,
            TrainingClass.id.label("class_id"),
            TrainingClass.code.label("class_code"),
            Programme.code.label("programme"),
            p.id.label("person_id"),
            p.code.label("person"),
            p.full_name,
            unit_at.label("unit_at"),
            unit_before.label("unit_before"),
            *reason_columns(conds),
        )
        .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
        .join(Programme, Programme.id == TrainingClass.programme_id)
        .join(p, p.id == Enrolment.person_id)
        .where(
            TrainingClass.year == terms.year,
            Enrolment.status.in_(OPEN_ENROLMENT_STATUSES),
            or_(*(c for _, c in conds)),
        )
    )
    if terms.unit_id is not None:
        # the finding's unit is one the person was assigned to: people ever in the unit are a
        # small superset of those whose findings are the unit's
        was_there = aliased(Assignment)
        stmt = stmt.where(p.id.in_(select(was_there.person_id).where(terms.of_unit(was_there.unit_id))))
    rows = db.session.execute(stmt).all()
    unit_ids = {r.unit_at or r.unit_before for r in rows} - {None}
    codes = (
        dict(db.session.execute(select(Unit.id, Unit.code).where(in_ids(Unit.id, unit_ids))).all())
        if unit_ids
        else {}
    )
    out = []
    for row in rows:
        unit_id = row.unit_at or row.unit_before
        out.append(
            Finding(
                "INELIGIBLE_NOMINEE",
                codes.get(unit_id),
                terms.year,
                programme=row.programme,
                person=row.person,
                class_code=row.class_code,
                figures={"reasons": reasons_of(row, REASONS)},
                unit_id=unit_id,
                person_id=row.person_id,
                class_id=row.class_id,
                person_name=row.full_name,
            )
        )
    return out


def findings(terms: Terms) -> list[Finding]:
    return nominee_findings(terms) + enrolment_findings(terms)
