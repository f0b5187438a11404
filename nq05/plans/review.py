"""What the plan lists show: versions grouped by unit and year, the admin's review queue, and
the units with no plan in force."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, exists, func, or_, select

from nq05.domain.codes import PLAN_IN_FORCE_STATUSES
from nq05.extensions import db
from nq05.plans import findings as plan_findings
from nq05.plans.models import Plan
from nq05.staff.models import Assignment, Unit


@dataclass
class PlanGroup:
    """All versions of one unit's plan for one year."""

    unit: Unit
    year: int
    versions: list[Plan] = field(default_factory=list)

    @property
    def latest(self) -> Plan:
        return self.versions[-1]

    @property
    def in_force(self) -> Plan | None:
        """The version in force as the pages say it: the latest approved one (a submitted version
        awaits approval; realism.md's engine term also counts it, the pages do not)."""
        return next((p for p in reversed(self.versions) if p.status == "approved"), None)


def group_by_unit_year(plans: list[Plan]) -> list[PlanGroup]:
    """Plans (any order) as groups, latest year first, then by unit code."""
    groups: dict[tuple[int, int], PlanGroup] = {}
    for plan in sorted(plans, key=lambda p: p.version):
        groups.setdefault((plan.unit_id, plan.year), PlanGroup(plan.unit, plan.year)).versions.append(plan)
    return sorted(groups.values(), key=lambda g: (-g.year, g.unit.sort_key, g.unit.code))


def years_offered(plans: list[Plan], today: date) -> list[int]:
    return sorted({p.year for p in plans} | {today.year, today.year + 1}, reverse=True)


def default_year(plans: list[Plan], today: date) -> int:
    """The year the admin most likely reviews: the latest with a submitted plan, else next year."""
    submitted = [p.year for p in plans if p.status == "submitted"]
    return max(submitted) if submitted else today.year + 1


@dataclass
class QueueEntry:
    plan: Plan
    counts: dict[str, int]

    @property
    def clean(self) -> bool:
        return self.counts["error"] == 0


def review_queue(year: int, as_of: date) -> list[QueueEntry]:
    """The submitted plans of ``year`` across units, with the engine's findings counted by severity."""
    plans = list(
        db.session.scalars(
            select(Plan)
            # a commune plan waiting for its district is not the province's yet
            .where(Plan.status == "submitted", Plan.year == year, Plan.reviewer_unit_id.is_(None))
            .order_by(Plan.submitted_on, Plan.id)
        )
    )
    found = plan_findings.findings_by_plan(plans, as_of)
    return [QueueEntry(plan, plan_findings.severity_counts(found[plan.id])) for plan in plans]


def waiting_by_year() -> dict[int, int]:
    """How many plans await the province's review, by year (latest year first)."""
    rows = db.session.execute(
        select(Plan.year, func.count())
        .where(Plan.status == "submitted", Plan.reviewer_unit_id.is_(None))
        .group_by(Plan.year)
        .order_by(Plan.year.desc())
    )
    return dict(rows.all())


def units_without_plan_in_force(year: int) -> list[Unit]:
    """Units with staff on 1 January of ``year`` and no plan in force for it (as MISSING_PLAN sees them)."""
    start = date(year, 1, 1)
    has_staff = exists(
        select(Assignment.id).where(
            Assignment.unit_id == Unit.id,
            Assignment.start_date <= start,
            or_(Assignment.end_date.is_(None), Assignment.end_date >= start),
        )
    )
    has_plan = exists(
        select(Plan.id).where(
            and_(Plan.unit_id == Unit.id, Plan.year == year, Plan.status.in_(PLAN_IN_FORCE_STATUSES))
        )
    )
    return list(
        db.session.scalars(select(Unit).where(has_staff, ~has_plan).order_by(Unit.sort_key, Unit.code))
    )


def latest_status_by_unit(year: int) -> dict[int, Plan]:
    """The latest version of each unit's plan for ``year``, by unit id."""
    latest: dict[int, Plan] = {}
    for plan in db.session.scalars(select(Plan).where(Plan.year == year).order_by(Plan.version)):
        latest[plan.unit_id] = plan
    return latest
