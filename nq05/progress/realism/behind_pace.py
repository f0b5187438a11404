"""BEHIND_PACE (warning): a count target has unit U and a period containing Y; the planned numbers
of the lines that serve it, in U's plans in force for the period's years up to Y, add up to less
than value × k / K (k: the period's years up to Y, K: all its years). One finding per target;
figures ``quota``, ``expected`` (1 decimal), ``planned``."""

from __future__ import annotations

import math
from collections import defaultdict
from fractions import Fraction

from sqlalchemy import func, select

from nq05.domain.levels import rank
from nq05.domain.rounding import exact, number, round_half_away
from nq05.extensions import db
from nq05.plans.models import PlanLine
from nq05.progress.realism.findings import Finding
from nq05.progress.realism.terms import Terms
from nq05.reference.models import Period, Programme, Target
from nq05.staff.models import Unit


def planned_by_unit_year(terms: Terms, first_year: int, last_year: int):
    """Compact per (unit, year, track, level, category) sums of planned numbers of lines in force,
    for the units with a count target."""
    pif = terms.in_force
    with_targets = select(Target.unit_id).where(Target.kind == "count", Target.unit_id.isnot(None))
    return db.session.execute(
        select(
            pif.c.unit_id,
            pif.c.year,
            Programme.track,
            Programme.level,
            PlanLine.category,
            func.sum(PlanLine.planned_count),
        )
        .select_from(PlanLine)
        .join(pif, pif.c.plan_id == PlanLine.plan_id)
        .join(Programme, Programme.id == PlanLine.programme_id)
        .where(
            pif.c.year >= first_year,
            pif.c.year <= last_year,
            Programme.track.isnot(None),
            pif.c.unit_id.in_(with_targets),
        )
        .group_by(pif.c.unit_id, pif.c.year, Programme.track, Programme.level, PlanLine.category)
    ).all()


def planned_per_target_key(terms: Terms, first_year: int, last_year: int) -> dict[tuple, list]:
    """(unit, track, level) -> [(year, line category, planned)]: each target then reads only the
    sums of its own unit and programme level, so the rule stays linear in the number of units."""
    by_key: dict[tuple, list] = defaultdict(list)
    for unit_id, year, track, level, category, n in planned_by_unit_year(terms, first_year, last_year):
        by_key[(unit_id, track, level)].append((year, category, int(n)))
    return by_key


def findings(terms: Terms) -> list[Finding]:
    y = terms.year
    targets = db.session.execute(
        select(Target, Period, Unit.code)
        .join(Period, Period.id == Target.period_id)
        .join(Unit, Unit.id == Target.unit_id)
        .where(Target.kind == "count", Target.unit_id.isnot(None), terms.of_unit(Target.unit_id))
    ).all()
    targets = [(t, p, code) for t, p, code in targets if p.start_date.year <= y <= p.end_date.year]
    if not targets:
        return []
    first = min(p.start_date.year for _, p, _ in targets)
    sums = planned_per_target_key(terms, first, y)
    # Stable order for several targets of one unit: track, level, category.
    targets.sort(key=lambda r: (r[2], r[0].track, rank(r[0].track, r[0].level), r[0].category or "", r[0].id))
    out = []
    for target, period, unit_code in targets:
        k = y - period.start_date.year + 1
        big_k = period.end_date.year - period.start_date.year + 1
        # realism.md: a line serves a count target (T, L, K) when its programme confers exactly
        # (T, L), and K is empty or the line's category is K or empty.
        planned = sum(
            n
            for year, category, n in sums.get((target.unit_id, target.track, target.level), ())
            if period.start_date.year <= year <= y
            and (target.category is None or category is None or category == target.category)
        )
        expected = exact(target.value) * Fraction(k, big_k)
        if planned < expected:
            out.append(
                Finding(
                    "BEHIND_PACE",
                    unit_code,
                    y,
                    figures={
                        "quota": number(target.value),
                        "expected": round_half_away(expected, 1),
                        "planned": planned,
                    },
                    unit_id=target.unit_id,
                    details={
                        "track": target.track,
                        "level": target.level,
                        "target_category": target.category,
                        "first_year": period.start_date.year,
                        "last_year": period.end_date.year,
                        # whole people: what must be planned by now, rounded up
                        "needed": math.ceil(expected),
                    },
                )
            )
    return out
