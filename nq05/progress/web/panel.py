"""The home dashboard's panels: this year's plan findings by severity, within the user's scope;
for a unit head, the way to their unit's progress page."""

from __future__ import annotations

from collections import Counter

from flask import url_for
from flask_babel import gettext as _

from nq05 import clock
from nq05.labels import label
from nq05.progress.realism.findings import SEVERITIES
from nq05.progress.web import results
from nq05.web.dashboard import Panel, PanelItem, dashboard_panels

TONES = {"error": "danger", "warning": "warning", "info": "info"}


def findings_panel(user) -> Panel:
    today = clock.today()
    by_code, _provenance = results.finding_code_counts(today.year, today, results.scope_units())
    counts = Counter()
    for code, n in by_code.items():
        counts[SEVERITIES[code]] += n
    items = [
        PanelItem(
            label("severity", severity),
            url=url_for("progress.findings", year=today.year, severity=severity),
            count=counts.get(severity, 0),
            tone=TONES[severity] if counts.get(severity) else "ok",
        )
        for severity in ("error", "warning", "info")
    ]
    return Panel(
        title=_("Kiểm tra kế hoạch năm %(year)s", year=today.year),
        items=items,
        more=(_("Tiến độ thực hiện chỉ tiêu"), url_for("progress.dashboard")),
    )


def unit_progress_panel(user) -> Panel | None:
    """A unit head's unit: a link to its progress page (the report, by gender or ethnic group on
    demand, and the funnel)."""
    if user.unit_id is None or user.unit is None:
        return None
    page = url_for("progress.unit_progress", unit_id=user.unit_id)
    return Panel(
        title=_("Tiến độ đơn vị"),
        items=[PanelItem(_("Tiến độ: %(unit)s", unit=user.unit.name), url=page)],
    )


def register_panels() -> None:
    for role in ("admin", "unit_head"):
        dashboard_panels.register(role, findings_panel, order=30)
    dashboard_panels.register("unit_head", unit_progress_panel, order=31)
