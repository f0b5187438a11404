"""The plans' panels on the dashboard: what awaits review, and the unit's plan for next year."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from nq05 import clock
from nq05.extensions import db
from nq05.labels import label
from nq05.plans import queries, review
from nq05.plans.models import Plan
from nq05.reference.settings import load_settings
from nq05.web.dashboard import Panel, PanelItem, dashboard_panels
from nq05.web.formatting import date_vn


def _next_year() -> int:
    return clock.today().year + 1


def admin_panel(user) -> Panel:
    year = _next_year()
    waiting = db.session.scalar(select(func.count()).select_from(Plan).where(Plan.status == "submitted"))
    missing = len(review.units_without_plan_in_force(year))
    due = load_settings().plan_due_date(year)
    return Panel(
        title=_("Kế hoạch đào tạo, bồi dưỡng"),
        items=[
            PanelItem(
                _("Kế hoạch chờ duyệt"), url=url_for("plans.index") + "#queue", count=waiting, tone="warning"
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


def unit_panel(user) -> Panel | None:
    if user.unit_id is None:
        return None
    year = _next_year()
    due = load_settings().plan_due_date(year)
    latest = queries.latest_version(user.unit_id, year)
    if latest is None:
        item = PanelItem(
            _("Chưa lập kế hoạch năm %(year)s; hạn nộp %(due)s", year=year, due=date_vn(due)),
            url=url_for("plans.index") + "#start",
            tone="danger" if clock.today() > due else "warning",
        )
    else:
        text = _(
            "Kế hoạch năm %(year)s, phiên bản %(v)s: %(status)s",
            year=year,
            v=latest.version,
            status=label("plan_status", latest.status),
        )
        if latest.status == "returned" and latest.review_comment:
            text += " — " + latest.review_comment
        item = PanelItem(
            text,
            url=url_for("plans.view", plan_id=latest.id),
            tone={"returned": "danger", "draft": "warning", "approved": "ok"}.get(latest.status, "info"),
        )
    return Panel(
        title=_("Kế hoạch đào tạo, bồi dưỡng"),
        items=[item],
        more=(_("Tất cả kế hoạch"), url_for("plans.index")),
    )


def register_panels() -> None:
    dashboard_panels.register("admin", admin_panel, order=10)
    dashboard_panels.register("unit_head", unit_panel, order=10)
