"""The home dashboard's panels: this year's plan findings by severity, within the user's scope;
where to read the progress figures (the province's, and the unit's own for a unit head, or any
unit's for the admin: /progress/units/)."""

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
    return Panel(title=_("Kiểm tra kế hoạch năm %(year)s", year=today.year), items=items)


def progress_panel(user) -> Panel:
    """The progress pages: a unit head's own unit (with the units under it) first, then the
    province; the admin the province, then a unit of their choice."""
    items = []
    if user.role == "unit_head" and user.unit is not None:
        items.append(
            PanelItem(
                _("%(unit)s và các đơn vị trực thuộc", unit=user.unit.name),
                url=url_for("progress.unit_progress", unit_id=user.unit_id),
            )
        )
    items.append(PanelItem(_("Toàn tỉnh"), url=url_for("progress.dashboard")))
    if user.role == "admin":
        items.append(
            PanelItem(_("Từng đơn vị và các đơn vị trực thuộc"), url=url_for("progress.unit_progress_index"))
        )
    return Panel(title=_("Tiến độ thực hiện chỉ tiêu"), items=items)


def register_panels() -> None:
    for role in ("admin", "unit_head"):
        dashboard_panels.register(role, findings_panel, order=30)
        dashboard_panels.register(role, progress_panel, order=31)
