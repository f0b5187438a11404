"""NO_NAMED_SOURCE (warning): a line names fewer people than n, and the first class of G in year Y
starts no later than D plus ``source_window_days`` (no finding if G has no class in Y). One finding
per line; figures ``named``, ``planned``, ``class_start``."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from nq05.classes.models import TrainingClass
from nq05.extensions import db
from nq05.plans.models import PlanLine, PlanNominee
from nq05.progress.realism.findings import Finding
from nq05.progress.realism.terms import Terms
from nq05.reference.models import Programme
from nq05.staff.models import Unit


def findings(terms: Terms) -> list[Finding]:
    pif = terms.in_force
    named = (
        select(func.count(func.distinct(PlanNominee.person_id)))
        .where(PlanNominee.line_id == PlanLine.id)
        .scalar_subquery()
    )
    # once per programme, not per line: a programme has more classes the larger the province
    first_starts = (
        select(TrainingClass.programme_id, func.min(TrainingClass.start_date).label("first_start"))
        .where(TrainingClass.year == terms.year)
        .group_by(TrainingClass.programme_id)
        .subquery()
    )
    window_end = terms.as_of + timedelta(days=terms.settings.source_window_days)
    rows = db.session.execute(
        select(
            PlanLine.id,
            PlanLine.category,
            PlanLine.planned_count,
            Programme.code,
            Unit.id,
            Unit.code,
            pif.c.plan_id,
            named.label("named"),
            first_starts.c.first_start,
        )
        .join(pif, pif.c.plan_id == PlanLine.plan_id)
        .join(Programme, Programme.id == PlanLine.programme_id)
        .join(Unit, Unit.id == pif.c.unit_id)
        .outerjoin(first_starts, first_starts.c.programme_id == PlanLine.programme_id)
        .where(pif.c.year == terms.year)
    ).all()
    out = []
    for line_id, category, planned, programme, unit_id, unit, plan_id, n_named, start in rows:
        if n_named < planned and start is not None and start <= window_end:
            out.append(
                Finding(
                    "NO_NAMED_SOURCE",
                    unit,
                    terms.year,
                    programme=programme,
                    category=category,
                    figures={"named": n_named, "planned": planned, "class_start": start},
                    unit_id=unit_id,
                    plan_id=plan_id,
                    line_id=line_id,
                    details={"days_left": (start - terms.as_of).days},
                )
            )
    return out
