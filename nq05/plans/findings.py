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
