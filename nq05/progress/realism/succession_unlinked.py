"""SUCCESSION_UNLINKED (info): a line confers (T, L) and names at least one person; a person of U
at R has a planned position whose minimum on T is above their level and not above L, is eligible
for G, and is named on no line of the plan. One finding per person and line; figures
``planned_position``."""

from __future__ import annotations

from sqlalchemy import and_, case, exists, select
from sqlalchemy.orm import aliased

from nq05.classes.models import Programme
from nq05.domain.levels import TRACKS
from nq05.extensions import db
from nq05.plans.models import PlanLine, PlanNominee
from nq05.progress.eligibility import covers, eligible, holds_level, level_rank, reason_conditions
from nq05.progress.realism.findings import Finding
from nq05.progress.realism.terms import Terms
from nq05.staff.models import Assignment, Person, Position, Unit


def findings(terms: Terms) -> list[Finding]:
    pif = terms.in_force
    p = aliased(Person)
    a = aliased(Assignment)
    pos = aliased(Position)
    g = Programme
    minimum = case(*((g.track == t, getattr(pos, f"min_{t}")) for t in TRACKS), else_=None)
    min_rank = level_rank(minimum)
    any_nominee = aliased(PlanNominee)
    other_line = aliased(PlanLine)
    other_nominee = aliased(PlanNominee)
    conds = reason_conditions(
        p,
        g,
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
            Unit.id.label("unit_id"),
            Unit.code.label("unit"),
            g.code.label("programme"),
            p.id.label("person_id"),
            p.code.label("person"),
            p.full_name,
            pos.code.label("position"),
        )
        .join(pif, pif.c.plan_id == PlanLine.plan_id)
        .join(g, g.id == PlanLine.programme_id)
        .join(Unit, Unit.id == pif.c.unit_id)
        .join(a, and_(a.unit_id == pif.c.unit_id, covers(a, terms.at_r)))
        .join(p, p.id == a.person_id)
        .join(pos, pos.id == p.planned_position_id)
        .where(
            pif.c.year == terms.year,
            g.track.isnot(None),
            exists().where(any_nominee.line_id == PlanLine.id),
            minimum.isnot(None),
            min_rank <= level_rank(g.level),
            ~holds_level(p.id, g.track, min_rank, terms.at_r),
            eligible(conds),
            ~exists().where(
                other_line.plan_id == pif.c.plan_id,
                other_nominee.line_id == other_line.id,
                other_nominee.person_id == p.id,
            ),
        )
        .distinct()
    )
    return [
        Finding(
            "SUCCESSION_UNLINKED",
            row.unit,
            terms.year,
            programme=row.programme,
            category=row.category,
            person=row.person,
            figures={"planned_position": row.position},
            unit_id=row.unit_id,
            plan_id=row.plan_id,
            line_id=row.line_id,
            person_id=row.person_id,
            person_name=row.full_name,
        )
        for row in db.session.execute(stmt)
    ]
