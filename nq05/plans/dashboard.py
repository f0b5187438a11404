"""The plans' panels on the dashboard: what awaits review, and the state of the unit's plans by year
with the last decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from nq05 import clock
from nq05.extensions import db
from nq05.plans import district, review
from nq05.plans.models import Plan
from nq05.reference.settings import load_settings
from nq05.web.dashboard import Panel, PanelItem, dashboard_panels
from nq05.web.formatting import date_vn


def _next_year() -> int:
    return clock.today().year + 1


def admin_panel(user) -> Panel:
    year = _next_year()
    waiting = db.session.scalar(
        select(func.count())
        .select_from(Plan)
        .where(Plan.status == "submitted", Plan.reviewer_unit_id.is_(None))
    )
    at_districts = district.waiting_count_by_district()
    missing = len(review.units_without_plan_in_force(year))
    due = load_settings().plan_due_date(year)
    return Panel(
        title=_("Kế hoạch đào tạo, bồi dưỡng"),
        items=[
            PanelItem(
                _("Kế hoạch chờ duyệt"), url=url_for("plans.index") + "#queue", count=waiting, tone="warning"
            ),
            *(
                [
                    PanelItem(
                        _("Kế hoạch cấp xã đang chờ huyện xem xét"),
                        url=url_for("plans.index") + "#queue",
                        count=at_districts,
                        tone="info",
                    )
                ]
                if at_districts
                else []
            ),
            PanelItem(
                _("Đơn vị chưa có kế hoạch năm %(year)s (hạn %(due)s)", year=year, due=date_vn(due)),
                url=url_for("plans.index", year=year) + "#missing",
                count=missing,
                tone="danger" if missing and clock.today() > due else "info",
            ),
        ],
        more=(_("Tất cả kế hoạch"), url_for("plans.index")),
    )


@dataclass
class YearState:
    """One year of the unit's plan on its head's dashboard."""

    year: int
    due: date
    #: the latest version, None when no plan was started
    latest: Plan | None = None
    #: the latest approved version: the plan in force for the unit (only once approved)
    in_force: Plan | None = None
    #: the version of the last decision (approved or returned), with its comment and date
    decided: Plan | None = None

    @property
    def tone(self) -> str:
        if self.latest is None:
            return "danger" if clock.today() > self.due else "warning"
        return {"returned": "danger", "draft": "warning", "approved": "ok"}.get(self.latest.status, "info")


def unit_years(unit_id: int, today: date) -> list[YearState]:
    """The unit's plans by year, latest year first: this year and next year always (due or not),
    and any year since last year that has a plan. One query for the versions."""
    settings = load_settings()
    plans = list(
        db.session.scalars(
            select(Plan)
            .where(Plan.unit_id == unit_id, Plan.year >= today.year - 1)
            .order_by(Plan.year, Plan.version)
        )
    )
    years = sorted({today.year, today.year + 1} | {p.year for p in plans}, reverse=True)
    states = {y: YearState(y, settings.plan_due_date(y)) for y in years}
    for plan in plans:  # by version: the last one written wins
        state = states[plan.year]
        state.latest = plan
        if plan.status == "approved":
            state.in_force = plan
        if plan.status in ("approved", "returned"):
            state.decided = plan
    return [states[y] for y in years]


def unit_panel(user) -> Panel | None:
    if user.unit_id is None:
        return None
    waiting = district.waiting_for_count(user.unit_id)
    return Panel(
        title=_("Kế hoạch đào tạo, bồi dưỡng"),
        template="plans/_dashboard_unit.html",
        context={"years": unit_years(user.unit_id, clock.today()), "district_waiting": waiting},
        more=(_("Tất cả kế hoạch"), url_for("plans.index")),
    )


def register_panels() -> None:
    dashboard_panels.register("admin", admin_panel, order=10)
    dashboard_panels.register("unit_head", unit_panel, order=10)
