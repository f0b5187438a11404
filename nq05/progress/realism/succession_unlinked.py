"""SUCCESSION_UNLINKED (info): a line confers (T, L) and names at least one person; a person of U
at R has a planned position whose minimum on T is above their level and not above L, is eligible
for G, and is named on no line of the plan. One finding per person and line; figures
``planned_position``."""

from __future__ import annotations

from sqlalchemy import and_, case, exists, select
from sqlalchemy.orm import aliased

from nq05.classes.eligibility import (
    covers,
    eligible,
    holds_level,
    programme_facts,
    reason_conditions,
)
from nq05.domain.levels import TRACKS
from nq05.extensions import db
from nq05.plans.models import PlanLine, PlanNominee
from nq05.progress.realism.findings import Finding
from nq05.progress.realism.terms import Terms
from nq05.reference.models import Position, Programme
from nq05.sql.levels import level_rank
from nq05.staff.models import Assignment, Person, Unit


def findings(terms: Terms) -> list[Finding]:
    pif = terms.in_force
    cand_person = aliased(Person)
    a = aliased(Assignment)
    pos = aliased(Position)
    g = aliased(Programme)
    minimum = case(*((g.track == t, getattr(pos, f"min_{t}")) for t in TRACKS), else_=None)
    min_rank = level_rank(minimum)
    any_nominee = aliased(PlanNominee)
    other_line = aliased(PlanLine)
    other_nominee = aliased(PlanNominee)
    # over every unit, the levels at R from one pass over the qualifications (a unit's check
    # looks up its few people's)
    levels = terms.levels
    # The few (line, person) pairs that pass the cheap tests first; eligibility is checked on
    # those only (materialised on PostgreSQL so the planner keeps that order).
    candidates = (
        select(
            PlanLine.id.label("line_id"),
            PlanLine.category,
            PlanLine.programme_id,
            pif.c.plan_id,
            pif.c.unit_id,
            cand_person.id.label("person_id"),
            pos.code.label("position"),
        )
        .join(pif, pif.c.plan_id == PlanLine.plan_id)
        .join(g, g.id == PlanLine.programme_id)
        .join(a, and_(a.unit_id == pif.c.unit_id, covers(a, terms.at_r)))
        .join(cand_person, cand_person.id == a.person_id)
        .join(pos, pos.id == cand_person.planned_position_id)
        .where(
            pif.c.year == terms.year,
            g.track.isnot(None),
            exists().where(any_nominee.line_id == PlanLine.id),
            minimum.isnot(None),
            min_rank <= level_rank(g.level),
            ~holds_level(cand_person.id, g.track, min_rank, terms.at_r, levels),
            ~exists().where(
                other_line.plan_id == pif.c.plan_id,
                other_nominee.line_id == other_line.id,
                other_nominee.person_id == cand_person.id,
            ),
        )
        .distinct()
    )
    if levels is not None:
        candidates = candidates.outerjoin(levels, levels.c.person_id == cand_person.id)
    candidates = candidates.cte("succession_candidates").prefix_with("MATERIALIZED", dialect="postgresql")
    p = aliased(Person)
    facts = programme_facts(terms.at_r)
    conds = reason_conditions(
        p,
        facts.c,
        terms.at_r,
        terms.settings,
        unit_id=candidates.c.unit_id,
        category=candidates.c.category,
        plan_year=terms.year,
    )
    stmt = (
        select(
            candidates,
            Unit.code.label("unit"),
            facts.c.code.label("programme"),
            p.code.label("person"),
            p.full_name,
        )
        .join(facts, facts.c.id == candidates.c.programme_id)
        .join(Unit, Unit.id == candidates.c.unit_id)
        .join(p, p.id == candidates.c.person_id)
        .where(eligible(conds))
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
