"""Which classes fit a unit's plan, for the unit head's class list (``nq05.classes.finding``): a
class of a programme with a line in the unit's plan in force (submitted or approved) for the
class's year."""

from __future__ import annotations

from sqlalchemy import exists, select

from nq05.classes.finding import plan_fit_rule
from nq05.classes.models import TrainingClass
from nq05.domain.codes import PLAN_IN_FORCE_STATUSES
from nq05.plans.models import Plan, PlanLine


@plan_fit_rule
def _programme_in_the_units_plan(unit_id: int):
    return exists(
        select(PlanLine.id)
        .join(Plan, Plan.id == PlanLine.plan_id)
        .where(
            Plan.unit_id == unit_id,
            Plan.year == TrainingClass.year,
            Plan.status.in_(PLAN_IN_FORCE_STATUSES),
            PlanLine.programme_id == TrainingClass.programme_id,
        )
    )
