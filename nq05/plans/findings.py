"""The realism findings shown on plan pages: the engine's own, never recomputed here."""

from __future__ import annotations

from collections import Counter
from datetime import date

SEVERITY_ORDER = ("error", "warning", "info")


def findings_of(plan_id: int, as_of: date) -> list:
    """The findings of a plan version as if it were the plan in force, in the engine's order."""
    from nq05.progress.realism import findings_for_plan  # the ONE engine (docs/dev/progress-api.md)

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


def unit_findings_of_year(year: int, as_of: date) -> dict[int, list]:
    """The engine's findings of every unit's plan in force for ``year``, by unit id.

    One evaluation for all units (the stored results when they are fresh for ``as_of``): this
    is what makes the review queue and approving several plans at once affordable.
    """
    from nq05.progress.realism import evaluate
    from nq05.progress.store import freshness, stored_findings

    fresh = freshness()
    if not fresh.stale and fresh.as_of == as_of:
        found = stored_findings(year)
    else:
        found = evaluate(year, as_of)
    by_unit: dict[int, list] = {}
    for finding in found:
        by_unit.setdefault(finding.unit_id, []).append(finding)
    return by_unit


def findings_by_plan(plans, as_of: date) -> dict[int, list]:
    """The findings of each plan version, by plan id.

    A version that is its unit's plan in force gets the year's evaluation (the same findings
    ``findings_for_plan`` gives it); any other version is checked on its own.
    """
    from nq05.plans.queries import plans_in_force

    found: dict[int, list] = {}
    in_force: dict[int, set[int]] = {}
    by_year: dict[int, dict[int, list]] = {}
    for plan in plans:
        if plan.year not in in_force:
            in_force[plan.year] = {p.id for p in plans_in_force(plan.year).values()}
        if plan.id in in_force[plan.year]:
            if plan.year not in by_year:
                by_year[plan.year] = unit_findings_of_year(plan.year, as_of)
            found[plan.id] = by_year[plan.year].get(plan.unit_id, [])
        else:
            found[plan.id] = findings_of(plan.id, as_of)
    return found
