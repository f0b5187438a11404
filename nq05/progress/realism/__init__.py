"""Plan realism (shared/spec/realism.md): one module per rule, in the spec's order.

``evaluate(year, as_of, unit_code=None)`` is what ``nq05 realism`` prints; ``findings_for_plan``
checks one plan version (a draft, a returned version) as if it were its unit's plan in force.
"""

from __future__ import annotations

from datetime import date

from nq05.extensions import db
from nq05.plans.models import Plan
from nq05.progress.realism import (
    behind_pace,
    ineligible_nominee,
    low_execution,
    missing_plan,
    no_named_source,
    over_capacity,
    over_pool,
    stale_plan,
    succession_unlinked,
    uncovered_standard_gap,
)
from nq05.progress.realism.details import annotate
from nq05.progress.realism.findings import Finding, findings_json, sorted_findings
from nq05.progress.realism.terms import Terms
from nq05.reference.settings import ProvinceSettings
from nq05.sql.dates import without_jit

#: the rules in the order of realism.md
RULES = (
    missing_plan,
    over_pool,
    ineligible_nominee,
    over_capacity,
    uncovered_standard_gap,
    behind_pace,
    low_execution,
    no_named_source,
    stale_plan,
    succession_unlinked,
)

__all__ = ["Finding", "evaluate", "findings_for_plan", "findings_json", "line_pool_members", "run_rules"]


def run_rules(terms: Terms) -> list[Finding]:
    """Every rule over every unit, sorted as the JSON output is, with the details their wording
    needs (names, the numbers behind a reason)."""
    without_jit(db.session)
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule.findings(terms))
    return annotate(sorted_findings(findings), terms)


def evaluate(
    year: int, as_of: date, unit_code: str | None = None, settings: ProvinceSettings | None = None
) -> list[Finding]:
    """The findings for ``year`` as of ``as_of``; with ``unit_code``, only that unit's (the rules
    still see every unit)."""
    terms = Terms(year, as_of) if settings is None else Terms(year, as_of, settings)
    findings = run_rules(terms)
    if unit_code is not None:
        findings = [f for f in findings if f.unit == unit_code]
    return findings


def findings_for_plan(plan_id: int, as_of: date) -> list[Finding]:
    """The findings of one plan version, as if it were its unit's plan in force for its year.

    Only the unit's own findings are returned (e.g. its OVER_CAPACITY share of a shortage, its
    nominees, its pace against its quota).
    """
    plan = db.session.get(Plan, plan_id)
    if plan is None:
        raise LookupError(f"no plan with id {plan_id}")
    findings = run_rules(Terms(plan.year, as_of, override=plan, unit_id=plan.unit_id))
    return [f for f in findings if f.unit_id == plan.unit_id]


def line_pool_members(plan: Plan, as_of: date):
    """SELECT of (line_id, person_id): the pool of each line of a plan version (OVER_POOL's: the
    unit's staff on 1 January in the line's category who are eligible), as if it were in force."""
    return over_pool.pool_members(Terms(plan.year, as_of, override=plan, unit_id=plan.unit_id))
