"""Who is named on each line of a plan against who could be: the share of women and of ethnic
minority people among those named and in the line's pool (realism.md's, as OVER_POOL counts it).
A figure shown beside the findings, not a rule."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select

from nq05.domain.groups import Composition, composition
from nq05.extensions import db
from nq05.plans.models import Plan
from nq05.progress.realism import line_pool_members  # the ONE engine (docs/dev/progress-api.md)
from nq05.reference.settings import ProvinceSettings, load_settings
from nq05.staff.groups import compositions_of_rows, compositions_query


@dataclass(frozen=True)
class LineComposition:
    named: Composition
    pool: Composition


def line_compositions(
    plan: Plan, as_of: date, settings: ProvinceSettings | None = None
) -> dict[int, LineComposition]:
    """line id -> the composition of the people named on it and of its pool (one query; the
    named people are those already loaded with the plan). ``settings``: the province's, when
    the caller has read them already."""
    pools = compositions_of_rows(db.session.execute(_pools_query(plan, as_of, settings or load_settings())))
    return {
        line.id: LineComposition(
            named=composition((n.person.gender, n.person.ethnicity) for n in line.nominees),
            pool=pools.get(line.id, Composition()),
        )
        for line in plan.lines
    }


#: (plan id, unit, year, as of, settings) -> the pools' query. Building it (the eligibility
#: conditions of every line) costs the plan page more Python than anything else it shows; it
#: depends on these values only (the lines, the staff and the plans in force are read when it
#: runs), and a plan page is viewed again and again. The oldest entries go first.
_POOLS_QUERIES: dict[tuple, Select] = {}
_POOLS_QUERIES_KEPT = 256
_lock = threading.Lock()


def _pools_query(plan: Plan, as_of: date, settings: ProvinceSettings) -> Select:
    key = (plan.id, plan.unit_id, plan.year, as_of, settings)
    query = _POOLS_QUERIES.get(key)
    if query is None:
        query = compositions_query(line_pool_members(plan, as_of))
        with _lock:
            _POOLS_QUERIES[key] = query
            while len(_POOLS_QUERIES) > _POOLS_QUERIES_KEPT:
                del _POOLS_QUERIES[next(iter(_POOLS_QUERIES))]
    return query
