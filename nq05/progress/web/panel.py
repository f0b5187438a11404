"""The home dashboard's panel: this year's plan findings by severity, within the user's scope."""

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


def register_panels() -> None:
    for role in ("admin", "unit_head"):
        dashboard_panels.register(role, findings_panel, order=30)
