"""Who may see and change annual plans."""

from __future__ import annotations

from flask import abort
from sqlalchemy import Select, false, select

from nq05.auth.access import CENTRE_STAFF, _check, _load_or_404, _user
from nq05.staff.access import readable_unit_ids, unit_clause, writable_unit_ids

# --- plans ---------------------------------------------------------------------------------------


def plan_clause(user=None, write: bool = False):
    from nq05.plans.models import Plan

    user = _user(user)
    if not user.is_authenticated or user.role == CENTRE_STAFF:
        return false()
    return unit_clause(Plan.unit_id, user, write)


def plans_query_for(user=None, write: bool = False) -> Select:
    from nq05.plans.models import Plan

    return select(Plan).where(plan_clause(user, write))


def plan_or_404(plan_id: int, write: bool = False, user=None):
    """A plan of the user's unit (or a sub-unit's, read-only); admin any plan."""
    from nq05.plans.models import Plan

    user = _user(user)
    plan = _load_or_404(Plan, plan_id)
    if user.role == CENTRE_STAFF:
        abort(404)
    _check(plan.unit_id in readable_unit_ids(user), plan.unit_id in writable_unit_ids(user), write)
    return plan
