"""STALE_PLAN (warning): the plan in force is approved; after its decision date and at least
``stale_grace_days`` before D, a named person left U (an assignment in U ended and none in U
follows), reached the line's level or higher other than by completing a class of G in year Y, or
reached retirement; and U has no later version of the plan submitted on or after the date of that
event. One finding per person and line (the earliest such event); figures ``event``
(``left_unit``, ``qualified_elsewhere``, ``retired``), ``event_date``.

A later version submitted on or after an event's date also covers every earlier event, so an event
counts only when it falls after both the decision date and the last later submission.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import aliased

from nq05.classes.models import Enrolment, TrainingClass
from nq05.domain.people import retirement_date
from nq05.extensions import db
from nq05.plans.models import Plan, PlanLine, PlanNominee
from nq05.progress.realism.findings import Finding
from nq05.progress.realism.terms import Terms
from nq05.reference.models import Programme
from nq05.sql.dates import const, ymd, ymd_of
from nq05.sql.levels import level_rank
from nq05.staff.models import Assignment, Person, Qualification, Unit

EVENTS = ("left_unit", "qualified_elsewhere", "retired")


def named_on_approved_plans(terms: Terms):
    """CTE: one row per (line, named person) of the approved plans in force for Y, with the
    date after which an event counts (``after``: decision date, or a later submission)."""
    pif = terms.in_force
    later = aliased(Plan)
    last_later_submission = (
        select(func.max(later.submitted_on))
        .where(
            later.unit_id == pif.c.unit_id,
            later.year == pif.c.year,
            later.version > pif.c.version,
            later.submitted_on.isnot(None),
        )
        .scalar_subquery()
    )
    return (
        select(
            PlanLine.id.label("line_id"),
            PlanLine.category,
            PlanLine.programme_id,
            pif.c.plan_id,
            pif.c.unit_id,
            pif.c.decided_on,
            last_later_submission.label("later_submitted"),
            PlanNominee.person_id,
        )
        .join(pif, pif.c.plan_id == PlanLine.plan_id)
        .join(PlanNominee, PlanNominee.line_id == PlanLine.id)
        .where(pif.c.year == terms.year, pif.c.status == "approved")
        # computed first, on its own (materialised on PostgreSQL): the planner otherwise joined
        # every year's nominees to every qualification before keeping this year's few
        .cte("named")
        .prefix_with("MATERIALIZED", dialect="postgresql")
    )


def _counts(named, event_date, last_day):
    return and_(
        event_date > named.c.decided_on,
        or_(named.c.later_submitted.is_(None), event_date > named.c.later_submitted),
        event_date <= last_day,
    )


def left_unit(named, last_day):
    """SELECT (line_id, person_id, day): the first ``left_unit`` event of each named person that
    counts."""
    a = aliased(Assignment)
    b = aliased(Assignment)
    stmt = (
        select(named.c.line_id, named.c.person_id, func.min(a.end_date).label("day"))
        .join(a, and_(a.person_id == named.c.person_id, a.unit_id == named.c.unit_id))
        .where(
            a.end_date.isnot(None),
            _counts(named, a.end_date, last_day),
            ~exists().where(b.person_id == a.person_id, b.unit_id == a.unit_id, b.start_date > a.end_date),
        )
        .group_by(named.c.line_id, named.c.person_id)
    )
    return stmt


def qualified_elsewhere(named, last_day, year):
    """SELECT (line_id, person_id, day): the first ``qualified_elsewhere`` event of each named
    person that counts."""
    q = aliased(Qualification)
    g = aliased(Programme)
    e = aliased(Enrolment)
    c = aliased(TrainingClass)
    through_this_programme = exists().where(
        e.id == q.source_enrolment_id, c.id == e.class_id, c.programme_id == g.id, c.year == year
    )
    stmt = (
        select(named.c.line_id, named.c.person_id, func.min(q.awarded_on).label("day"))
        .join(g, g.id == named.c.programme_id)
        .join(q, q.person_id == named.c.person_id)
        .where(
            g.track.isnot(None),
            q.track == g.track,
            level_rank(q.level) >= level_rank(g.level),
            q.awarded_on.isnot(None),
            _counts(named, q.awarded_on, last_day),
            ~through_this_programme,
        )
        .group_by(named.c.line_id, named.c.person_id)
    )
    return stmt


def _may_retire(named, last_day, settings):
    """A superset of the named people whose retirement counts (Python checks it exactly): the
    retirement date as the integer yyyymmdd, birth date plus the age in years, is between the
    date after which events count and the last day (a 29 February birthday gives yyyy0229 where
    the retirement is yyyy0228, hence the day more on each side)."""
    retirement_age = case(
        (Person.gender == "M", const(settings.retirement_age_male)),
        else_=const(settings.retirement_age_female),
    )
    retires = ymd(Person.birth_date) + retirement_age * const(10000)
    after = case(
        (
            and_(named.c.later_submitted.isnot(None), named.c.later_submitted > named.c.decided_on),
            ymd(named.c.later_submitted),
        ),
        else_=ymd(named.c.decided_on),
    )
    return or_(after.is_(None), and_(after <= retires, retires <= const(ymd_of(last_day) + 1)))


def findings(terms: Terms) -> list[Finding]:
    named = named_on_approved_plans(terms)
    last_day = terms.as_of - timedelta(days=terms.settings.stale_grace_days)
    left = left_unit(named, last_day).subquery("left_unit")
    qualified = qualified_elsewhere(named, last_day, terms.year).subquery("qualified_elsewhere")
    # the named people with an event only: the few whose retirement may count, and those with a
    # first event of the other two kinds (one statement, not every named person to Python)
    rows = db.session.execute(
        select(
            named,
            Person.code.label("person_code"),
            Person.full_name,
            Person.birth_date,
            Person.gender,
            Unit.code.label("unit_code"),
            Programme.code.label("programme_code"),
            left.c.day.label("left_on"),
            qualified.c.day.label("qualified_on"),
        )
        .join(Person, Person.id == named.c.person_id)
        .join(Unit, Unit.id == named.c.unit_id)
        .join(Programme, Programme.id == named.c.programme_id)
        .outerjoin(left, and_(left.c.line_id == named.c.line_id, left.c.person_id == named.c.person_id))
        .outerjoin(
            qualified,
            and_(qualified.c.line_id == named.c.line_id, qualified.c.person_id == named.c.person_id),
        )
        .where(
            or_(
                left.c.day.isnot(None),
                qualified.c.day.isnot(None),
                _may_retire(named, last_day, terms.settings),
            )
        )
    ).all()
    if not rows:
        return []
    s = terms.settings
    out = []
    for row in rows:
        m = row._mapping
        events = []
        if m["left_on"] is not None:
            events.append((m["left_on"], 0))
        if m["qualified_on"] is not None:
            events.append((m["qualified_on"], 1))
        retires = retirement_date(
            m["birth_date"], m["gender"], s.retirement_age_male, s.retirement_age_female
        )
        after = max(d for d in (m["decided_on"], m["later_submitted"]) if d is not None)
        if after < retires <= last_day:
            events.append((retires, 2))
        if not events:
            continue
        day, kind = min(events)
        out.append(
            Finding(
                "STALE_PLAN",
                m["unit_code"],
                terms.year,
                programme=m["programme_code"],
                category=m["category"],
                person=m["person_code"],
                figures={"event": EVENTS[kind], "event_date": day},
                unit_id=m["unit_id"],
                plan_id=m["plan_id"],
                line_id=m["line_id"],
                person_id=m["person_id"],
                person_name=m["full_name"],
            )
        )
    return out
