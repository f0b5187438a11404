"""UNCOVERED_STANDARD_GAP (warning): U has a plan in force; on track T, some staff of U at R are
below their position's minimum; and no line confers a level on T. One finding per unit and track;
figures ``track``, ``below`` (number of those staff)."""

from __future__ import annotations

from sqlalchemy import and_, case, func, select

from nq05.classes.eligibility import covers, holds_level
from nq05.domain.levels import TRACKS
from nq05.extensions import db
from nq05.plans.models import PlanLine
from nq05.progress.realism.findings import Finding
from nq05.progress.realism.terms import Terms
from nq05.reference.models import Position, Programme
from nq05.sql.dates import const
from nq05.sql.levels import level_rank
from nq05.sql.lists import in_ids
from nq05.staff.models import Assignment, Unit


def below_standard(terms: Terms) -> dict[tuple[int, str], int]:
    """(unit id, track) -> number of the unit's staff at R below their position's minimum on it,
    for units with a plan in force for Y (pairs with none: absent). One pass over the staff at R
    for the four tracks (a count per track), not one per track."""
    pif = terms.in_force
    # over every unit, the levels at R from one pass over the qualifications (a unit's check
    # looks up its few people's)
    levels = terms.levels
    below = {}
    for track in TRACKS:
        minimum = getattr(Position, f"min_{track}")
        min_rank = level_rank(minimum)
        below[track] = and_(
            minimum.isnot(None),
            min_rank > const(0),
            ~holds_level(Assignment.person_id, track, min_rank, terms.at_r, levels),
        )
    stmt = (
        select(
            Assignment.unit_id,
            *(
                func.count(func.distinct(case((cond, Assignment.person_id)))).label(track)
                for track, cond in below.items()
            ),
        )
        .join(Position, Position.id == Assignment.position_id)
        .join(pif, (pif.c.unit_id == Assignment.unit_id) & (pif.c.year == terms.year))
        # each track's test is written once (in its count): PostgreSQL runs a subquery as often
        # as it is written
        .where(covers(Assignment, terms.at_r))
        .group_by(Assignment.unit_id)
    )
    if levels is not None:
        stmt = stmt.outerjoin(levels, levels.c.person_id == Assignment.person_id)
    counts: dict[tuple[int, str], int] = {}
    for row in db.session.execute(stmt):
        for track in TRACKS:
            if row._mapping[track]:
                counts[(row.unit_id, track)] = row._mapping[track]
    return counts


def findings(terms: Terms) -> list[Finding]:
    counts = below_standard(terms)
    if not counts:
        return []
    pif = terms.in_force
    covered = set(
        db.session.execute(
            select(pif.c.unit_id, Programme.track)
            .select_from(PlanLine)
            .join(pif, pif.c.plan_id == PlanLine.plan_id)
            .join(Programme, Programme.id == PlanLine.programme_id)
            .where(pif.c.year == terms.year, Programme.track.isnot(None))
            .distinct()
        ).all()
    )
    units = dict(
        db.session.execute(select(Unit.id, Unit.code).where(in_ids(Unit.id, {u for u, _ in counts}))).all()
    )
    plans = dict(
        db.session.execute(select(pif.c.unit_id, pif.c.plan_id).where(pif.c.year == terms.year)).all()
    )
    return [
        Finding(
            "UNCOVERED_STANDARD_GAP",
            units[unit_id],
            terms.year,
            figures={"track": track, "below": n},
            unit_id=unit_id,
            plan_id=plans.get(unit_id),
        )
        for (unit_id, track), n in counts.items()
        if n > 0 and (unit_id, track) not in covered
    ]
