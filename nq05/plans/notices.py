"""The notices of a plan's decision, sent at once (nq05.notify.notices), not at the next scan:
plan_returned (with the reviewer's comment and the date to submit again by) and plan_approved, to
the unit heads of the plan's unit. The rows are the scan rule's (plans/reminders.py
``plan_decisions``, same kind, plan, recipient and decision date): the scan then adds nothing.

``operations.py`` calls ``plan_decided`` (one line in ``approve`` and ``return_for_correction``);
the rows are made just before the commit, for every plan decided in the transaction at once
(``approve_clean`` of a hundred plans: two queries).
"""

from __future__ import annotations

from sqlalchemy.orm import object_session

from nq05.extensions import db
from nq05.notify.notices import defer
from nq05.plans.models import Plan
from nq05.plans.reminders import decision_rows


def plan_decided(plan: Plan) -> None:
    """The plan was approved or returned: notify its unit heads when this commits."""
    defer(_decision_rows, plan.id, session=object_session(plan) or db.session)


def _decision_rows(plan_ids: list[int]) -> list[dict | None]:
    return decision_rows(Plan.id.in_(set(plan_ids)))
