"""Two-level review: a commune's plan goes to its district first (issue 12).

When two-level review is on, a commune's plan submitted while its district has a unit head waits
for that district (``Plan.reviewer_unit_id``): the district's head sees it with its findings,
returns it to the commune with a comment or forwards it (several at once) to the province, whose
admin then reviews it as any other. The plan's status stays ``submitted`` throughout, so the
realism engine's plan in force (submitted or approved, realism.md) does not change.

The province setting ``district_review`` (table ``plan_settings``): ``on``, ``off``, or absent for
the default: on when some district has an active unit head.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from nq05.auth.queries import unit_heads
from nq05.extensions import db
from nq05.plans import findings as plan_findings
from nq05.plans.models import Plan, PlanEvent, PlanSetting
from nq05.staff.models import Unit

SETTING = "district_review"
#: what the admin may choose: follow the default, on, off
CHOICES = ("default", "on", "off")


def stored_choice(session: Session | None = None) -> str:
    session = session or db.session
    row = session.get(PlanSetting, SETTING)
    return row.value if row is not None and row.value in ("on", "off") else "default"


def districts_have_heads(session: Session | None = None) -> bool:
    session = session or db.session
    districts = list(session.scalars(select(Unit.id).where(Unit.level == "district")))
    return any(unit_heads(districts).values())


def is_on(session: Session | None = None) -> bool:
    """Whether two-level review is on: the admin's choice, else on when districts have heads."""
    choice = stored_choice(session)
    return choice == "on" if choice != "default" else districts_have_heads(session)


def reviewing_district(unit: Unit, session: Session | None = None) -> Unit | None:
    """The district that reviews ``unit``'s plan before the province, or None (the province does):
    a commune under a district that has an active unit head, while two-level review is on."""
    session = session or db.session
    parent = unit.parent
    if unit.level != "commune" or parent is None or parent.level != "district" or not is_on(session):
        return None
    return parent if unit_heads([parent.id]).get(parent.id) else None


@dataclass
class DistrictEntry:
    plan: Plan
    counts: dict[str, int]

    @property
    def clean(self) -> bool:
        return self.counts["error"] == 0


def waiting_for(district_id: int, as_of: date) -> list[DistrictEntry]:
    """The commune plans waiting for this district, with their findings counted by severity."""
    plans = list(
        db.session.scalars(
            select(Plan)
            .where(Plan.reviewer_unit_id == district_id, Plan.status == "submitted")
            .options(selectinload(Plan.unit))
            .order_by(Plan.year, Plan.submitted_on, Plan.id)
        )
    )
    found = plan_findings.findings_by_plan(plans, as_of)
    return [DistrictEntry(p, plan_findings.severity_counts(found[p.id])) for p in plans]


def recently_forwarded(district_id: int, limit: int = 20) -> list[Plan]:
    """Commune plans this district forwarded, the latest first."""
    forwarded_ids = (
        select(PlanEvent.plan_id)
        .where(PlanEvent.action == "forwarded")
        .join(Plan, Plan.id == PlanEvent.plan_id)
        .join(Unit, Unit.id == Plan.unit_id)
        .where(Unit.parent_id == district_id)
    )
    return list(
        db.session.scalars(
            select(Plan)
            .where(Plan.id.in_(forwarded_ids))
            .options(selectinload(Plan.unit))
            .order_by(Plan.forwarded_on.desc(), Plan.id.desc())
            .limit(limit)
        )
    )


def waiting_count_by_district() -> int:
    """How many plans wait for a district (the admin sees the number, not the plans' review)."""
    return (
        db.session.scalar(select(func.count()).select_from(Plan).where(Plan.reviewer_unit_id.is_not(None)))
        or 0
    )


def waiting_for_count(district_id: int) -> int:
    """How many commune plans wait for this district's head (the dashboard's count)."""
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Plan)
            .where(Plan.reviewer_unit_id == district_id, Plan.status == "submitted")
        )
        or 0
    )
