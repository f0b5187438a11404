"""Who may see and change annual plans: a unit head their own unit's (read/write) and its
sub-units' (read only); centre staff none; the admin all. Lines and named people are reached
through their plan."""

from __future__ import annotations

from flask import abort
from sqlalchemy import Select, select

from nq05.auth.access import (
    CENTRE_STAFF,
    UNIT_HEAD,
    acting_user,
    check,
    clause,
    guards,
    load_or_404,
    record_rule,
)
from nq05.plans.models import Plan, PlanLine
from nq05.staff.access import readable_unit_ids, unit_clause, writable_unit_ids


@record_rule("plan", UNIT_HEAD)
def _plans_of_the_units(user, write: bool):
    return unit_clause(Plan.unit_id, user, write)


def plan_clause(user=None, write: bool = False):
    return clause("plan", user, write)


def plans_query_for(user=None, write: bool = False) -> Select:
    return select(Plan).where(plan_clause(user, write))


@guards("plan_id")
def plan_or_404(plan_id: int, write: bool = False, user=None) -> Plan:
    """A plan of the user's unit (or a sub-unit's, read-only); admin any plan."""
    user = acting_user(user)
    plan = load_or_404(Plan, plan_id)
    if user.role == CENTRE_STAFF:
        abort(404)
    check(plan.unit_id in readable_unit_ids(user), plan.unit_id in writable_unit_ids(user), write)
    return plan


@guards("line_id")
def line_or_404(plan: Plan, line_id: int) -> PlanLine:
    """A line of ``plan`` (already loaded through ``plan_or_404``)."""
    line = next((line for line in plan.lines if line.id == line_id), None)
    if line is None:
        abort(404)
    return line
