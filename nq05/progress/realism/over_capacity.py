"""OVER_CAPACITY (warning): for programme G, the planned numbers of all plans in force for Y,
added up, exceed the capacity of all G's classes in year Y (zero if none). One finding per unit
with a line for G; figures ``demand``, ``capacity``."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select, true

from nq05.classes.models import TrainingClass
from nq05.extensions import db
from nq05.plans.models import PlanLine
from nq05.progress.realism.findings import Finding
from nq05.progress.realism.terms import Terms, plans_in_force_cte
from nq05.reference.models import Programme
from nq05.staff.models import Unit


def shortages(terms: Terms, programme_ids: Collection[int] | None = None) -> dict[int, tuple[int, int, int]]:
    """Programme id -> (demand, capacity, classes) of the programmes short of seats in Y (of
    ``programme_ids`` only when given: a programme's figures read its own lines and classes only)."""
    return shortages_by_year([terms.year], programme_ids, terms.in_force_all).get(terms.year, {})


def shortages_by_year(
    years: Collection[int], programme_ids: Collection[int] | None = None, everyone=None
) -> dict[int, dict[int, tuple[int, int, int]]]:
    """``shortages()`` of several years at once: year -> programme id -> (demand, capacity,
    classes). ``everyone``: the plans in force of every unit (``Terms.in_force_all``)."""
    everyone = plans_in_force_cte() if everyone is None else everyone
    of_line = true() if programme_ids is None else PlanLine.programme_id.in_(sorted(programme_ids))
    of_class = true() if programme_ids is None else TrainingClass.programme_id.in_(sorted(programme_ids))
    demand = db.session.execute(
        select(everyone.c.year, PlanLine.programme_id, func.sum(PlanLine.planned_count))
        .join(everyone, everyone.c.plan_id == PlanLine.plan_id)
        .where(everyone.c.year.in_(sorted(years)), of_line)
        .group_by(everyone.c.year, PlanLine.programme_id)
    ).all()
    capacity, classes = {}, {}
    for year, g, seats, n in db.session.execute(
        select(TrainingClass.year, TrainingClass.programme_id, func.sum(TrainingClass.capacity), func.count())
        .where(TrainingClass.year.in_(sorted(years)), of_class)
        .group_by(TrainingClass.year, TrainingClass.programme_id)
    ):
        capacity[year, g], classes[year, g] = seats, n
    short: dict[int, dict] = {}
    for year, g, n in demand:
        if n is not None and n > (capacity.get((year, g)) or 0):
            short.setdefault(year, {})[g] = (
                int(n),
                int(capacity.get((year, g)) or 0),
                classes.get((year, g), 0),
            )
    return short


def findings(terms: Terms, programme_ids: Collection[int] | None = None, short=None) -> list[Finding]:
    """The findings of every unit (of ``terms.unit_id`` when set); with ``programme_ids``, those
    of these programmes only (a unit's recompute: the programmes its plans name), each exactly as
    without; ``short``: their ``shortages()``, when known."""
    over = shortages(terms, programme_ids) if short is None else short
    if not over:
        return []
    pif = terms.in_force
    rows = db.session.execute(
        select(
            Unit.id, Unit.code, Programme.id, Programme.code, pif.c.plan_id, func.sum(PlanLine.planned_count)
        )
        .select_from(PlanLine)
        .join(pif, pif.c.plan_id == PlanLine.plan_id)
        .join(Programme, Programme.id == PlanLine.programme_id)
        .join(Unit, Unit.id == pif.c.unit_id)
        .where(pif.c.year == terms.year, PlanLine.programme_id.in_(sorted(over)))
        .group_by(Unit.id, Unit.code, Programme.id, Programme.code, pif.c.plan_id)
    ).all()
    return [
        Finding(
            "OVER_CAPACITY",
            unit,
            terms.year,
            programme=programme,
            figures={"demand": over[g][0], "capacity": over[g][1]},
            unit_id=unit_id,
            plan_id=plan_id,
            # the classes of G in Y ("no class yet" is not a shortage of seats) and this unit's share
            details={"classes": over[g][2], "own": int(own or 0)},
        )
        for unit_id, unit, g, programme, plan_id, own in rows
    ]
