"""Who is named on each line of a plan against who could be: the share of women and of ethnic
minority people among those named and in the line's pool (realism.md's, as OVER_POOL counts it).
A figure shown beside the findings, not a rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nq05.domain.groups import Composition, composition
from nq05.plans.models import Plan
from nq05.staff.groups import compositions


@dataclass(frozen=True)
class LineComposition:
    named: Composition
    pool: Composition


def line_compositions(plan: Plan, as_of: date) -> dict[int, LineComposition]:
    """line id -> the composition of the people named on it and of its pool (one query; the
    named people are those already loaded with the plan)."""
    from nq05.progress.realism import line_pool_members  # the ONE engine (docs/dev/progress-api.md)

    pools = compositions(line_pool_members(plan, as_of))
    return {
        line.id: LineComposition(
            named=composition((n.person.gender, n.person.ethnicity) for n in line.nominees),
            pool=pools.get(line.id, Composition()),
        )
        for line in plan.lines
    }
