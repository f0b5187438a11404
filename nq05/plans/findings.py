"""The realism findings shown on plan pages: the engine's own, never recomputed here."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select

from nq05.extensions import db
from nq05.plans.queries import plans_in_force
from nq05.progress.realism import (
    evaluate,
    findings_for_plan,  # the ONE engine (docs/dev/progress-api.md)
)
from nq05.progress.store import freshness, stored_findings
from nq05.staff.models import Unit

SEVERITY_ORDER = ("error", "warning", "info")


def findings_of(plan_id: int, as_of: date) -> list:
    """The findings of a plan version as if it were the plan in force, in the engine's order."""
    return findings_for_plan(plan_id, as_of)


def severity_counts(findings) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {s: counts.get(s, 0) for s in SEVERITY_ORDER}


def is_clean(findings) -> bool:
    """No finding of severity error: the plan may be approved with others at once."""
    return not any(f.severity == "error" for f in findings)


def by_line(findings) -> dict[int, list]:
    """Findings attached to a plan line, by line id (for a marker beside the line)."""
    found: dict[int, list] = {}
    for finding in findings:
        if finding.line_id is not None:
            found.setdefault(finding.line_id, []).append(finding)
    return found


#: one plan's check costs about as much as the year's evaluation does for this many units
#: (docs/benchmarks.md: about 0.25 s against 3-7 ms a unit, on both databases and at every scale)
UNITS_PER_PLAN_CHECK = 50


def _stored_are_fresh(unit_codes: list[str], as_of: date) -> bool:
    """The stored findings of these units are up to date for ``as_of`` (their revisions only)."""
    fresh = freshness(unit_codes)
    return not fresh.stale and fresh.as_of == as_of


def _by_unit(found) -> dict[int, list]:
    by_unit: dict[int, list] = {}
    for finding in found:
        by_unit.setdefault(finding.unit_id, []).append(finding)
    return by_unit


def _unit_codes(unit_ids: set[int]) -> list[str]:
    return list(db.session.scalars(select(Unit.code).where(Unit.id.in_(unit_ids))))


def findings_by_plan(plans, as_of: date) -> dict[int, list]:
    """The findings of each plan version, by plan id, all from the one engine.

    A version that is its unit's plan in force has the same findings in the year's evaluation as
    on its own, so it is read from the cheapest source: the stored results when they are fresh
    for ``as_of``, else one evaluation of the year when that costs less than checking each such
    plan (the review queue), else its own check, scoped to its unit. Any other version is checked
    on its own.
    """
    found: dict[int, list] = {}
    for year in sorted({p.year for p in plans}):
        of_year = {p.unit_id for p in plans if p.year == year}
        in_force_ids = {p.id for p in plans_in_force(year, unit_ids=of_year).values()}
        group = [p for p in plans if p.year == year and p.id in in_force_ids]
        if not group:
            continue
        codes = _unit_codes({p.unit_id for p in group})
        if _stored_are_fresh(codes, as_of):
            by_unit = _by_unit(stored_findings(year, codes))
        elif len(group) * UNITS_PER_PLAN_CHECK >= len(plans_in_force(year)):
            by_unit = _by_unit(evaluate(year, as_of))
        else:
            continue
        for plan in group:
            found[plan.id] = by_unit.get(plan.unit_id, [])
    for plan in plans:
        if plan.id not in found:
            found[plan.id] = findings_of(plan.id, as_of)
    return found
