"""The notices of a plan's decision, sent at once (nq05.notify.notices), not at the next scan:
plan_returned (with the reviewer's comment and the date to submit again by) and plan_approved, to
the unit heads of the plan's unit. The rows are the scan rule's (plans/reminders.py
``plan_decisions``, same kind, plan, recipient and decision date): the scan then adds nothing.

``operations.py`` calls ``plan_decided`` (one line in ``approve`` and ``return_for_correction``);
the rows are made just before the commit, for every plan decided in the transaction at once
(``approve_clean`` of a hundred plans: two queries).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import object_session

from nq05.auth.queries import unit_heads
from nq05.extensions import db
from nq05.notify.notices import defer
from nq05.notify.scan import reminder_row
from nq05.plans.models import Plan
from nq05.staff.models import Unit


def plan_decided(plan: Plan) -> None:
    """The plan was approved or returned: notify its unit heads when this commits."""
    defer(_decision_rows, plan.id, session=object_session(plan) or db.session)


def _decision_rows(plan_ids: list[int]) -> list[dict | None]:
    plans = db.session.execute(
        select(
            Plan.id,
            Plan.unit_id,
            Plan.year,
            Plan.version,
            Plan.status,
            Plan.decided_on,
            Plan.review_comment,
            Unit.name,
        )
        .join(Unit, Unit.id == Plan.unit_id)
        .where(
            Plan.id.in_(set(plan_ids)),
            Plan.status.in_(("returned", "approved")),
            Plan.decided_on.is_not(None),
        )
    ).all()
    heads = unit_heads([p.unit_id for p in plans])
    return [
        reminder_row(
            f"plan_{p.status}",
            p.id,
            email,
            p.decided_on,
            plan_id=p.id,
            unit_name=p.name,
            year=p.year,
            version=p.version,
            decided_on=p.decided_on,
            comment=p.review_comment or "",
        )
        for p in plans
        for email in heads.get(p.unit_id, ())
    ]
