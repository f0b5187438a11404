"""The terms of realism.md: the clock, the plan in force, the lines, staff at a date.

A rule gets one ``Terms`` and builds its queries from the pieces here, so each query stays
set-based: one per rule or per track, not per person. Every rule sees all units, unless a plan
page asks about one unit (``Terms.unit_id``): then the rules may read that unit's rows only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sqlalchemy import and_, not_, select, true, union_all
from sqlalchemy.orm import aliased

from nq05 import postgres
from nq05.classes.eligibility import levels_at, levels_select
from nq05.domain.codes import PLAN_IN_FORCE_STATUSES
from nq05.extensions import db
from nq05.plans.models import Plan
from nq05.reference.models import Period
from nq05.reference.settings import ProvinceSettings, load_settings
from nq05.sql.dates import SqlDate, without_jit


def plans_in_force_cte(
    override: Plan | None = None, name: str = "plans_in_force", unit_id: int | None = None, unit_ids=None
):
    """Per (unit, year): the highest version whose status is submitted or approved.

    ``override`` is a plan version taken as its unit's plan in force for its year (the plan page
    checks drafts and returned versions "as if" they were in force); ``unit_id`` keeps that unit's
    plans only, ``unit_ids`` those units'.
    Columns: plan_id, unit_id, year, version, status, decided_on.
    """
    later = aliased(Plan)
    higher_in_force = (
        select(later.id)
        .where(
            later.unit_id == Plan.unit_id,
            later.year == Plan.year,
            later.version > Plan.version,
            later.status.in_(PLAN_IN_FORCE_STATUSES),
        )
        .exists()
    )
    columns = (
        Plan.id.label("plan_id"),
        Plan.unit_id,
        Plan.year,
        Plan.version,
        Plan.status,
        Plan.decided_on,
    )
    # "No higher version in force" rather than a join on max(version): PostgreSQL estimates the
    # anti-join well, and every rule joins this CTE.
    chosen = select(*columns).where(Plan.status.in_(PLAN_IN_FORCE_STATUSES), ~higher_in_force)
    if unit_id is not None:
        chosen = chosen.where(Plan.unit_id == unit_id)
    if unit_ids is not None:
        chosen = chosen.where(Plan.unit_id.in_(sorted(unit_ids)))
    if override is not None:
        chosen = chosen.where(not_(and_(Plan.unit_id == override.unit_id, Plan.year == override.year)))
        chosen = union_all(chosen, select(*columns).where(Plan.id == override.id))
    return chosen.cte(name)


@dataclass
class Terms:
    """Unit U (any), year Y, evaluated as of D."""

    year: int
    as_of: date
    settings: ProvinceSettings = field(default_factory=load_settings)
    #: a plan version to treat as its unit's plan in force (plan page)
    override: Plan | None = None
    #: only this unit's findings are wanted (plan page): ``in_force`` then holds its plans only,
    #: so every rule reads a unit's worth of rows; the findings of other units are then wrong
    #: and must be dropped by the caller
    unit_id: int | None = None
    #: the levels at R as a table the full recompute made for this year's rules (``share_levels``)
    shared_levels: object | None = None

    @property
    def start_of_year(self) -> date:
        """R = 1 January of Y: the date eligibility of a plan line is checked at."""
        return date(self.year, 1, 1)

    @property
    def at_r(self) -> SqlDate:
        return SqlDate.known(self.start_of_year)

    @cached_property
    def in_force(self):
        """The plans in force for every year (of the scoped unit only, when ``unit_id`` is set)."""
        return plans_in_force_cte(self.override, unit_id=self.unit_id)

    @property
    def levels(self):
        """``levels_at(R)`` for the rules over every unit (one pass over the qualifications, or the
        table ``share_levels`` made); None for a unit's check, whose rules look up its few people's
        levels instead (a pass would read every unit's rows)."""
        if self.unit_id is not None:
            return None
        return self.shared_levels if self.shared_levels is not None else levels_at(self.at_r)

    def share_levels(self) -> None:
        """On PostgreSQL, compute the levels at R once for the rules of this year over every unit
        (three of them read them) as a table of this transaction, rather than once per rule."""
        if self.unit_id is None and db.session.get_bind().dialect.name == "postgresql":
            without_jit(db.session)
            self.shared_levels = postgres.temporary_table(
                db.session, f"levels_at_{self.year}", levels_select(self.at_r)
            )

    def of_unit(self, unit_column):
        """A condition keeping the rows of the unit asked about (always true without one)."""
        return true() if self.unit_id is None else unit_column == self.unit_id

    @cached_property
    def in_force_all(self):
        """The plans in force of every unit, scope or not: for figures that add units up."""
        if self.unit_id is None:
            return self.in_force
        return plans_in_force_cte(self.override, name="plans_in_force_all")

    @cached_property
    def period(self) -> Period | None:
        """The period containing Y: the first (by start) whose years include Y."""
        periods = db.session.scalars(select(Period).order_by(Period.start_date)).all()
        for p in periods:
            if p.start_date.year <= self.year <= p.end_date.year:
                return p
        return None
